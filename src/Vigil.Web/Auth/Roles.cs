namespace Vigil.Web.Auth;

/// <summary>
/// The three roles, each including the one before: a viewer reads; an analyst also changes events, alerts
/// and risks; an admin also manages users, API keys and ingestion.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Analyst = "analyst";
    public const string Admin = "admin";

    /// <summary>The roles, weakest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Analyst, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The roles that include <paramref name="minimum"/> (for authorization policies).</summary>
    public static string[] AtLeast(string minimum)
    {
        var index = All.ToList().IndexOf(minimum);
        if (index < 0)
        {
            throw new ArgumentException($"unknown role '{minimum}'", nameof(minimum));
        }

        return [.. All.Skip(index)];
    }
}

/// <summary>Authorization policy names: the weakest role an endpoint needs.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Analyst = "analyst";
    public const string Admin = "admin";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Web.Auth;

/// <summary>
/// Password hashes with PBKDF2-HMAC-SHA256 (<see cref="Rfc2898DeriveBytes.Pbkdf2(string, byte[], int, HashAlgorithmName, int)"/>),
/// 600,000 iterations (OWASP's 2023 figure for this KDF), a 16-byte random salt and a 32-byte key, stored as
/// <c>pbkdf2-sha256$ITERATIONS$SALT$KEY</c> (base64). The iteration count is part of the stored value, so it can be
/// raised later without invalidating existing hashes.
/// </summary>
public static class PasswordHashing
{
    public const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, KeyBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="stored"/> (compared in constant time).</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A hash of a random password: verifying against it costs what a real check costs (for unknown user names).</summary>
    internal static string Decoy => DecoyHash.Value;

    private static readonly Lazy<string> DecoyHash = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
}

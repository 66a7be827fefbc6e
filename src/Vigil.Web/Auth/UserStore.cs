using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Vigil.Storage.Sqlite;

namespace Vigil.Web.Auth;

/// <summary>A user of the web workbench.</summary>
/// <param name="Stamp">Changes whenever the password or role changes: sessions carrying an older stamp end.</param>
public sealed record UserRecord(string Name, string Role, string CreatedAt, string Stamp);

/// <summary>An API key's record (the key itself is never stored, only its SHA-256).</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Role, string CreatedAt, string? RevokedAt);

/// <summary>The outcome of a change: null error on success, else a message saying what to fix.</summary>
public sealed record StoreChange(string? Error)
{
    public bool Succeeded => Error is null;

    internal static StoreChange Ok { get; } = new((string?)null);
}

/// <summary>
/// Users and API keys of the web workbench, in the data directory's <c>vigil.db</c> (schema component <c>web</c>).
/// Passwords are stored as PBKDF2 hashes (<see cref="PasswordHashing"/>); API keys are 256-bit random values of
/// which only the SHA-256 is stored (a key is shown once, when it is made). Thread-safe: each call uses its own
/// pooled connection.
/// </summary>
public sealed partial class UserStore
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    private const string KeyPrefix = "vigil_";

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE web_users (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            stamp TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE web_api_keys (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            key_sha256 TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT);
        """,
    ];

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private UserStore(string connectionString, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
    }

    /// <summary>Opens (creating or migrating the <c>web</c> tables if needed) the store of <paramref name="dataDirectory"/>.</summary>
    public static UserStore Open(string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var connection = ComponentSchema.OpenConnection(dataDirectory, out var file, out var connectionString);
        ComponentSchema.Apply(connection, file, "web", Steps);
        return new UserStore(connectionString, time);
    }

    /// <summary>True when at least one user exists (then nobody is signed in without a password).</summary>
    public bool HasUsers()
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT EXISTS (SELECT 1 FROM web_users);");
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    public IReadOnlyList<UserRecord> ListUsers()
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT name, role, created_at, stamp FROM web_users ORDER BY name COLLATE NOCASE, name;");
        using var r = cmd.ExecuteReader();
        var users = new List<UserRecord>();
        while (r.Read())
        {
            users.Add(new UserRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        }

        return users;
    }

    public UserRecord? FindUser(string name)
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT name, role, created_at, stamp FROM web_users WHERE name = $n;", ("$n", name));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new UserRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)) : null;
    }

    /// <summary>Checks a password; null when the name is unknown or the password wrong (the two take the same time).</summary>
    public UserRecord? Verify(string name, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        string? hash = null;
        UserRecord? user = null;
        if (!string.IsNullOrEmpty(name) && name.Length <= 64)
        {
            using var c = Connect();
            using var cmd = Command(c, "SELECT name, role, created_at, stamp, password_hash FROM web_users WHERE name = $n;", ("$n", name));
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                user = new UserRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3));
                hash = r.GetString(4);
            }
        }

        var matches = PasswordHashing.Verify(password, hash ?? PasswordHashing.Decoy);
        return matches && user is not null ? user : null;
    }

    public StoreChange AddUser(string name, string role, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (CheckName(name) is { } nameError)
        {
            return new StoreChange(nameError);
        }

        if (!Roles.IsValid(role))
        {
            return new StoreChange($"unknown role '{role}'; use {string.Join(", ", Roles.All)}.");
        }

        if (password.Length < MinPasswordLength)
        {
            return new StoreChange($"the password has {password.Length} characters; use at least {MinPasswordLength}.");
        }

        if (password.Length > 1024)
        {
            return new StoreChange("the password is longer than 1024 characters.");
        }

        var hash = PasswordHashing.Hash(password);
        var now = Now();
        using var c = Connect();
        try
        {
            using var cmd = Command(c, "INSERT INTO web_users (name, role, password_hash, stamp, created_at, updated_at) VALUES ($n, $r, $h, $s, $t, $t);",
                ("$n", name), ("$r", role), ("$h", hash), ("$s", NewStamp()), ("$t", now));
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return new StoreChange($"a user named '{name}' exists already; 'vigil users set-role' changes a role.");
        }

        return StoreChange.Ok;
    }

    public StoreChange RemoveUser(string name)
    {
        using var c = Connect();
        using var cmd = Command(c, "DELETE FROM web_users WHERE name = $n;", ("$n", name));
        return cmd.ExecuteNonQuery() == 0 ? new StoreChange($"no user named '{name}'; 'vigil users list' lists them.") : StoreChange.Ok;
    }

    /// <summary>Changes a user's role; their sessions end (they sign in again with the new role).</summary>
    public StoreChange SetRole(string name, string role)
    {
        if (!Roles.IsValid(role))
        {
            return new StoreChange($"unknown role '{role}'; use {string.Join(", ", Roles.All)}.");
        }

        using var c = Connect();
        using var cmd = Command(c, "UPDATE web_users SET role = $r, stamp = $s, updated_at = $t WHERE name = $n;",
            ("$n", name), ("$r", role), ("$s", NewStamp()), ("$t", Now()));
        return cmd.ExecuteNonQuery() == 0 ? new StoreChange($"no user named '{name}'; 'vigil users list' lists them.") : StoreChange.Ok;
    }

    /// <summary>Makes an API key. The returned secret is the only copy: show it once.</summary>
    public (ApiKeyRecord? Key, string? Secret, string? Error) AddKey(string name, string role)
    {
        if (CheckName(name) is { } nameError)
        {
            return (null, null, nameError);
        }

        if (!Roles.IsValid(role))
        {
            return (null, null, $"unknown role '{role}'; use {string.Join(", ", Roles.All)}.");
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        using var c = Connect();
        using var cmd = Command(c, "INSERT INTO web_api_keys (id, name, role, key_sha256, created_at) VALUES ($i, $n, $r, $h, $t);",
            ("$i", id), ("$n", name), ("$r", role), ("$h", KeyHash(secret)), ("$t", now));
        cmd.ExecuteNonQuery();
        return (new ApiKeyRecord(id, name, role, now, null), secret, null);
    }

    public IReadOnlyList<ApiKeyRecord> ListKeys()
    {
        using var c = Connect();
        using var cmd = Command(c, "SELECT id, name, role, created_at, revoked_at FROM web_api_keys ORDER BY created_at, id;");
        using var r = cmd.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (r.Read())
        {
            keys.Add(new ApiKeyRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        }

        return keys;
    }

    public StoreChange RevokeKey(string id)
    {
        using var c = Connect();
        using var cmd = Command(c, "UPDATE web_api_keys SET revoked_at = $t WHERE id = $i AND revoked_at IS NULL;", ("$i", id), ("$t", Now()));
        if (cmd.ExecuteNonQuery() > 0)
        {
            return StoreChange.Ok;
        }

        return ListKeys().Any(k => k.Id == id) ? new StoreChange($"key {id} is revoked already.") : new StoreChange($"no key with id '{id}'; 'vigil keys list' lists them.");
    }

    /// <summary>The live (not revoked) key whose secret this is, or null.</summary>
    public ApiKeyRecord? FindKey(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200 || !secret.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        using var c = Connect();
        using var cmd = Command(c, "SELECT id, name, role, created_at, revoked_at FROM web_api_keys WHERE key_sha256 = $h AND revoked_at IS NULL;", ("$h", KeyHash(secret)));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new ApiKeyRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), null) : null;
    }

    /// <summary>Null when <paramref name="name"/> is a usable user or key name, else what is wrong with it.</summary>
    public static string? CheckName(string? name) =>
        name is not null && NamePattern().IsMatch(name) ? null
            : $"'{name}' is not a usable name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();

    // The secret has 256 random bits, so one SHA-256 is enough (no KDF needed to resist guessing).
    private static string KeyHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters)
        {
            cmd.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        return cmd;
    }
}

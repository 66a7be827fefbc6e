using System.Text;
using Microsoft.Data.Sqlite;
using Vigil.Web.Auth;

namespace Vigil.Web.Tests;

public sealed class UserStoreTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "vigil-web-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public void A_password_hash_is_pbkdf2_sha256_with_600000_iterations_and_a_random_salt()
    {
        var one = PasswordHashing.Hash("a long enough password");
        var two = PasswordHashing.Hash("a long enough password");
        var parts = one.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("600000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(one, two);
        Assert.True(PasswordHashing.Verify("a long enough password", one));
        Assert.False(PasswordHashing.Verify("a long enough passwore", one));
        Assert.False(PasswordHashing.Verify("a long enough password", "garbage"));
    }

    [Fact]
    public void A_known_pbkdf2_vector_verifies()
    {
        // RFC 7914 §11 PBKDF2-HMAC-SHA256 test vector: P = "passwd", S = "salt", c = 1, dkLen = 64.
        const string key = "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==";
        Assert.True(PasswordHashing.Verify("passwd", $"pbkdf2-sha256$1${Convert.ToBase64String("salt"u8)}${key}"));
    }

    [Fact]
    public void Users_are_added_listed_changed_and_removed()
    {
        var store = UserStore.Open(_data, TimeProvider.System);
        Assert.False(store.HasUsers());
        Assert.True(store.AddUser("ada", Roles.Admin, "correct horse battery").Succeeded);
        Assert.Contains("exists already", store.AddUser("ADA", Roles.Viewer, "another password!").Error, StringComparison.Ordinal);
        Assert.True(store.HasUsers());
        Assert.Equal("ada", store.Verify("ada", "correct horse battery")?.Name);
        Assert.Null(store.Verify("ada", "wrong horse battery"));
        Assert.Null(store.Verify("nobody", "correct horse battery"));

        var stamp = store.FindUser("ada")!.Stamp;
        Assert.True(store.SetRole("ada", Roles.Viewer).Succeeded);
        Assert.Equal(Roles.Viewer, store.FindUser("ada")!.Role);
        Assert.NotEqual(stamp, store.FindUser("ada")!.Stamp);
        Assert.True(store.RemoveUser("ada").Succeeded);
        Assert.False(store.RemoveUser("ada").Succeeded);
        Assert.False(store.HasUsers());
    }

    [Theory]
    [InlineData("../ada", "correct horse battery", "not a usable name")]
    [InlineData("a b", "correct horse battery", "not a usable name")]
    [InlineData("", "correct horse battery", "not a usable name")]
    [InlineData("ada", "short", "at least 12")]
    public void Unusable_names_and_short_passwords_are_refused(string name, string password, string message)
    {
        var store = UserStore.Open(_data, TimeProvider.System);
        Assert.Contains(message, store.AddUser(name, Roles.Viewer, password).Error, StringComparison.Ordinal);
        Assert.Contains("unknown role", store.AddUser("ada", "root", "correct horse battery").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_key_is_256_random_bits_shown_once_and_only_its_hash_is_stored()
    {
        var store = UserStore.Open(_data, TimeProvider.System);
        var (key, secret, _) = store.AddKey("nightly-export", Roles.Viewer);
        Assert.StartsWith("vigil_", secret, StringComparison.Ordinal);
        Assert.Equal(43, secret!.Length - "vigil_".Length); // 32 bytes in unpadded base64url
        Assert.Equal(key!.Id, store.FindKey(secret)?.Id);
        Assert.Null(store.FindKey(secret + "x"));

        SqliteConnection.ClearAllPools();
        var stored = string.Concat(Directory.GetFiles(_data, "vigil.db*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(secret["vigil_".Length..], stored, StringComparison.Ordinal);

        Assert.True(store.RevokeKey(key.Id).Succeeded);
        Assert.Null(store.FindKey(secret));
        Assert.Contains("revoked already", store.RevokeKey(key.Id).Error, StringComparison.Ordinal);
        Assert.NotNull(store.ListKeys().Single().RevokedAt);
    }
}

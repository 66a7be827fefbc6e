using System.Text;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil users</c>, <c>vigil keys</c>, <c>vigil serve</c>'s refusal, and <c>vigil search --domain</c>.</summary>
public sealed class WebCommandTests
{
    [Fact]
    public void Users_are_added_from_standard_input_listed_changed_and_removed()
    {
        using var cli = new CliRunner();
        var add = cli.RunWithInput(Encoding.UTF8.GetBytes("correct horse battery\n"), "users", "add", "ada", "--role", "admin", "--password-stdin");
        Assert.Equal(0, add.ExitCode);
        Assert.Equal("admin", add.Json.GetProperty("role").GetString());
        Assert.Equal(0, cli.RunWithInput(Encoding.UTF8.GetBytes("viewer password 1\n"), "users", "add", "vic", "--role", "viewer", "--password-stdin").ExitCode);

        var list = cli.Run("users", "list");
        Assert.Equal(["ada:admin", "vic:viewer"], list.Json.EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()}:{u.GetProperty("role").GetString()}"));

        Assert.Equal(0, cli.Run("users", "set-role", "vic", "analyst").ExitCode);
        Assert.Equal(0, cli.Run("users", "remove", "ada").ExitCode);
        Assert.Equal(["vic:analyst"], cli.Run("users", "list").Json.EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()}:{u.GetProperty("role").GetString()}"));
    }

    [Fact]
    public void Bad_user_commands_are_usage_errors_that_say_why()
    {
        using var cli = new CliRunner();
        var shortPassword = cli.RunWithInput(Encoding.UTF8.GetBytes("short\n"), "users", "add", "ada", "--role", "admin", "--password-stdin");
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("at least 12", shortPassword.Error, StringComparison.Ordinal);

        var noTerminal = cli.Run("users", "add", "ada", "--role", "admin");
        Assert.Equal(1, noTerminal.ExitCode);
        Assert.Contains("--password-stdin", noTerminal.Error, StringComparison.Ordinal);

        Assert.Equal(1, cli.Run("users", "add", "ada", "--role", "root", "--password-stdin").ExitCode);
        var missing = cli.Run("users", "remove", "nobody");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no user named 'nobody'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_is_shown_once_listed_without_its_secret_and_revoked()
    {
        using var cli = new CliRunner();
        var add = cli.Run("keys", "add", "nightly", "--role", "viewer");
        Assert.Equal(0, add.ExitCode);
        var id = add.Json.GetProperty("id").GetString()!;
        var secret = add.Json.GetProperty("key").GetString()!;
        Assert.StartsWith("vigil_", secret, StringComparison.Ordinal);

        var list = cli.Run("keys", "list");
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);
        Assert.Equal(id, list.Json[0].GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, list.Json[0].GetProperty("revoked").ValueKind);

        Assert.Equal(0, cli.Run("keys", "revoke", id).ExitCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, cli.Run("keys", "list").Json[0].GetProperty("revoked").ValueKind);
        Assert.Equal(1, cli.Run("keys", "revoke", id).ExitCode);
    }

    [Fact]
    public void Serve_refuses_a_non_loopback_address_without_users_and_says_why()
    {
        using var cli = new CliRunner();
        var result = cli.Run("serve", "--urls", "http://0.0.0.0:5080");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no user is configured", result.Error, StringComparison.Ordinal);
        Assert.Contains("vigil users add", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_with_a_domain_keeps_only_documents_assigned_it()
    {
        using var cli = new CliRunner();
        cli.Write("food.md", "---\ndate: 2021\n---\n我们要保障粮食安全，守住耕地红线。安全是发展的前提。\n");
        cli.Write("other.md", "---\ndate: 2021\n---\n网络安全和数据安全同样重要。\n");
        Assert.Equal(0, cli.Run("ingest", cli.Files).ExitCode);

        var all = cli.Run("search", "安全");
        Assert.Equal(2, all.Json.GetArrayLength());
        var food = cli.Run("search", "安全", "--domain", "food");
        Assert.Equal(0, food.ExitCode);
        Assert.EndsWith("food.md", Assert.Single(food.Json.EnumerateArray()).GetProperty("path").GetString(), StringComparison.Ordinal);

        var unknown = cli.Run("search", "安全", "--domain", "nowhere");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown domain 'nowhere'", unknown.Error, StringComparison.Ordinal);
    }
}

using System.CommandLine;
using System.Text;
using Spectre.Console;
using Vigil.Web.Auth;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil users add|list|remove|set-role</c> and <c>vigil keys add|list|revoke</c>: the accounts and API keys of
/// the web workbench (<c>vigil serve</c>), stored in the data directory.
/// </summary>
internal static class UsersCommand
{
    private static Argument<string> Name(string description) => new("NAME") { Description = description };

    private static Option<string> Role(bool required) => new Option<string>("--role")
    {
        Description = "viewer (reads), analyst (also changes events, alerts, risks) or admin (also users, keys, ingest)",
        Required = required,
        HelpName = "viewer|analyst|admin",
    }.With(o => o.AcceptOnlyFromAmong([.. Roles.All]));

    private static UserStore Open(CliContext context, ParseResult parse) =>
        UserStore.Open(context.DataDirectory(parse.GetValue(GlobalOptions.Data)), context.Time);

    public static Command CreateUsers(CliContext context)
    {
        var command = new Command("users", "Users of the web workbench: add, list, remove, set-role");

        var addName = Name("User name (letters, digits, . _ @ -)");
        var addRole = Role(required: true);
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (else it is asked for)" };
        var add = new Command("add", "Add a user (their password is hashed with PBKDF2-SHA256, 600,000 iterations)") { addName, addRole, passwordStdin };
        add.SetAction(parse =>
        {
            var name = parse.GetValue(addName)!;
            if (UserStore.CheckName(name) is { } nameError)
            {
                return context.Usage(nameError);
            }

            string? password;
            if (parse.GetValue(passwordStdin))
            {
                using var reader = new StreamReader(context.StandardInput(), new UTF8Encoding(false));
                password = reader.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    return context.Usage("standard input has no password (give it on the first line).");
                }
            }
            else if (context.OutputRedirected)
            {
                return context.Usage("not on a terminal: give the password on standard input with --password-stdin.");
            }
            else
            {
                password = context.Console.Prompt(new TextPrompt<string>($"Password for {Markup.Escape(name)}:").Secret());
                var again = context.Console.Prompt(new TextPrompt<string>("Again:").Secret());
                if (password != again)
                {
                    return context.Usage("the two passwords differ; nothing was changed.");
                }
            }

            var change = Open(context, parse).AddUser(name, parse.GetValue(addRole)!, password);
            if (!change.Succeeded)
            {
                return context.Usage(change.Error!);
            }

            return Done(context, parse, new { name, role = parse.GetValue(addRole) }, $"Added {name} ({parse.GetValue(addRole)}).");
        });

        var list = new Command("list", "List users and roles");
        list.SetAction(parse =>
        {
            var users = Open(context, parse).ListUsers();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(users.Select(u => new { name = u.Name, role = u.Role, created = u.CreatedAt }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("name", "role", "created");
            foreach (var u in users)
            {
                table.AddRow(Markup.Escape(u.Name), u.Role, u.CreatedAt);
            }

            context.Console.Write(table);
            context.Console.MarkupLine(users.Count == 0 ? "No users: 'vigil serve' on loopback runs in local mode (you are admin)." : $"{users.Count} users");
            return ExitCodes.Success;
        });

        var removeName = Name("User to remove");
        var remove = new Command("remove", "Remove a user (their sessions end)") { removeName };
        remove.SetAction(parse =>
        {
            var name = parse.GetValue(removeName)!;
            var change = Open(context, parse).RemoveUser(name);
            return change.Succeeded ? Done(context, parse, new { removed = name }, $"Removed {name}.") : context.Usage(change.Error!);
        });

        var roleName = Name("User whose role changes");
        var newRole = new Argument<string>("ROLE") { Description = "viewer, analyst or admin" };
        newRole.AcceptOnlyFromAmong([.. Roles.All]);
        var setRole = new Command("set-role", "Change a user's role (their sessions end; they sign in again)") { roleName, newRole };
        setRole.SetAction(parse =>
        {
            var name = parse.GetValue(roleName)!;
            var change = Open(context, parse).SetRole(name, parse.GetValue(newRole)!);
            return change.Succeeded ? Done(context, parse, new { name, role = parse.GetValue(newRole) }, $"{name} is now {parse.GetValue(newRole)}.") : context.Usage(change.Error!);
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(setRole);
        return command;
    }

    public static Command CreateKeys(CliContext context)
    {
        var command = new Command("keys", "API keys for scripts (Authorization: Bearer KEY or X-Api-Key: KEY): add, list, revoke");

        var addName = Name("What the key is for (e.g. the script's name)");
        var addRole = Role(required: true);
        var add = new Command("add", "Make a key; it is shown once, only its hash is stored") { addName, addRole };
        add.SetAction(parse =>
        {
            var (key, secret, error) = Open(context, parse).AddKey(parse.GetValue(addName)!, parse.GetValue(addRole)!);
            if (key is null)
            {
                return context.Usage(error!);
            }

            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(new { id = key.Id, name = key.Name, role = key.Role, created = key.CreatedAt, key = secret });
                return ExitCodes.Success;
            }

            context.Console.MarkupLine($"Key [bold]{key.Id}[/] for {Markup.Escape(key.Name)} ({key.Role}):");
            context.Console.WriteLine(secret!);
            context.Console.MarkupLine("[yellow]This is the only time the key is shown; store it now. 'vigil keys revoke ID' ends it.[/]");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List keys (never their secrets)");
        list.SetAction(parse =>
        {
            var keys = Open(context, parse).ListKeys();
            if (context.Json(parse.GetValue(GlobalOptions.Json)))
            {
                context.WriteJson(keys.Select(k => new { id = k.Id, name = k.Name, role = k.Role, created = k.CreatedAt, revoked = k.RevokedAt }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "name", "role", "created", "revoked");
            foreach (var k in keys)
            {
                table.AddRow(k.Id, Markup.Escape(k.Name), k.Role, k.CreatedAt, k.RevokedAt ?? "—");
            }

            context.Console.Write(table);
            return ExitCodes.Success;
        });

        var revokeId = new Argument<string>("ID") { Description = "The key's id (from 'vigil keys list')" };
        var revoke = new Command("revoke", "Revoke a key (requests with it are refused from now on)") { revokeId };
        revoke.SetAction(parse =>
        {
            var id = parse.GetValue(revokeId)!;
            var change = Open(context, parse).RevokeKey(id);
            return change.Succeeded ? Done(context, parse, new { revoked = id }, $"Revoked key {id}.") : context.Usage(change.Error!);
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static int Done(CliContext context, ParseResult parse, object json, string message)
    {
        if (context.Json(parse.GetValue(GlobalOptions.Json)))
        {
            context.WriteJson(json);
        }
        else
        {
            context.Console.MarkupLine(Markup.Escape(message));
        }

        return ExitCodes.Success;
    }

    private static T With<T>(this T value, Action<T> configure)
    {
        configure(value);
        return value;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Web.Auth;
using Vigil.Web.Hosting;

namespace Vigil.Web.Apis;

/// <summary>
/// <c>/api/users</c> and <c>/api/keys</c> (admin): the same operations as <c>vigil users</c> and <c>vigil keys</c>,
/// on the same store. A new key's secret is in the response of its creation only.
/// </summary>
public static class AdminApi
{
    public sealed record NewUser(string? Name, string? Role, string? Password);

    public sealed record RoleChange(string? Role);

    public sealed record NewKey(string? Name, string? Role);

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/users", ListUsers).WithName("ListUsers").WithSummary("Users and roles (vigil users list)");
        group.MapPost("/users", AddUser).WithName("AddUser").WithSummary("Add a user {name, role, password} (vigil users add)");
        group.MapDelete("/users/{name}", RemoveUser).WithName("RemoveUser").WithSummary("Remove a user (vigil users remove)");
        group.MapPut("/users/{name}/role", SetRole).WithName("SetUserRole").WithSummary("Change a user's role {role}; their sessions end (vigil users set-role)");
        group.MapGet("/keys", ListKeys).WithName("ListKeys").WithSummary("API keys (never their secrets) (vigil keys list)");
        group.MapPost("/keys", AddKey).WithName("AddKey").WithSummary("Make an API key {name, role}; the secret is shown in this response only (vigil keys add)");
        group.MapDelete("/keys/{id}", RevokeKey).WithName("RevokeKey").WithSummary("Revoke an API key (vigil keys revoke)");
        return group;
    }

    public static Ok<IReadOnlyList<object>> ListUsers(UserStore users) =>
        TypedResults.Ok<IReadOnlyList<object>>([.. users.ListUsers().Select(u => (object)new { name = u.Name, role = u.Role, created = u.CreatedAt })]);

    public static Results<Created<object>, ProblemHttpResult> AddUser(NewUser? request, UserStore users)
    {
        var change = users.AddUser(request?.Name ?? "", request?.Role ?? "", request?.Password ?? "");
        return change.Succeeded
            ? TypedResults.Created($"/api/users/{Uri.EscapeDataString(request!.Name!)}", (object)new { name = request.Name, role = request.Role })
            : Problems.BadRequest(change.Error!);
    }

    public static Results<NoContent, ProblemHttpResult> RemoveUser(string name, UserStore users)
    {
        var change = users.RemoveUser(name);
        return change.Succeeded ? TypedResults.NoContent() : Problems.NotFound(change.Error!);
    }

    public static Results<NoContent, ProblemHttpResult> SetRole(string name, RoleChange? request, UserStore users)
    {
        if (!Roles.IsValid(request?.Role))
        {
            return Problems.BadRequest($"send {{\"role\": ...}} with one of {string.Join(", ", Roles.All)}.");
        }

        var change = users.SetRole(name, request!.Role!);
        return change.Succeeded ? TypedResults.NoContent() : Problems.NotFound(change.Error!);
    }

    public static Ok<IReadOnlyList<object>> ListKeys(UserStore users) =>
        TypedResults.Ok<IReadOnlyList<object>>([.. users.ListKeys().Select(k => (object)new { id = k.Id, name = k.Name, role = k.Role, created = k.CreatedAt, revoked = k.RevokedAt })]);

    public static Results<Created<object>, ProblemHttpResult> AddKey(NewKey? request, UserStore users)
    {
        var (key, secret, error) = users.AddKey(request?.Name ?? "", request?.Role ?? "");
        return key is null
            ? Problems.BadRequest(error!)
            : TypedResults.Created($"/api/keys/{key.Id}", (object)new { id = key.Id, name = key.Name, role = key.Role, created = key.CreatedAt, key = secret });
    }

    public static Results<NoContent, ProblemHttpResult> RevokeKey(string id, UserStore users)
    {
        var change = users.RevokeKey(id);
        return change.Succeeded ? TypedResults.NoContent() : Problems.NotFound(change.Error!);
    }
}

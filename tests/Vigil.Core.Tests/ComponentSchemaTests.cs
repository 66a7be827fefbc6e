using Microsoft.Data.Sqlite;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests;

public sealed class ComponentSchemaTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vigil-schema-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Steps_run_once_in_order_and_components_are_independent()
    {
        string[] a = ["CREATE TABLE a1 (x INTEGER);", "ALTER TABLE a1 ADD COLUMN y TEXT;"];
        string[] b = ["CREATE TABLE b1 (x INTEGER);"];
        using (var c = ComponentSchema.OpenConnection(_dir, out var file, out _))
        {
            ComponentSchema.Apply(c, file, "a", a);
            ComponentSchema.Apply(c, file, "b", b);
            ComponentSchema.Apply(c, file, "a", a); // again: nothing to do, no "table exists" error
            Assert.Equal(2L, Version(c, "a"));
            Assert.Equal(1L, Version(c, "b"));
        }

        using (var c = ComponentSchema.OpenConnection(_dir, out var file, out _))
        {
            ComponentSchema.Apply(c, file, "a", [.. a, "CREATE TABLE a2 (z INTEGER);"]);
            Assert.Equal(3L, Version(c, "a"));
            using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO a1(x, y) VALUES (1, 'y'); INSERT INTO a2(z) VALUES (2);";
            cmd.ExecuteNonQuery();
        }
    }

    [Fact]
    public void A_newer_component_is_refused_and_a_failing_step_leaves_the_version()
    {
        using var c = ComponentSchema.OpenConnection(_dir, out var file, out _);
        ComponentSchema.Apply(c, file, "a", ["CREATE TABLE t (x INTEGER);", "CREATE TABLE u (x INTEGER);"]);
        var newer = Assert.Throws<InvalidOperationException>(() => ComponentSchema.Apply(c, file, "a", ["CREATE TABLE t (x INTEGER);"]));
        Assert.Contains("newer than this Vigil", newer.Message);

        Assert.ThrowsAny<SqliteException>(() => ComponentSchema.Apply(c, file, "b", ["CREATE TABLE v (x INTEGER);", "THIS IS NOT SQL;"]));
        Assert.Equal(1L, Version(c, "b"));
    }

    private static long Version(SqliteConnection c, string name)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_components WHERE name = $n;";
        cmd.Parameters.AddWithValue("$n", name);
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

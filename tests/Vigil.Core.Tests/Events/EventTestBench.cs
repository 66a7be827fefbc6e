using System.Text;
using Microsoft.Data.Sqlite;
using Vigil.Core.Events;
using Vigil.Core.Events.Import;
using Vigil.Core.Geo;
using Vigil.Storage.Sqlite;

namespace Vigil.Core.Tests.Events;

/// <summary>A clock the tests set.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A temporary data directory with an event store, files and an importer on a fixed clock.</summary>
internal sealed class EventTestBench : IDisposable
{
    public const string OsHeader = "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address";

    public EventTestBench()
    {
        Root = Path.Combine(Path.GetTempPath(), "vigil-events-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Store = SqliteEventStore.Open(Path.Combine(Root, "data"));
    }

    public string Root { get; }

    public SqliteEventStore Store { get; private set; }

    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero));

    public ChangeContext Change(string actor = "tester") => new(actor, Clock);

    public string Write(string name, string text, bool bom = false)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);
        return path;
    }

    /// <summary>An opensanctions-cn file: the header and the given rows (joined by LF).</summary>
    public string WriteOs(string name, params string[] rows) => Write(name, OsHeader + "\n" + string.Join("\n", rows) + "\n");

    public EventImportReport ImportOs(string path, string actor = "tester") =>
        new EventImporter(Store, EventTypeCatalog.BuiltIn, Gazetteer.BuiltIn).Import(path, new OpenSanctionsCnFormat(), new EventImportOptions(), Change(actor));

    public EventImportReport ImportCsv(string path, ColumnMap? map = null, EventImportOptions? options = null) =>
        new EventImporter(Store, EventTypeCatalog.BuiltIn, Gazetteer.BuiltIn).Import(path, new GenericCsvFormat(map ?? new ColumnMap()), options ?? new EventImportOptions(), Change());

    /// <summary>Closes and reopens the store (what a second CLI run does).</summary>
    public void Reopen()
    {
        Store.Dispose();
        Store = SqliteEventStore.Open(Path.Combine(Root, "data"));
    }

    /// <summary>Asserts the accounting rule of docs/events.md.</summary>
    public static void AssertAccounting(EventImportReport r) =>
        Assert.Equal(r.Rows, r.Imported + r.Updated + r.Unchanged + r.Merged + r.Rejected.Count);

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

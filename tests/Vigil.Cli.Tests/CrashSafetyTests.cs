using System.Diagnostics;
using System.Globalization;
using Vigil.Search.Lucene;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Tests;

public sealed class CrashSafetyTests
{
    [Fact]
    public void Killing_an_ingest_midway_loses_nothing_leaves_no_partial_document_and_resumes_without_duplicates()
    {
        using var cli = new CliRunner();
        const int files = 4000;
        for (var i = 0; i < files; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            cli.Write($"d{i / 500}/doc{n}.txt", $"Document {n}. " + string.Concat(Enumerable.Repeat($"national security {n} 国家安全{n} ", 120)));
        }

        var cliDll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        using (var child = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cliDll, "ingest", cli.Files, "--data", cli.DataDirectory, "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            var killedAt = WaitForDocumentsThenKill(child, cli.DataDirectory, atLeast: 300);
            Assert.True(killedAt is > 0 and < files, $"the child should be killed mid-run (it had stored {killedAt} of {files})");
        }

        int storedBeforeResume;
        using (var store = SqliteDocumentStore.Open(cli.DataDirectory))
        {
            storedBeforeResume = store.Count();
            foreach (var doc in store.List())
            {
                Assert.NotNull(store.GetContent(doc.Id));
                Assert.NotEmpty(doc.Paths);
            }
        }

        var resumed = cli.Run("ingest", cli.Files);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(files - storedBeforeResume, resumed.Json.GetProperty("ingested").GetInt32());
        Assert.Equal(storedBeforeResume, resumed.Json.GetProperty("duplicates").GetInt32());
        Assert.Equal(storedBeforeResume, resumed.Json.GetProperty("recovered").GetInt32());

        using (var store = SqliteDocumentStore.Open(cli.DataDirectory))
        using (var index = LuceneSearchIndex.Open(cli.DataDirectory))
        {
            var docs = store.List().ToList();
            Assert.Equal(files, docs.Count);
            Assert.Equal(files, docs.Select(d => d.Id).Distinct().Count());
            Assert.All(docs, d => Assert.Single(d.Paths));
            Assert.Equal(files, index.Count());
            Assert.Empty(store.UnindexedIds(10));
        }

        var total = cli.Run("count", "国家安全", "--by", "corpus").Json.EnumerateArray().Single();
        Assert.Equal(files * 120L, total.GetProperty("count").GetInt64());
    }

    private static int WaitForDocumentsThenKill(Process child, string dataDirectory, int atLeast)
    {
        var db = Path.Combine(dataDirectory, "vigil.db");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (child.HasExited)
            {
                return -1;
            }

            if (File.Exists(db) && CountDocuments(db) >= atLeast)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                return CountDocuments(db);
            }

            Thread.Sleep(10);
        }

        child.Kill(entireProcessTree: true);
        return -1;
    }

    private static int CountDocuments(string db)
    {
        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM documents;";
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // The schema is not there yet.
        }
    }
}

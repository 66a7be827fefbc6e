using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Vigil.Core.Analysis;
using Vigil.Core.Documents;
using Vigil.Core.Search;
using Vigil.Core.Storage;
using Vigil.Formats;

namespace Vigil.Core.Ingestion;

/// <summary>
/// Ingests files: hashes, parses and analyses them in parallel, then one writer commits them to the store
/// in transactions (a document is stored whole or not at all) and adds them to the search index. A run
/// killed at any point loses nothing already committed; the next run indexes what the store holds but the
/// index lacks, skips what it already has, and stores the rest. Memory is bounded: at most
/// <see cref="IngestOptions.Parallelism"/> files are in flight, plus one small batch waiting to be written.
/// </summary>
public sealed class Ingestor
{
    private readonly IDocumentStore _store;
    private readonly ISearchIndex _index;
    private readonly ParserRegistry _parser;
    private readonly AnalysisPipeline _pipeline;
    private readonly TimeProvider _time;

    public Ingestor(IDocumentStore store, ISearchIndex index, ParserRegistry parser, AnalysisPipeline pipeline, TimeProvider time)
    {
        _store = store;
        _index = index;
        _parser = parser;
        _pipeline = pipeline;
        _time = time;
    }

    /// <summary>Indexes documents the store holds but the index does not confirm (after a crash, or for a rebuild).</summary>
    /// <returns>How many documents were indexed.</returns>
    public int CatchUpIndex(Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = _store.UnindexedIds(1_000);
            if (ids.Count == 0)
            {
                return total;
            }

            foreach (var id in ids)
            {
                var info = _store.Get(id);
                var content = _store.GetContent(id);
                if (info is not null && content is not null)
                {
                    _index.Upsert(new AnalyzedDocument(info, content));
                }
            }

            _index.Commit();
            _store.MarkIndexed(ids);
            total += ids.Count;
            progress?.Invoke(total);
        }
    }

    public async Task<IngestReport> IngestAsync(IReadOnlyList<string> paths, IngestOptions options, IIngestProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var report = new IngestReport();
        report.Recovered = CatchUpIndex(cancellationToken: cancellationToken);

        var (files, enumerationFailures) = FileEnumerator.Expand(paths);
        report.Failed.AddRange(enumerationFailures);
        report.Files = files.Count;
        report.Bytes = files.Sum(f => f.Size);
        progress?.Planned(files.Count, report.Bytes);

        var work = Channel.CreateBounded<FileCandidate>(new BoundedChannelOptions(Math.Max(1, options.Parallelism) * 2) { SingleWriter = true });
        var results = Channel.CreateBounded<FileResult>(new BoundedChannelOptions(Math.Max(1, options.Parallelism) * 2) { SingleReader = true });

        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var file in files)
                {
                    await work.Writer.WriteAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                work.Writer.Complete();
            }
        }, cancellationToken);

        var workers = Enumerable.Range(0, Math.Max(1, options.Parallelism)).Select(_ => Task.Run(async () =>
        {
            await foreach (var file in work.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var result = Process(file, options, cancellationToken);
                await results.Writer.WriteAsync(result, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken)).ToArray();

        var closer = Task.WhenAll(workers).ContinueWith(t => results.Writer.Complete(t.Exception), TaskScheduler.Default);
        await WriteAsync(results.Reader, options, report, progress, cancellationToken).ConfigureAwait(false);
        await producer.ConfigureAwait(false);
        await closer.ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);

        report.Failed.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        report.DocumentIds.Sort(StringComparer.Ordinal);
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task WriteAsync(ChannelReader<FileResult> reader, IngestOptions options, IngestReport report, IIngestProgress? progress, CancellationToken cancellationToken)
    {
        var batch = new List<FileResult>();
        var unconfirmed = new List<string>();
        var batchBytes = 0L;

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var writes = batch.Select(r => r.Write!).ToList();
            var outcomes = _store.Commit(writes);
            for (var i = 0; i < batch.Count; i++)
            {
                var (id, created) = outcomes[i];
                if (created && writes[i] is NewDocumentWrite)
                {
                    // The worker already added it to the index (analysis is the costly part, so it runs in parallel);
                    // the index commit that makes it durable comes only after this store commit.
                    report.Ingested++;
                    report.DocumentIds.Add(id);
                    unconfirmed.Add(id);
                }
                else
                {
                    report.Duplicates++;
                }

                progress?.Completed(batch[i].File.Path, batch[i].File.Size);
            }

            batch.Clear();
            batchBytes = 0;
            if (unconfirmed.Count >= options.IndexCommitEvery)
            {
                CommitIndex(unconfirmed);
            }
        }

        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var result))
            {
                if (result.Error is not null)
                {
                    report.Failed.Add(new IngestFailure(result.File.Path, result.Error));
                    progress?.Completed(result.File.Path, result.File.Size);
                    continue;
                }

                batch.Add(result);
                batchBytes += result.File.Size;
                if (batch.Count >= options.BatchSize || batchBytes >= 32L * 1024 * 1024)
                {
                    Flush();
                }
            }

            // Nothing waiting: commit what we have rather than hold it.
            Flush();
        }

        Flush();
        CommitIndex(unconfirmed);
    }

    private void CommitIndex(List<string> unconfirmed)
    {
        if (unconfirmed.Count == 0)
        {
            return;
        }

        _index.Commit();
        _store.MarkIndexed(unconfirmed);
        unconfirmed.Clear();
    }

    private FileResult Process(FileCandidate file, IngestOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var known = _store.FindPath(file.Path);
            if (known is not null && known.Size == file.Size && known.ModifiedTicks == file.ModifiedTicks)
            {
                return FileResult.Ok(file, new SeenAgainWrite(known.DocumentId, file.Path, file.Size, file.ModifiedTicks));
            }

            if (file.Size > options.Limits.MaxFileBytes)
            {
                return FileResult.Fail(file, string.Create(CultureInfo.InvariantCulture,
                    $"file is {file.Size / 1048576.0:F1} MB, over the {options.Limits.MaxFileBytes / 1048576} MB limit; raise it with --max-file-mb"));
            }

            var bytes = File.ReadAllBytes(file.Path);
            if (bytes.Length == 0)
            {
                return FileResult.Fail(file, "empty file");
            }

            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var existing = _store.FindIdBySha256(sha);
            if (existing is not null)
            {
                return FileResult.Ok(file, new SeenAgainWrite(existing, file.Path, bytes.Length, file.ModifiedTicks));
            }

            var outcome = _parser.Parse(bytes, file.Path, options.Limits, cancellationToken);
            if (outcome.Document is not { } parsed)
            {
                return FileResult.Fail(file, outcome.Error ?? "could not be read");
            }

            var analysis = _pipeline.Run(parsed.Text);
            if (analysis.Normalized.Text.Length == 0)
            {
                return FileResult.Fail(file, "no text found");
            }

            var (date, dateSource) = options.Date is not null ? (options.Date, "option")
                : parsed.Date is not null && PartialDate.TryParse(parsed.Date, out var d) ? (d.ToString(), "front-matter")
                : ((string?)null, (string?)null);
            var info = new DocumentInfo
            {
                Id = sha[..16],
                Sha256 = sha,
                Title = string.IsNullOrWhiteSpace(parsed.Title) ? null : parsed.Title.Trim(),
                Date = date,
                DateSource = dateSource,
                Source = options.Source ?? parsed.Source,
                Format = parsed.Format,
                Encoding = parsed.Encoding,
                Language = analysis.Language,
                Languages = analysis.Languages,
                Chars = analysis.Chars,
                Words = analysis.Words,
                Han = analysis.Han,
                Bytes = bytes.Length,
                Paths = [file.Path],
                IngestedAt = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Metadata = parsed.Metadata,
                Warnings = [.. parsed.Warnings, .. analysis.Warnings],
            };
            var content = new DocumentContent(parsed.Text, analysis.Normalized, analysis.Paragraphs, parsed.PageStarts);
            var document = new AnalyzedDocument(info, content);

            // Indexing by id replaces any earlier copy, so the same content from two workers stays one entry.
            _index.Upsert(document);
            return FileResult.Ok(file, new NewDocumentWrite(document, file.Path, bytes.Length, file.ModifiedTicks));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return FileResult.Fail(file, $"cannot read: {ex.Message}");
        }
        catch (OutOfMemoryException)
        {
            return FileResult.Fail(file, "too large to process in memory; lower --max-file-mb or split the file");
        }
#pragma warning disable CA1031 // A bug triggered by one file must not stop the run or lose the other files.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return FileResult.Fail(file, $"internal error while reading ({ex.GetType().Name}: {ex.Message}); please report it with the file");
        }
    }

    private sealed record FileResult(FileCandidate File, StoreWrite? Write, string? Error)
    {
        public static FileResult Ok(FileCandidate file, StoreWrite write) => new(file, write, null);

        public static FileResult Fail(FileCandidate file, string error) => new(file, null, error);
    }
}

using Vigil.Formats;

namespace Vigil.Core.Ingestion;

/// <summary>Options of one ingest run.</summary>
public sealed record IngestOptions
{
    /// <summary>Source name given to every new document (overrides front matter).</summary>
    public string? Source { get; init; }

    /// <summary>Date (YYYY[-MM[-DD]]) given to every new document (overrides front matter).</summary>
    public string? Date { get; init; }

    public ParseLimits Limits { get; init; } = new();

    /// <summary>Files parsed at once (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Documents per store transaction.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Documents between search-index commits.</summary>
    public int IndexCommitEvery { get; init; } = 5_000;
}

/// <summary>A file that could not be ingested, and why, in one line.</summary>
public sealed record IngestFailure(string Path, string Error);

/// <summary>What an ingest run did.</summary>
public sealed class IngestReport
{
    /// <summary>New documents stored.</summary>
    public int Ingested { get; internal set; }

    /// <summary>Files whose content was already stored (seen before, or twice in this run).</summary>
    public int Duplicates { get; internal set; }

    public List<IngestFailure> Failed { get; } = [];

    /// <summary>Files considered.</summary>
    public int Files { get; internal set; }

    /// <summary>Bytes of the files considered.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Documents stored by an earlier, interrupted run and indexed by this one.</summary>
    public int Recovered { get; internal set; }

    /// <summary>Ids of the documents this run created.</summary>
    public List<string> DocumentIds { get; } = [];

    public TimeSpan Elapsed { get; internal set; }
}

/// <summary>Progress callbacks (called from worker threads).</summary>
public interface IIngestProgress
{
    void Planned(int files, long bytes);

    void Completed(string path, long bytes);
}

using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Entities;

/// <summary>The entity lists Vigil reads, and their ids.</summary>
public static class EntityLists
{
    /// <summary>OpenSanctions' list of sanctions and countermeasures imposed by PRC authorities (<c>cn_sanctions.csv</c>).</summary>
    public const string CnSanctions = "cn-sanctions";

    /// <summary>The US Department of Defense "Chinese military companies" list under Section 1260H (<c>us_dod_chinese_milcorps_1260h.csv</c>).</summary>
    public const string Us1260H = "us-1260h";

    /// <summary>Every list id, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } = [CnSanctions, Us1260H];
}

/// <summary>One entry of an imported list (a row of its file), with where it came from.</summary>
public sealed record ListEntry
{
    /// <summary>The list it belongs to (<see cref="EntityLists"/>).</summary>
    public required string ListId { get; init; }

    /// <summary>The line of the file the row starts on (the header is line 1, so the first entry is row 2, as a spreadsheet shows it).</summary>
    public required int Row { get; init; }

    /// <summary>The entry's main name (for the 1260H list, its "Clean Name").</summary>
    public required string Name { get; init; }

    /// <summary>Other names: aliases and previous names.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The Chinese name, where the list gives one.</summary>
    public string? ChineseName { get; init; }

    /// <summary>person, organization or company (lower case), or null.</summary>
    public string? Kind { get; init; }

    /// <summary>ISO 3166-1 alpha-2 (or EU) when the list's country field resolved, otherwise the field as given.</summary>
    public string? Country { get; init; }

    /// <summary>YYYY-MM-DD when the list's date could be read, otherwise the date as given.</summary>
    public string? StartDate { get; init; }

    /// <summary>End of listing, as <see cref="StartDate"/>.</summary>
    public string? EndDate { get; init; }

    /// <summary>The file the entry was imported from (full path).</summary>
    public required string SourceFile { get; init; }

    /// <summary>The official source the list gives for the entry.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Every other non-empty column of the row, by header name, in the file's column order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    /// <summary>Every name the entry can be matched by, with which field it is: name, alias or chinese.</summary>
    public IEnumerable<(string Field, string Text)> Names()
    {
        yield return ("name", Name);
        foreach (var alias in Aliases)
        {
            yield return ("alias", alias);
        }

        if (!string.IsNullOrWhiteSpace(ChineseName))
        {
            yield return ("chinese", ChineseName);
        }
    }

    /// <summary>
    /// SHA-256 (hex) of everything the entry says except its row and file, so a re-import can tell unchanged
    /// entries from added and removed ones even when rows move.
    /// </summary>
    public string ContentHash()
    {
        var sb = new StringBuilder();
        void Add(string? value) => sb.Append(value ?? "\u0001").Append('\u001F');
        Add(ListId);
        Add(Kind);
        Add(Name);
        Add(string.Join("\u001E", Aliases));
        Add(ChineseName);
        Add(Country);
        Add(StartDate);
        Add(EndDate);
        Add(SourceUrl);
        foreach (var (key, value) in Details)
        {
            Add(key);
            Add(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}

/// <summary>A row that could not be imported, and why.</summary>
public sealed record RejectedRow(int Row, string Error);

/// <summary>What reading a list file gave: the entries, the rows rejected, or why the whole file was refused.</summary>
public sealed record ListReadResult
{
    /// <summary>Entries read, in file order.</summary>
    public IReadOnlyList<ListEntry> Entries { get; init; } = [];

    /// <summary>Rows that could not be read (the rest were).</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];

    /// <summary>Data rows seen (entries + rejected).</summary>
    public int Rows { get; init; }

    /// <summary>SHA-256 (hex) of the file's bytes.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Set when the file as a whole could not be used (missing columns, not CSV...): nothing was read.</summary>
    public string? FileError { get; init; }
}

/// <summary>An imported list as the store knows it.</summary>
public sealed record ListInfo(string ListId, string SourceFile, string Sha256, string ImportedAt, int Entries, int Rejected);

/// <summary>How a re-import changed a list: entries compared by <see cref="ListEntry.ContentHash"/> (a changed entry is one removed and one added).</summary>
public sealed record ListReplaceResult(int Added, int Removed, int Unchanged);

/// <summary>Storage of imported entity lists. Replacing a list is atomic. Implementations are thread-safe.</summary>
public interface IEntityListStore : IDisposable
{
    /// <summary>Replaces every entry of <paramref name="list"/>.ListId in one transaction.</summary>
    ListReplaceResult Replace(ListInfo list, IReadOnlyList<ListEntry> entries);

    /// <summary>The imported lists, by list id.</summary>
    IReadOnlyList<ListInfo> Lists();

    /// <summary>The entries of one list (or all lists when null), by list id then row.</summary>
    IReadOnlyList<ListEntry> Entries(string? listId = null);
}

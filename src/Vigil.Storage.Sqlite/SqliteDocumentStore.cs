using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Core.Documents;
using Vigil.Core.Storage;
using Vigil.Core.Text;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite database (WAL) in the data directory. Reads use pooled connections and
/// run concurrently; writes go through one connection under a lock, one transaction per commit.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    private static readonly string[] LanguageCodes = [LanguageTag.None, LanguageTag.English, LanguageTag.Simplified, LanguageTag.Traditional, LanguageTag.Other, LanguageTag.Mixed];

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private long _sequence;
    private SqliteTransaction? _transaction;

    private SqliteDocumentStore(string file)
    {
        Location = file;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 60 }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Execute(_writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000;");
        Migrations.Apply(_writer, file);
        _sequence = Convert.ToInt64(Scalar(_writer, "SELECT COALESCE(MAX(last_seq), 0) FROM document_paths;") ?? 0L, CultureInfo.InvariantCulture);
    }

    public string Location { get; }

    /// <summary>Opens (creating and migrating if needed) the store in <paramref name="dataDirectory"/>.</summary>
    public static SqliteDocumentStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new SqliteDocumentStore(Path.Combine(dataDirectory, "vigil.db"));
    }

    public string? FindIdBySha256(string sha256)
    {
        using var c = Read();
        return Scalar(c, "SELECT id FROM documents WHERE sha256 = $s;", ("$s", sha256)) as string;
    }

    public PathRecord? FindPath(string path)
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT doc_id, size, modified_ticks FROM document_paths WHERE path = $p ORDER BY last_seq DESC LIMIT 1;", ("$p", path));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new PathRecord(r.GetString(0), path, r.GetInt64(1), r.GetInt64(2)) : null;
    }

    public IReadOnlyList<(string Id, bool Created)> Commit(IReadOnlyList<StoreWrite> writes)
    {
        var results = new List<(string, bool)>(writes.Count);
        lock (_writeLock)
        {
            using var tx = _transaction = _writer.BeginTransaction();
            foreach (var write in writes)
            {
                string id;
                var created = false;
                if (write is NewDocumentWrite nd)
                {
                    var existing = Scalar(_writer, "SELECT id FROM documents WHERE sha256 = $s;", ("$s", nd.Document.Info.Sha256)) as string;
                    if (existing is null)
                    {
                        InsertDocument(nd.Document, nd.Path);
                        id = nd.Document.Info.Id;
                        created = true;
                    }
                    else
                    {
                        id = existing;
                    }
                }
                else
                {
                    id = ((SeenAgainWrite)write).DocumentId;
                }

                var seq = ++_sequence;
                Execute(_writer, """
                    INSERT INTO document_paths (doc_id, path, size, modified_ticks, first_seq, last_seq) VALUES ($d, $p, $s, $m, $q, $q)
                    ON CONFLICT (doc_id, path) DO UPDATE SET size = excluded.size, modified_ticks = excluded.modified_ticks, last_seq = excluded.last_seq;
                    """, ("$d", id), ("$p", write.Path), ("$s", write.Size), ("$m", write.ModifiedTicks), ("$q", seq));
                results.Add((id, created));
            }

            tx.Commit();
            _transaction = null;
        }

        return results;
    }

    private void InsertDocument(AnalyzedDocument document, string path)
    {
        var i = document.Info;
        PartialDate.TryParse(i.Date, out var date);
        var hasDate = i.Date is not null;
        Execute(_writer, """
            INSERT INTO documents (id, sha256, path, title, date, date_first, date_last, date_source, source, format, encoding, language,
                                   languages, chars, words, han, bytes, ingested_at, metadata, warnings, indexed)
            VALUES ($id, $sha, $path, $title, $date, $df, $dl, $ds, $source, $format, $enc, $lang, $langs, $chars, $words, $han, $bytes, $at, $meta, $warn, 0);
            """,
            ("$id", i.Id), ("$sha", i.Sha256), ("$path", path), ("$title", i.Title), ("$date", i.Date),
            ("$df", hasDate ? date.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null),
            ("$dl", hasDate ? date.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null),
            ("$ds", i.DateSource), ("$source", i.Source), ("$format", i.Format), ("$enc", i.Encoding), ("$lang", i.Language),
            ("$langs", JsonSerializer.Serialize(i.Languages.ToDictionary(l => l.Language, l => l.Share))),
            ("$chars", i.Chars), ("$words", i.Words), ("$han", i.Han), ("$bytes", i.Bytes), ("$at", i.IngestedAt),
            ("$meta", JsonSerializer.Serialize(i.Metadata)), ("$warn", JsonSerializer.Serialize(i.Warnings)));
        var c = document.Content;
        Execute(_writer, "INSERT INTO document_texts (id, original, normalized, offset_map, paragraphs, page_starts) VALUES ($id, $o, $n, $m, $p, $ps);",
            ("$id", i.Id), ("$o", c.Original), ("$n", c.Normalized.Text), ("$m", c.Normalized.Map.ToBytes()),
            ("$p", EncodeParagraphs(c.Paragraphs)), ("$ps", string.Join(',', c.PageStarts.Select(p => p.ToString(CultureInfo.InvariantCulture)))));
    }

    public DocumentInfo? Get(string id)
    {
        using var c = Read();
        return QueryInfos(c, "WHERE d.id = $id", ("$id", id)).FirstOrDefault();
    }

    public DocumentInfo? Resolve(string idOrPath)
    {
        if (string.IsNullOrWhiteSpace(idOrPath))
        {
            return null;
        }

        using var c = Read();
        var direct = QueryInfos(c, "WHERE d.id = $id", ("$id", idOrPath.ToLowerInvariant())).FirstOrDefault();
        if (direct is not null)
        {
            return direct;
        }

        if (idOrPath.Length is >= 4 and < 16 && idOrPath.All(Uri.IsHexDigit))
        {
            var byPrefix = QueryInfos(c, "WHERE d.id LIKE $p || '%' LIMIT 2", ("$p", idOrPath.ToLowerInvariant())).ToList();
            if (byPrefix.Count == 1)
            {
                return byPrefix[0];
            }
        }

        string full;
        try
        {
            full = Path.GetFullPath(idOrPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        var id = Scalar(c, "SELECT doc_id FROM document_paths WHERE path = $p ORDER BY last_seq DESC LIMIT 1;", ("$p", full)) as string;
        if (id is null)
        {
            // A bare file name or tail of a path, when it is unambiguous.
            using var cmd = Command(c, "SELECT DISTINCT doc_id FROM document_paths WHERE path LIKE '%/' || $t ESCAPE '\\' LIMIT 2;",
                ("$t", idOrPath.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)));
            using var r = cmd.ExecuteReader();
            var ids = new List<string>();
            while (r.Read())
            {
                ids.Add(r.GetString(0));
            }

            id = ids.Count == 1 ? ids[0] : null;
        }

        return id is null ? null : QueryInfos(c, "WHERE d.id = $id", ("$id", id)).FirstOrDefault();
    }

    public IEnumerable<DocumentInfo> List(DocumentFilter? filter = null)
    {
        var where = new List<string>();
        var args = new List<(string, object?)>();
        if (filter?.Language is { } language)
        {
            where.Add(language == "zh" ? "d.language IN ('zh-Hans', 'zh-Hant')" : "d.language = $lang");
            args.Add(("$lang", language));
        }

        if (filter?.Source is { } source)
        {
            where.Add("d.source = $src");
            args.Add(("$src", source));
        }

        var ids = filter?.Ids is { } set ? new HashSet<string>(set, StringComparer.Ordinal) : null;
        using var c = Read();
        foreach (var info in QueryInfos(c, (where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "") + " ORDER BY d.path, d.id", [.. args]))
        {
            if (ids is null || ids.Contains(info.Id))
            {
                yield return info;
            }
        }
    }

    public DocumentContent? GetContent(string id)
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT original, normalized, offset_map, paragraphs, page_starts FROM document_texts WHERE id = $id;", ("$id", id));
        using var r = cmd.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        var normalizedText = r.GetString(1);
        var map = OffsetMap.FromBytes((byte[])r.GetValue(2));
        var paragraphs = DecodeParagraphs((byte[])r.GetValue(3));
        var pages = r.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var normalized = new NormalizedText(normalizedText, map, paragraphs.Select(p => new TextRange(p.Start, p.End)).ToList());
        return new DocumentContent(r.GetString(0), normalized, paragraphs, pages);
    }

    public IReadOnlyList<string> UnindexedIds(int max)
    {
        using var c = Read();
        using var cmd = Command(c, "SELECT id FROM documents WHERE indexed = 0 ORDER BY id LIMIT $n;", ("$n", max));
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read())
        {
            ids.Add(r.GetString(0));
        }

        return ids;
    }

    public void MarkIndexed(IReadOnlyCollection<string> ids)
    {
        lock (_writeLock)
        {
            using var tx = _transaction = _writer.BeginTransaction();
            using var cmd = Command(_writer, "UPDATE documents SET indexed = 1 WHERE id = $id;", ("$id", ""));
            foreach (var id in ids)
            {
                cmd.Parameters["$id"].Value = id;
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
            _transaction = null;
        }
    }

    public void MarkAllUnindexed()
    {
        lock (_writeLock)
        {
            Execute(_writer, "UPDATE documents SET indexed = 0;");
        }
    }

    public int Count()
    {
        using var c = Read();
        return Convert.ToInt32(Scalar(c, "SELECT COUNT(*) FROM documents;"), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private IEnumerable<DocumentInfo> QueryInfos(SqliteConnection c, string tail, params (string, object?)[] args)
    {
        using var cmd = Command(c, $"""
            SELECT d.id, d.sha256, d.title, d.date, d.date_source, d.source, d.format, d.encoding, d.language, d.languages,
                   d.chars, d.words, d.han, d.bytes, d.ingested_at, d.metadata, d.warnings,
                   (SELECT json_group_array(path) FROM (SELECT path FROM document_paths p WHERE p.doc_id = d.id ORDER BY p.first_seq))
            FROM documents d {tail};
            """, args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var languages = JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(9)) ?? [];
            yield return new DocumentInfo
            {
                Id = r.GetString(0),
                Sha256 = r.GetString(1),
                Title = r.IsDBNull(2) ? null : r.GetString(2),
                Date = r.IsDBNull(3) ? null : r.GetString(3),
                DateSource = r.IsDBNull(4) ? null : r.GetString(4),
                Source = r.IsDBNull(5) ? null : r.GetString(5),
                Format = r.GetString(6),
                Encoding = r.IsDBNull(7) ? null : r.GetString(7),
                Language = r.GetString(8),
                Languages = languages.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new LanguageShare(kv.Key, kv.Value)).ToList(),
                Chars = r.GetInt32(10),
                Words = r.GetInt32(11),
                Han = r.GetInt32(12),
                Bytes = r.GetInt64(13),
                IngestedAt = r.IsDBNull(14) ? null : r.GetString(14),
                Metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(15)) ?? [],
                Warnings = JsonSerializer.Deserialize<List<string>>(r.GetString(16)) ?? [],
                Paths = JsonSerializer.Deserialize<List<string>>(r.GetString(17)) ?? [],
            };
        }
    }

    private static byte[] EncodeParagraphs(IReadOnlyList<ParagraphInfo> paragraphs)
    {
        var bytes = new byte[paragraphs.Count * 9];
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 9), p.Start);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((i * 9) + 4), p.End);
            var code = Array.IndexOf(LanguageCodes, p.Language);
            bytes[(i * 9) + 8] = (byte)(code < 0 ? 0 : code);
        }

        return bytes;
    }

    private static List<ParagraphInfo> DecodeParagraphs(byte[] bytes)
    {
        var list = new List<ParagraphInfo>(bytes.Length / 9);
        for (var o = 0; o + 9 <= bytes.Length; o += 9)
        {
            var code = bytes[o + 8];
            list.Add(new ParagraphInfo(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(o)), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(o + 4)),
                code < LanguageCodes.Length ? LanguageCodes[code] : LanguageTag.None));
        }

        return list;
    }

    private SqliteConnection Read()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    private SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        if (ReferenceEquals(c, _writer))
        {
            // Microsoft.Data.Sqlite requires a command on a connection in a transaction to name it.
            cmd.Transaction = _transaction?.Connection is null ? null : _transaction;
        }

        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private void Execute(SqliteConnection c, string sql, params (string, object?)[] args)
    {
        using var cmd = Command(c, sql, args);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(SqliteConnection c, string sql, params (string, object?)[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteScalar();
    }
}

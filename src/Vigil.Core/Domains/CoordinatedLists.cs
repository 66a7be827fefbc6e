using Vigil.Core.Text;

namespace Vigil.Core.Domains;

/// <summary>
/// Finds the domain names hidden in coordinated lists that share one head noun: in 经济、金融、网络等安全 the
/// items 经济 and 金融 stand for 经济安全 and 金融安全, and in "political, economic and cultural security"
/// "political" and "economic" stand for "political security" and "economic security". Official texts name
/// several fields this way; without this rule only the last item (the one written next to 安全/security)
/// would count. An item counts only when item + head is itself a lexicon term.
/// </summary>
internal static class CoordinatedLists
{
    private const int MaxItems = 24;
    private const int MaxHanItem = 10;
    private const int MaxWordsItem = 4;

    /// <summary>An implied term: <paramref name="Key"/> (the folded lexicon text) read at [Start, End) of the text.</summary>
    public readonly record struct Implied(string Key, int Start, int End);

    /// <summary>Implied terms in folded normalised text; <paramref name="isTerm"/> says whether a folded text is a lexicon term.</summary>
    public static List<Implied> Find(string folded, Func<string, bool> isTerm)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(isTerm);
        var found = new List<Implied>();
        Chinese(folded, isTerm, found);
        English(folded, isTerm, found);
        return found;
    }

    private static void Chinese(string text, Func<string, bool> isTerm, List<Implied> found)
    {
        for (var at = text.IndexOf("安全", StringComparison.Ordinal); at >= 0; at = text.IndexOf("安全", at + 2, StringComparison.Ordinal))
        {
            var end = at;
            var etc = end > 0 && text[end - 1] == '等';
            if (etc)
            {
                end--;
            }

            // Items are runs of Han characters separated by 、 (the enumeration comma).
            var items = new List<(int Start, int End)>();
            var cursor = end;
            while (items.Count < MaxItems)
            {
                var start = cursor;
                while (start > 0 && cursor - start < MaxHanItem && CharClass.IsHan(text[start - 1]))
                {
                    start--;
                }

                if (start == cursor)
                {
                    break;
                }

                items.Add((start, cursor));
                if (start > 0 && text[start - 1] == '、')
                {
                    cursor = start - 1;
                }
                else
                {
                    break;
                }
            }

            var isList = items.Count >= 2 || etc;
            for (var i = 0; i < items.Count; i++)
            {
                var (start, itemEnd) = items[i];

                // 粮食和能源安全: the part before 和/与/及 inside an item is an item of its own.
                for (var k = itemEnd - 1; k > start; k--)
                {
                    if (text[k] is '和' or '与' or '及')
                    {
                        Suffix(text, start, k, isTerm, found);
                        break;
                    }
                }

                // The item written next to 安全 is an ordinary match unless 等 stands between them.
                if (isList && (i > 0 || etc))
                {
                    Suffix(text, start, itemEnd, isTerm, found);
                }
            }
        }
    }

    /// <summary>Adds the longest suffix of text[start, end) that, followed by 安全, is a lexicon term.</summary>
    private static void Suffix(string text, int start, int end, Func<string, bool> isTerm, List<Implied> found)
    {
        for (var s = start; s < end; s++)
        {
            var key = string.Concat(text.AsSpan(s, end - s), "安全");
            if (isTerm(key))
            {
                found.Add(new Implied(key, s, end));
                return;
            }
        }
    }

    private static void English(string text, Func<string, bool> isTerm, List<Implied> found)
    {
        const string head = "security";
        for (var at = text.IndexOf(head, StringComparison.Ordinal); at >= 0; at = text.IndexOf(head, at + head.Length, StringComparison.Ordinal))
        {
            if ((at > 0 && CharClass.IsWordChar(text[at - 1])) || (at + head.Length < text.Length && CharClass.IsWordChar(text[at + head.Length])))
            {
                continue;
            }

            // Walk back over words and list separators (",", "and", "or") on the same sentence.
            var tokens = new List<(string Word, int Start, int End)>();
            var p = at;
            while (tokens.Count < MaxItems * MaxWordsItem)
            {
                while (p > 0 && text[p - 1] == ' ')
                {
                    p--;
                }

                if (p > 0 && text[p - 1] == ',')
                {
                    tokens.Add((",", p - 1, p));
                    p--;
                    continue;
                }

                var wordEnd = p;
                while (p > 0 && (CharClass.IsWordChar(text[p - 1]) || text[p - 1] == '-') && !CharClass.IsHan(text[p - 1]))
                {
                    p--;
                }

                if (p == wordEnd)
                {
                    break;
                }

                tokens.Add((text[p..wordEnd], p, wordEnd));
            }

            tokens.Reverse();
            // Split into items at separators; the last item is the one written next to "security".
            var items = new List<List<(string Word, int Start, int End)>>();
            var current = new List<(string Word, int Start, int End)>();
            var separators = 0;
            foreach (var token in tokens)
            {
                if (token.Word is "," or "and" or "or")
                {
                    if (current.Count > 0)
                    {
                        items.Add(current);
                    }

                    current = [];
                    separators++;
                }
                else
                {
                    current.Add(token);
                }
            }

            if (current.Count == 0 || separators == 0)
            {
                continue; // "… and security" or no list at all
            }

            items.Add(current);
            for (var i = 0; i < items.Count - 1; i++)
            {
                Match(items[i], isTerm, found, head);
                if (i + 1 < items.Count - 1)
                {
                    // "science and technology" is one item that contains "and".
                    Match([.. items[i], ("and", 0, 0), .. items[i + 1]], isTerm, found, head);
                }
            }
        }
    }

    private static void Match(List<(string Word, int Start, int End)> item, Func<string, bool> isTerm, List<Implied> found, string head)
    {
        // The longest run of the item's last words (at most four) that, with the head, names a term.
        for (var take = Math.Min(MaxWordsItem, item.Count); take >= 1; take--)
        {
            var words = item.Skip(item.Count - take).ToList();
            var key = string.Join(' ', words.Select(w => w.Word)) + " " + head;
            if (isTerm(key))
            {
                var start = words.First(w => w.End > 0).Start;
                found.Add(new Implied(key, start, words[^1].End));
                return;
            }
        }
    }
}

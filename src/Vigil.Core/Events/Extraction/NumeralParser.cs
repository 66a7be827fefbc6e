using System.Globalization;

namespace Vigil.Core.Events.Extraction;

/// <summary>
/// Reads a numeral as written in news and official text: Arabic with thousands separators and decimals
/// (<c>20,000</c>, <c>1.5</c>), Arabic with a Chinese or English multiplier (<c>2万</c>, <c>2.5 million</c>),
/// Chinese numerals (<c>三千</c>, <c>一百二十</c>, <c>两万</c>, <c>二〇二三</c>) and English number words
/// (<c>forty</c>, <c>two thousand</c>, <c>one hundred and twenty</c>). Text is expected lower-case (folded).
/// </summary>
public static class NumeralParser
{
    private static readonly Dictionary<string, long> EnglishSmall = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> EnglishScale = new(StringComparer.Ordinal)
    {
        ["hundred"] = 100, ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    };

    /// <summary>Parses <paramref name="text"/>; false when it is not a numeral or does not fit a whole number.</summary>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var t = text.Trim().ToLowerInvariant();
        if (char.IsAsciiDigit(t[0]))
        {
            return TryArabic(t, out value);
        }

        if (IsChineseNumeral(t[0]))
        {
            return TryChinese(t, out value);
        }

        return TryEnglish(t, out value);
    }

    private static bool TryArabic(string t, out long value)
    {
        value = 0;
        var i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] is ',' or '.'))
        {
            i++;
        }

        var digits = t[..i].Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var rest = t[i..].Trim();
        decimal multiplier = rest switch
        {
            "" => 1,
            "万" => 10_000,
            "千" => 1_000,
            "百" => 100,
            "亿" => 100_000_000,
            "万亿" => 1_000_000_000_000,
            _ when EnglishScale.TryGetValue(rest, out var scale) => scale,
            _ => -1,
        };
        if (multiplier < 0)
        {
            return false;
        }

        var result = number * multiplier;
        if (result != decimal.Truncate(result) || result > long.MaxValue)
        {
            return false;
        }

        value = (long)result;
        return true;
    }

    private static bool IsChineseNumeral(char c) => ChineseDigit(c) >= 0 || ChineseUnit(c) > 0;

    private static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long ChineseUnit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => 0,
    };

    private static bool TryChinese(string t, out long value)
    {
        value = 0;
        if (t.Any(c => !IsChineseNumeral(c)))
        {
            return false;
        }

        // A run of bare digits (二〇二三) is read digit by digit, as years and codes are written.
        if (t.All(c => ChineseDigit(c) >= 0))
        {
            foreach (var c in t)
            {
                value = checked((value * 10) + ChineseDigit(c));
            }

            return true;
        }

        // 一百二十 = 1 × 100 + 2 × 10; 三万五千 = 3 × 10⁴ + 5 × 10³; 一亿两千万 = 1 × 10⁸ + 2000 × 10⁴;
        // a unit with no digit before it means one of it (十二 = 12, 万 = 10⁴).
        long yi = 0, wan = 0, section = 0, digit = -1;
        try
        {
            foreach (var c in t)
            {
                var d = ChineseDigit(c);
                if (d >= 0)
                {
                    digit = d;
                    continue;
                }

                var unit = ChineseUnit(c);
                var pending = checked(section + Math.Max(digit, 0));
                if (unit == 100_000_000)
                {
                    var below = checked(yi + wan + pending);
                    yi = checked((below == 0 ? 1 : below) * unit);
                    wan = 0;
                    section = 0;
                }
                else if (unit == 10_000)
                {
                    wan = checked(wan + ((pending == 0 ? 1 : pending) * unit));
                    section = 0;
                }
                else
                {
                    section = checked(section + ((digit < 0 ? 1 : digit) * unit));
                }

                digit = -1;
            }

            value = checked(yi + wan + section + Math.Max(digit, 0));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryEnglish(string t, out long value)
    {
        value = 0;
        var words = t.Split([' ', '-', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }

        long total = 0, current = 0;
        var any = false;
        foreach (var word in words)
        {
            if (word == "and" && any)
            {
                continue;
            }

            if (EnglishSmall.TryGetValue(word, out var small))
            {
                current += small;
            }
            else if (word == "hundred")
            {
                current = (current == 0 ? 1 : current) * 100;
            }
            else if (EnglishScale.TryGetValue(word, out var scale))
            {
                total += (current == 0 ? 1 : current) * scale;
                current = 0;
            }
            else
            {
                return false;
            }

            any = true;
        }

        value = total + current;
        return any;
    }
}

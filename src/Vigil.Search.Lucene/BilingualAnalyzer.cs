using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Vigil.Search.Lucene;

/// <summary>
/// Analysis for the bilingual index, run over text already folded by Vigil (lower case, simplified Han,
/// NFKC). English words are Porter-stemmed; Han runs become bigrams — plus single characters at index time,
/// so a one-character query finds them. A query of two or more Han characters is a phrase of bigrams,
/// which matches exactly that substring (so 國家安全, folded to 国家安全, finds 国家安全).
/// </summary>
internal static class BilingualAnalyzer
{
    public static Analyzer ForIndexing() => Create(outputUnigrams: true);

    public static Analyzer ForQueries() => Create(outputUnigrams: false);

    private static Analyzer Create(bool outputUnigrams) => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader) { MaxTokenLength = 255 };
        TokenStream stream = new EnglishPossessiveFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        stream = new CJKBigramFilter(stream, CJKScript.HAN, outputUnigrams);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    });
}

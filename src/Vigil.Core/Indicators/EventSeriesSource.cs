using Vigil.Core.Alerts;
using Vigil.Core.Events;
using Vigil.Core.Geo;
using Vigil.Core.Storage;

namespace Vigil.Core.Indicators;

/// <summary>
/// Series of ledger event counts: events per period, optionally of one type (with its subtypes), concerning one
/// country, or one bloc. An event is placed by its (first) date; events with an unknown date, or a date coarser than
/// the period, are left out and counted in the notes. Rejected events never count (nor proposed ones with
/// <see cref="EventSource.ConfirmedOnly"/>). Periods without events count 0. Each point lists its event ids and the
/// documents the events were extracted from (with the spans, mapped to the original text, when the document store is
/// given).
/// </summary>
public sealed class EventSeriesSource : IIndicatorSeriesSource
{
    private readonly IEventStore _events;
    private readonly Gazetteer _gazetteer;
    private readonly IDocumentStore? _documents;

    public EventSeriesSource(IEventStore events, Gazetteer gazetteer, IDocumentStore? documents = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(gazetteer);
        _events = events;
        _gazetteer = gazetteer;
        _documents = documents;
    }

    public bool Handles(IndicatorSource source) => source is EventSource;

    public SeriesResult Build(IndicatorDefinition indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator.Source is not EventSource source)
        {
            return SeriesResult.Failed($"indicator '{indicator.Id}': not an event-count indicator");
        }

        string? bloc = null;
        if (source.Bloc is not null)
        {
            if (_gazetteer.Bloc(source.Bloc) is not { } b)
            {
                return SeriesResult.Failed($"indicator '{indicator.Id}': bloc '{source.Bloc}' is not in the gazetteer ('vigil gazetteer blocs' lists them)");
            }

            bloc = b.Id;
        }

        var period = indicator.Period;
        var filter = new EventFilter
        {
            TypePrefix = source.Type,
            Country = source.Country,
            Status = source.ConfirmedOnly ? EventStatus.Confirmed : null,
        };
        var dated = new List<(LedgerEvent Event, DateOnly Start)>();
        int undated = 0, imprecise = 0;
        foreach (var e in _events.Query(filter))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (e.Status == EventStatus.Rejected || (bloc is not null && !InBloc(e, bloc)))
            {
                continue;
            }

            if (!e.Date.IsKnown)
            {
                undated++;
            }
            else if (Periods.StartOfDocumentDate(period, e.Date.Text) is { } start)
            {
                dated.Add((e, start));
            }
            else
            {
                imprecise++;
            }
        }

        dated.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Event.Id, b.Event.Id));
        var points = new List<SeriesPoint>();
        if (dated.Count > 0)
        {
            var next = 0;
            foreach (var start in Periods.Range(period, dated[0].Start, dated[^1].Start))
            {
                var members = new List<LedgerEvent>();
                while (next < dated.Count && dated[next].Start == start)
                {
                    members.Add(dated[next++].Event);
                }

                points.Add(new SeriesPoint(Periods.KeyOf(period, start), Periods.ToTimestamp(start), members.Count, members.Count, null, 0, [], Evidence(members))
                {
                    EventIds = members.Take(IndicatorSeries.MaxIdsPerPoint).Select(e => e.Id).ToList(),
                });
            }
        }

        var notes = new List<string>();
        if (undated > 0)
        {
            notes.Add($"{undated} event(s) without a date left out");
        }

        if (imprecise > 0)
        {
            notes.Add($"{imprecise} event(s) dated only to the {(period == IndicatorPeriod.Month ? "year" : "year or month")} left out of this {PeriodNames.Of(period)}ly series");
        }

        notes.Add(source.ConfirmedOnly ? "confirmed events only" : "proposed and confirmed events (rejected ones never count)");
        return SeriesResult.Ok(new IndicatorSeries(indicator, points, "events", notes) { Undated = undated, Imprecise = imprecise });
    }

    /// <summary>An event is in the bloc when one of its countries (its own or its targets') was a member on its date.</summary>
    private bool InBloc(LedgerEvent e, string bloc) =>
        e.Countries.Concat(e.Targets.Select(t => t.Country)).OfType<string>().Distinct(StringComparer.Ordinal)
            .Any(c => EventStatistics.BlocOf(c, e.Date, [bloc], _gazetteer) == bloc);

    /// <summary>The documents the events come from, by events supported (then id), with the spans mapped to the original text.</summary>
    private List<EvidenceDocument> Evidence(List<LedgerEvent> members)
    {
        var byDocument = new SortedDictionary<string, List<EventProvenance>>(StringComparer.Ordinal);
        foreach (var p in members.SelectMany(e => e.Provenance.Where(p => p.Kind == "document" && p.Document is not null).DistinctBy(p => p.Document)))
        {
            if (!byDocument.TryGetValue(p.Document!, out var list))
            {
                byDocument[p.Document!] = list = [];
            }

            list.Add(p);
        }

        return byDocument.OrderByDescending(d => d.Value.Count).ThenBy(d => d.Key, StringComparer.Ordinal).Take(IndicatorSeries.TopPerPoint)
            .Select(d =>
            {
                var info = _documents?.Get(d.Key);
                var content = info is null ? null : _documents!.GetContent(d.Key);
                var spans = d.Value.Where(p => p.Start is not null && p.End is not null).Take(DocumentSeriesSource.SpansPerDocument).Select(p =>
                {
                    if (content is null)
                    {
                        return new EvidenceSpan(p.Start!.Value, p.End!.Value, p.Quote);
                    }

                    var (s, e) = content.Normalized.Map.ToOriginal(Math.Min(p.Start!.Value, content.Normalized.Text.Length), Math.Min(p.End!.Value, content.Normalized.Text.Length));
                    s = Math.Clamp(s, 0, content.Original.Length);
                    e = Math.Clamp(e, s, content.Original.Length);
                    return new EvidenceSpan(s, e, content.Original[s..e]);
                }).ToList();
                return new EvidenceDocument(d.Key, info?.Title, info?.Date, d.Value.Count, spans);
            }).ToList();
    }
}

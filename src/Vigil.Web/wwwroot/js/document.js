import { api, el, formatNumber, marked, message, params, query, show, start } from './app.js';

const container = document.getElementById('doc');
const visible = new Set();
let text = '';
let evidence = null;
let session = null;
let docId = null;

/** A span asked for in the URL (?start=&end=, e.g. an event's provenance), marked in the text and scrolled to. */
function requestedSpan() {
  const p = params();
  const s = Number(p.get('start'));
  const e = Number(p.get('end'));
  return p.has('start') && p.has('end') && Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e > s ? { start: s, end: e } : null;
}

function metadata(doc) {
  const rows = [
    ['id', doc.id], ['date', doc.date || 'undated'], ['source', doc.source || '—'], ['language', doc.language],
    ['format', doc.format], ['words', formatNumber(doc.words)], ['Han characters', formatNumber(doc.han)], ['path', doc.paths.join('\n')],
  ];
  return el('table', { className: 'meta-table' }, el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { text: k }), el('td', { text: v })))));
}

/** The evidence spans of the domains switched on, merged where they overlap, each with a title naming domain and term. */
function ranges() {
  const spans = evidence.spans.filter(s => visible.has(s.domain)).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    const label = `${s.domain}: ${s.term} (${s.weight > 0 ? '+' : ''}${s.weight})`;
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      if (!last.title.includes(label)) last.title += '\n' + label;
      if (s.weight > 0) last.className = 'evidence';
    } else {
      merged.push({ start: s.start, end: s.end, title: label, className: s.weight > 0 ? 'evidence' : 'evidence negative', dataset: { domain: s.domain } });
    }
  }
  return merged;
}

function drawText() {
  const body = document.getElementById('text');
  const span = requestedSpan();
  // The requested span wins where it overlaps evidence: it is what the reader came to see.
  const all = span
    ? [...ranges().filter(r => r.end <= span.start || r.start >= span.end), { start: span.start, end: span.end, className: 'provenance', title: 'the span that was linked to (an event\'s provenance or an alert\'s evidence)' }]
      .sort((a, b) => a.start - b.start)
    : ranges();
  body.replaceChildren(marked(text, all));
  const count = body.querySelectorAll('mark').length;
  document.getElementById('mark-count').textContent = `${formatNumber(count - (span ? 1 : 0))} evidence marks shown`;
  const target = body.querySelector('mark.provenance');
  if (target) target.scrollIntoView({ block: 'center' });
}

/** The ledger's events whose provenance is this document, with a link to each on the events page. */
async function drawEvents() {
  const box = document.getElementById('events');
  try {
    const data = await api('/api/events?' + query({ doc: docId, pageSize: 200 }));
    const table = data.total === 0
      ? message('No event in the ledger was proposed from this document.')
      : el('table', { className: 'grid', id: 'doc-events' },
        el('thead', {}, el('tr', {}, ['date', 'type', 'span', 'summary', 'status'].map(h => el('th', { text: h })))),
        el('tbody', {}, data.items.map(e => {
          const p = e.provenance.find(x => x.kind === 'document' && x.document === docId) || {};
          return el('tr', {},
            el('td', { text: e.date || 'unknown' }),
            el('td', {}, el('a', { href: `/events.html?${query({ doc: docId, id: e.id })}`, text: e.type })),
            el('td', {}, el('a', { href: `/document.html?${query({ id: docId, start: p.start, end: p.end })}`, text: `${p.start}–${p.end}` })),
            el('td', { text: e.summary || e.summary_zh || '' }),
            el('td', { text: e.status }));
        })));
    const parts = [table];
    if (data.total > data.items.length) parts.push(el('p', { className: 'hint', text: `${data.items.length} of ${data.total} shown.` }));
    if (session && (session.role === 'analyst' || session.role === 'admin')) {
      const run = el('button', { type: 'button', id: 'extract', text: 'Propose events from this document' });
      const result = el('span', { className: 'hint', id: 'extract-result' });
      run.addEventListener('click', async () => {
        run.disabled = true;
        result.textContent = ' Extracting…';
        try {
          const r = await api('/api/events/extract', { method: 'POST', body: { doc: docId } });
          result.textContent = r.stored
            ? ` ${r.proposals.length} proposal(s): ${r.stored.created} new, ${r.stored.updated} updated, ${r.stored.unchanged} unchanged.`
            : ' No events proposed in this document.';
          await drawEvents();
        } catch (e) {
          result.textContent = ' ' + e.message;
        } finally {
          run.disabled = false;
        }
      });
      parts.push(el('p', {}, run, result));
    }
    show(box, ...parts);
  } catch (e) {
    show(box, message(e.message, 'error'));
  }
}

function domainChips() {
  const list = el('div', { className: 'chips' });
  for (const d of evidence.domains) {
    const chip = el('button', {
      type: 'button', className: 'chip' + (d.assigned ? ' assigned' : '') + (visible.has(d.id) ? ' on' : ''),
      title: `${d.en} · score ${d.score.toFixed(2)}${d.assigned ? ' (assigned)' : ''} · ${d.matches} matches`, text: `${d.zh} ${d.en} ${d.score.toFixed(2)}`,
    });
    chip.addEventListener('click', () => {
      if (visible.has(d.id)) visible.delete(d.id); else visible.add(d.id);
      chip.classList.toggle('on');
      drawText();
    });
    list.append(chip);
  }
  return list;
}

function formulationsTable(found) {
  if (found.length === 0) return message('No formulation of the dictionary occurs in this document.');
  return el('table', { className: 'grid' },
    el('thead', {}, el('tr', {}, ['formulation', 'id', 'count', 'per 10k', 'domains'].map(h => el('th', { text: h })))),
    el('tbody', {}, found.map(f => el('tr', {},
      el('td', { text: f.en ? `${f.zh} — ${f.en}` : f.zh }), el('td', { text: f.id }), el('td', { className: 'num', text: formatNumber(f.count) }),
      el('td', { className: 'num', text: f.per10k.toFixed(2) }), el('td', { text: f.domains.join(', ') })))));
}

async function run() {
  const id = params().get('id');
  if (!id) { show(container, message('No document given: open one from the search results.', 'error')); return; }
  try {
    const base = `/api/documents/${encodeURIComponent(id)}`;
    const [doc, original, ev, found] = await Promise.all([api(base), api(base + '/text'), api(base + '/evidence'), api(base + '/formulations')]);
    text = original;
    evidence = ev;
    docId = doc.id;
    for (const d of ev.domains) if (d.assigned) visible.add(d.id);
    document.title = `${doc.title || doc.id} — Vigil`;
    show(container,
      el('h1', { text: doc.title || doc.path.split('/').pop() }),
      el('p', {}, el('a', { href: `/compare.html?a=${encodeURIComponent(doc.id)}`, text: 'Compare with another document →' })),
      metadata(doc),
      el('h2', { text: `Security domains (taxonomy ${ev.taxonomy}; assigned at score ≥ ${ev.threshold})` }),
      el('p', { className: 'hint', text: 'Click a domain to show or hide its evidence in the text; hover a mark for the term and its weight.' }),
      domainChips(),
      el('h2', { text: 'Formulations found' }),
      formulationsTable(found),
      el('h2', { text: 'Events proposed from it' }),
      el('section', { id: 'events' }, message('Loading…')),
      el('h2', { text: 'Text' }),
      el('p', { id: 'mark-count', className: 'hint' }),
      el('div', { id: 'text', className: 'doc-text' }));
    drawText();
    await drawEvents();
  } catch (e) {
    show(container, message(e.message, 'error'));
  }
}

session = await start(null);
if (session) await run();

import { api, el, formatNumber, marked, message, params, show, start } from './app.js';

const container = document.getElementById('doc');
const visible = new Set();
let text = '';
let evidence = null;

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

/** The span an alert's evidence link cites (?span=START-END), marked over the evidence marks it overlaps. */
function cited() {
  const m = /^(\d+)-(\d+)$/.exec(params().get('span') || '');
  return m && Number(m[1]) < Number(m[2]) ? { start: Number(m[1]), end: Number(m[2]), className: 'cited', title: 'the span an alert cites' } : null;
}

function drawText() {
  const body = document.getElementById('text');
  const span = cited();
  const all = span ? [...ranges().filter(r => r.end <= span.start || r.start >= span.end), span].sort((a, b) => a.start - b.start) : ranges();
  body.replaceChildren(marked(text, all));
  const first = body.querySelector('mark.cited');
  if (first && !drawText.scrolled) { drawText.scrolled = true; first.scrollIntoView({ block: 'center' }); }
  const count = body.querySelectorAll('mark.evidence').length;
  document.getElementById('mark-count').textContent = `${formatNumber(count)} evidence marks shown`;
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
      el('h2', { text: 'Text' }),
      el('p', { id: 'mark-count', className: 'hint' }),
      el('div', { id: 'text', className: 'doc-text' }));
    drawText();
  } catch (e) {
    show(container, message(e.message, 'error'));
  }
}

if (await start(null)) await run();

import { api, el, formatNumber, message, params, query, show, start } from './app.js';

const form = document.getElementById('compare');
const output = document.getElementById('diff');

async function fillDocuments() {
  const list = await api('/api/documents?pageSize=10000');
  const docs = list.items.slice().sort((x, y) => (x.date || '9999').localeCompare(y.date || '9999') || x.path.localeCompare(y.path));
  for (const id of ['a', 'b']) {
    const select = document.getElementById(id);
    select.append(el('option', { value: '', text: '— choose a document —' }));
    for (const d of docs) select.append(el('option', { value: d.id, text: `${d.date || 'undated'} · ${d.title || d.path.split('/').pop()}` }));
  }
  if (list.total > list.items.length) output.append(message(`Only the first ${list.items.length} of ${list.total} documents are listed.`));
}

function changes(title, rows, explain) {
  const section = el('section', { className: 'change' }, el('h2', { text: `${title} (${rows.length})` }), el('p', { className: 'hint', text: explain }));
  if (rows.length === 0) { section.append(message('none')); return section; }
  section.append(el('table', { className: 'grid' },
    el('thead', {}, el('tr', {}, ['formulation', 'id', 'A', 'B', 'A /10k', 'B /10k', 'G²'].map(h => el('th', { text: h })))),
    el('tbody', {}, rows.map(c => el('tr', {},
      el('td', { text: c.en ? `${c.zh} — ${c.en}` : c.zh }), el('td', { text: c.id }),
      el('td', { className: 'num', text: formatNumber(c.a) }), el('td', { className: 'num', text: formatNumber(c.b) }),
      el('td', { className: 'num', text: c.a_per10k.toFixed(2) }), el('td', { className: 'num', text: c.b_per10k.toFixed(2) }),
      el('td', { className: 'num', text: c.g2.toFixed(2) }))))));
  return section;
}

function candidates(rows) {
  const section = el('section', { className: 'change' }, el('h2', { text: `Candidate new phrases (${rows.length})` }),
    el('p', { className: 'hint', text: 'Phrases outside the dictionary, much more frequent in B than in A (G², log ratio).' }));
  if (rows.length === 0) { section.append(message('none')); return section; }
  section.append(el('table', { className: 'grid' },
    el('thead', {}, el('tr', {}, ['phrase', 'lang', 'A', 'B', 'B /10k', 'G²', 'log ratio'].map(h => el('th', { text: h })))),
    el('tbody', {}, rows.map(c => el('tr', {},
      el('td', { text: c.phrase }), el('td', { text: c.lang }), el('td', { className: 'num', text: formatNumber(c.a) }),
      el('td', { className: 'num', text: formatNumber(c.b) }), el('td', { className: 'num', text: c.b_per10k.toFixed(2) }),
      el('td', { className: 'num', text: c.g2.toFixed(2) }), el('td', { className: 'num', text: c.log_ratio.toFixed(2) }))))));
  return section;
}

function side(label, s) {
  const d = s.docs[0];
  return el('p', { className: 'side' }, el('strong', { text: `${label}: ` }),
    el('a', { href: `/document.html?id=${encodeURIComponent(d.id)}`, text: d.title || d.path.split('/').pop() }),
    ` — ${d.date || 'undated'}, ${formatNumber(s.han)} Han characters, ${formatNumber(s.words)} words`);
}

async function run() {
  const p = params();
  document.getElementById('a').value = p.get('a') || '';
  document.getElementById('b').value = p.get('b') || '';
  if (!p.get('a') || !p.get('b')) return;
  show(output, message('Comparing…'));
  try {
    const diff = await api('/api/tifa/diff?' + query({ a: p.get('a'), b: p.get('b') }));
    show(output,
      side('A', diff.a), side('B', diff.b),
      changes('Appeared', diff.appeared, 'In B, absent from A.'),
      changes('Disappeared', diff.disappeared, 'In A, absent from B.'),
      changes('Rose', diff.rose, 'In both, significantly more frequent in B (G² ≥ 3.84).'),
      changes('Fell', diff.fell, 'In both, significantly less frequent in B.'),
      el('p', { className: 'hint', text: `${diff.unchanged.length} formulations in both without a significant change.` }),
      candidates(diff.candidates));
  } catch (e) {
    show(output, message(e.message, 'error'));
  }
}

form.addEventListener('submit', event => {
  event.preventDefault();
  history.pushState(null, '', '?' + query({ a: document.getElementById('a').value, b: document.getElementById('b').value }));
  run();
});
window.addEventListener('popstate', run);

if (await start('Compare')) {
  try {
    await fillDocuments();
    await run();
  } catch (e) {
    show(output, message(e.message, 'error'));
  }
}

import { api, el, formatNumber, marked, message, params, query, show, start } from './app.js';

const form = document.getElementById('search');
const results = document.getElementById('results');
const fields = ['q', 'lang', 'source', 'from', 'to', 'domain'];
const pageSize = 10;

async function fillDomains() {
  try {
    const taxonomy = await api('/api/taxonomy');
    const select = document.getElementById('domain');
    for (const d of taxonomy.domains) select.append(el('option', { value: d.id, text: `${d.en} · ${d.zh}` }));
  } catch (e) {
    // The filter is optional: search still works without it.
  }
}

function hitView(hit) {
  const title = hit.title || hit.path.split('/').pop();
  const meta = [hit.doc.slice(0, 8), hit.language, hit.date || 'undated', hit.source || 'no source', `score ${hit.score.toFixed(2)}`].join(' · ');
  const marks = hit.marks.map(([start, end]) => ({ start, end }));
  return el('article', { className: 'hit' },
    el('h2', {}, el('a', { href: `/document.html?id=${encodeURIComponent(hit.doc)}`, text: title })),
    el('p', { className: 'meta', text: meta }),
    el('p', { className: 'snippet' }, marked(hit.snippet_text, marks)));
}

function pager(page, total, exact) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const nav = el('nav', { className: 'pager' });
  const go = p => () => { const q = params(); q.set('page', p); history.pushState(null, '', '?' + q); run(); };
  if (page > 1) { const b = el('button', { type: 'button', text: '← previous' }); b.addEventListener('click', go(page - 1)); nav.append(b); }
  nav.append(el('span', { text: ` page ${page} of ${formatNumber(pages)}${exact ? '' : '+'} ` }));
  if (page < pages) { const b = el('button', { type: 'button', text: 'next →' }); b.addEventListener('click', go(page + 1)); nav.append(b); }
  return nav;
}

async function run() {
  const p = params();
  for (const f of fields) document.getElementById(f).value = p.get(f) || '';
  if (!p.get('q')) { show(results); return; }
  const page = Math.max(1, parseInt(p.get('page') || '1', 10) || 1);
  show(results, message('Searching…'));
  try {
    const args = Object.fromEntries(fields.map(f => [f, p.get(f)]));
    const data = await api('/api/search?' + query({ ...args, page, pageSize }));
    const summary = data.total_exact
      ? `${formatNumber(data.total)} matching documents`
      : `${formatNumber(data.total)} documents in this domain among the best ${formatNumber(data.examined)} matches (more match the query)`;
    show(results, el('p', { className: 'summary', text: summary }), data.items.map(hitView), data.total > pageSize ? pager(page, data.total, data.total_exact) : null);
  } catch (e) {
    show(results, message(e.message, 'error'));
  }
}

form.addEventListener('submit', event => {
  event.preventDefault();
  const q = new URLSearchParams();
  for (const f of fields) { const v = document.getElementById(f).value.trim(); if (v) q.set(f, v); }
  history.pushState(null, '', '?' + q);
  run();
});
window.addEventListener('popstate', run);

if (await start('Search')) {
  await fillDomains();
  await run();
}

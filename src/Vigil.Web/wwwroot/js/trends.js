/* global echarts */
import { api, el, formatNumber, message, params, query, show, start } from './app.js';

const form = document.getElementById('trend');
const mode = document.getElementById('mode');
const terms = document.getElementById('terms');
const domain = document.getElementById('domain');
const by = document.getElementById('by');
const chartBox = document.getElementById('chart');
const table = document.getElementById('table');
const measure = document.getElementById('measure');
let chart = null;

function syncMode() {
  terms.hidden = mode.value !== 'term';
  terms.required = mode.value === 'term';
  domain.hidden = mode.value !== 'domain';
}

async function fillDomains() {
  const taxonomy = await api('/api/taxonomy');
  for (const d of taxonomy.domains) domain.append(el('option', { value: d.id, text: `${d.en} · ${d.zh}` }));
}

function label(row) {
  if (by.value !== 'doc') return row.key;
  const name = (row.path || row.key).split('/').pop();
  return row.date ? `${row.date} ${name}` : name;
}

const measures = {
  term: 'per 10,000 Han characters (Chinese terms) or words (English terms)',
  domain: '% of substantive paragraphs assigned the domain',
  index: 'securitisation index (0–100): the mean of the share of securitised paragraphs and a saturating density of 安全/security',
};

function draw(rows) {
  const keys = [...new Set(rows.map(r => r.key))];
  const timeAxis = (by.value === 'year' || by.value === 'month') && keys.filter(k => !k.startsWith('(')).length > 2;
  const shown = timeAxis ? keys.filter(k => !k.startsWith('(')) : keys;
  const labels = shown.map(k => label(rows.find(r => r.key === k)));
  const series = [...new Set(rows.map(r => r.series))].map(name => ({
    name,
    type: timeAxis ? 'line' : 'bar',
    data: shown.map(k => { const r = rows.find(x => x.key === k && x.series === name); return r ? Number(r.value.toFixed(4)) : null; }),
  }));
  chartBox.hidden = false;
  chart = chart || echarts.init(chartBox, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 90 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0, width: 160, overflow: 'truncate' } },
    yAxis: { type: 'value', name: mode.value === 'term' ? 'per 10k' : mode.value === 'domain' ? '%' : 'index' },
    series,
  }, true);
  chart.resize();
}

function rowsTable(rows) {
  return el('table', { className: 'grid' },
    el('thead', {}, el('tr', {}, [by.value, 'series', 'value', 'count', 'docs'].map(h => el('th', { text: h })))),
    el('tbody', {}, rows.map(r => el('tr', {},
      el('td', { text: label(r) }), el('td', { text: r.series }), el('td', { className: 'num', text: r.value.toFixed(2) }),
      el('td', { className: 'num', text: formatNumber(r.count) }), el('td', { className: 'num', text: formatNumber(r.docs) })))));
}

async function run() {
  const p = params();
  mode.value = p.get('mode') || 'term';
  terms.value = p.get('terms') || '';
  by.value = p.get('by') || 'year';
  if (p.get('domain')) domain.value = p.get('domain');
  syncMode();
  if (mode.value === 'term' && !terms.value.trim()) return;
  show(table, message('Computing…'));
  try {
    const args = { by: by.value, pageSize: 10000 };
    if (mode.value === 'term') args.term = terms.value.split(/[,，]/).map(t => t.trim()).filter(Boolean);
    else if (mode.value === 'domain') args.domain = domain.value;
    else args.index = 'securitization';
    const data = await api('/api/trend?' + query(args));
    measure.textContent = `Value: ${measures[mode.value]}.`;
    if (data.items.length === 0) { chartBox.hidden = true; show(table, message('No documents to measure.')); return; }
    draw(data.items);
    show(table, rowsTable(data.items));
  } catch (e) {
    show(table, message(e.message, 'error'));
  }
}

mode.addEventListener('change', syncMode);
form.addEventListener('submit', event => {
  event.preventDefault();
  history.pushState(null, '', '?' + query({ mode: mode.value, terms: mode.value === 'term' ? terms.value : '', domain: mode.value === 'domain' ? domain.value : '', by: by.value }));
  run();
});
window.addEventListener('popstate', run);
window.addEventListener('resize', () => chart && chart.resize());

if (await start('Trends')) {
  await fillDomains();
  await run();
}

/* global echarts */
// The alert inbox: alerts newest first with their explanation, evidence links, history and a chart of the indicator's
// series around the anomaly; analysts acknowledge and resolve (the API checks the role too). Every text from the
// server (explanations, titles, notes) is placed with textContent through el().
import { api, el, formatNumber, message, params, query, show, start } from './app.js';

const form = document.getElementById('filters');
const state = document.getElementById('state');
const severity = document.getElementById('severity');
const list = document.getElementById('alerts');
const pager = document.getElementById('pager');
const newCount = document.getElementById('new-count');
const watchButton = document.getElementById('watch');
const watchResult = document.getElementById('watch-result');
const pageSize = 20;
let canChange = false;

function periods(a) {
  return a.first === a.last ? a.first : `${a.first} – ${a.last}`;
}

function evidence(a) {
  const docs = a.evidence.documents.map(d => el('li', {},
    el('a', { href: `/document.html?${query(d.spans.length ? { id: d.id, start: d.spans[0].start, end: d.spans[0].end } : { id: d.id })}`, text: d.title || d.id }),
    ` ${d.date || 'undated'} · contribution ${formatNumber(d.contribution, 2)}`,
    d.spans.length ? el('ul', {}, d.spans.map(s => el('li', {},
      el('a', { href: `/document.html?${query({ id: d.id, start: s.start, end: s.end })}`, text: `“${s.text ?? ''}”` }), ` (characters ${s.start}–${s.end})`))) : null));
  const events = a.evidence.events.map(id => el('li', {}, el('a', { href: `/events.html?${query({ id })}`, text: `event ${id}` })));
  if (docs.length === 0 && events.length === 0) return el('p', { className: 'hint', text: 'No documents or events behind this alert (an imported series).' });
  return el('div', {},
    docs.length ? el('div', {}, el('h3', { text: 'Documents' }), el('ul', { className: 'evidence' }, docs)) : null,
    events.length ? el('div', {}, el('h3', { text: 'Events' }), el('ul', { className: 'evidence' }, events)) : null);
}

function historyTable(a) {
  return el('table', { className: 'grid history' },
    el('thead', {}, el('tr', {}, ['when (UTC)', 'state', 'by', 'note'].map(h => el('th', { text: h })))),
    el('tbody', {}, a.history.map(h => el('tr', {}, el('td', { text: h.at }), el('td', { text: h.state }), el('td', { text: h.by }), el('td', { text: h.note ?? '' })))));
}

/** The indicator's series, eight periods either side of the anomaly, with the flagged periods marked. */
async function drawChart(a, box) {
  try {
    const series = await api(`/api/indicators/${encodeURIComponent(a.indicator)}/series`);
    const points = series.points;
    const from = Math.max(0, points.findIndex(p => p.period === a.first) - 8);
    const lastIndex = points.findIndex(p => p.period === a.last);
    const to = Math.min(points.length, (lastIndex < 0 ? points.length : lastIndex) + 9);
    const shown = points.slice(from, to);
    if (shown.length === 0) { show(box, message('The series has no points now.', 'info')); return; }
    const inAnomaly = p => p.period >= a.first && p.period <= a.last;
    const chart = echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: shown.map(p => p.period) },
      yAxis: { type: 'value', name: series.unit },
      series: [
        { name: series.name, type: 'line', data: shown.map(p => p.value), connectNulls: false },
        { name: 'unusual', type: 'scatter', symbolSize: 12, itemStyle: { color: '#cf222e' }, data: shown.map(p => (inAnomaly(p) ? p.value : null)) },
      ],
    });
  } catch (e) {
    show(box, message(`The series cannot be drawn: ${e.message}`, 'error'));
  }
}

function actions(a, card) {
  if (!canChange || a.state === 'resolved') return null;
  const note = el('input', { type: 'text', placeholder: 'note (optional): why', maxLength: 4000, className: 'note' });
  const result = el('span', { className: 'hint' });
  const buttons = [];
  const act = async (verb) => {
    buttons.forEach(b => { b.disabled = true; });
    try {
      const changed = await api(`/api/alerts/${a.id}/${verb}`, { method: 'POST', body: note.value.trim() ? { note: note.value.trim() } : {} });
      card.replaceWith(alertCard(changed));
      refreshNewCount();
    } catch (e) {
      result.textContent = e.message;
      buttons.forEach(b => { b.disabled = false; });
    }
  };
  if (a.state !== 'acknowledged') {
    const ack = el('button', { type: 'button', className: 'ack', text: 'Acknowledge' });
    ack.addEventListener('click', () => act('ack'));
    buttons.push(ack);
  }
  const resolve = el('button', { type: 'button', className: 'resolve', text: 'Resolve' });
  resolve.addEventListener('click', () => act('resolve'));
  buttons.push(resolve);
  return el('div', { className: 'actions' }, note, buttons, result);
}

function alertCard(a) {
  const card = el('article', { className: `alert-card sev-${a.severity}`, id: `alert-${a.id}`, dataset: { id: String(a.id), state: a.state } });
  const chartBox = el('div', { className: 'mini-chart' });
  const chartDetails = el('details', {}, el('summary', { text: 'Series around the anomaly' }), chartBox);
  chartDetails.addEventListener('toggle', () => { if (chartDetails.open && !chartBox.dataset.drawn) { chartBox.dataset.drawn = '1'; drawChart(a, chartBox); } }, { once: false });
  card.append(
    el('h2', {},
      el('span', { className: `badge ${a.severity}`, text: a.severity }),
      el('span', { className: `badge state state-${a.state}`, text: a.state }),
      `#${a.id} · ${a.indicator} · ${periods(a)}`),
    el('p', { className: 'meta', text: `peak ${a.peak}: ${formatNumber(a.value, 2)}${a.baseline === null ? '' : ` against a baseline of ${formatNumber(a.baseline, 2)}`} · score ${a.score.toFixed(3)} · ${a.points} point(s) · detector ${a.detector} · raised ${a.raised_at}` }),
    el('p', { className: 'explanation', text: a.explanation }),
    actions(a, card),
    el('details', { open: true }, el('summary', { text: 'Evidence' }), evidence(a)),
    chartDetails,
    el('details', {}, el('summary', { text: `History (${a.history.length})` }), historyTable(a)));
  return card;
}

async function refreshNewCount() {
  try {
    const { total } = await api('/api/alerts?state=new&pageSize=1');
    newCount.textContent = `${formatNumber(total)} new`;
    const badge = document.getElementById('new-alerts');
    if (badge) { badge.textContent = total; badge.hidden = total === 0; }
  } catch { newCount.textContent = ''; }
}

function pagerFor(data) {
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  const go = page => { history.pushState(null, '', '?' + query({ state: state.value, severity: severity.value, indicator: params().get('indicator'), page })); run(); };
  const prev = el('button', { type: 'button', text: '← newer', disabled: data.page <= 1 });
  const next = el('button', { type: 'button', text: 'older →', disabled: data.page >= pages });
  prev.addEventListener('click', () => go(data.page - 1));
  next.addEventListener('click', () => go(data.page + 1));
  return [prev, el('span', { text: `page ${data.page} of ${pages} · ${formatNumber(data.total)} alert(s)` }), next];
}

async function run() {
  const p = params();
  state.value = p.get('state') || 'open';
  severity.value = p.get('severity') || '';
  show(list, message('Loading…'));
  refreshNewCount();
  try {
    const data = await api('/api/alerts?' + query({ state: state.value, severity: severity.value, indicator: p.get('indicator'), page: p.get('page') || 1, pageSize }));
    if (data.items.length === 0) {
      show(list, message(`No ${state.value === 'all' ? '' : state.value + ' '}alerts${severity.value ? ` of ${severity.value} severity` : ''}.`));
      show(pager);
      return;
    }
    show(list, data.items.map(alertCard));
    show(pager, pagerFor(data));
  } catch (e) {
    show(list, message(e.message, 'error'));
  }
}

form.addEventListener('submit', event => {
  event.preventDefault();
  history.pushState(null, '', '?' + query({ state: state.value, severity: severity.value }));
  run();
});
watchButton.addEventListener('click', async () => {
  watchButton.disabled = true;
  watchResult.textContent = 'Evaluating the indicators…';
  try {
    const r = await api('/api/watch', { method: 'POST' });
    const failed = r.indicators.filter(i => i.error);
    watchResult.textContent = `${r.new} new alert(s), ${r.ongoing} ongoing (${r.changed} changed), ${r.suppressed} suppressed; ${r.indicators.length} indicator(s) evaluated.`
      + (failed.length ? ' ' + failed.map(i => i.error).join(' ') : '');
    await run();
  } catch (e) {
    watchResult.textContent = e.message;
  } finally {
    watchButton.disabled = false;
  }
});
window.addEventListener('popstate', run);

const s = await start('Alerts');
if (s) {
  canChange = s.role === 'analyst' || s.role === 'admin';
  watchButton.hidden = !canChange;
  await run();
}

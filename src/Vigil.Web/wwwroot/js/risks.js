/* global echarts */
// The risk register: a 5 × 5 likelihood × impact heat map (ECharts; a cell click filters the table), the register with
// trend arrows, and each risk's assessment history with an assess form for analysts (the API checks the role too).
import { api, el, message, params, query, show, start } from './app.js';

const form = document.getElementById('filters');
const domain = document.getElementById('domain');
const mapBox = document.getElementById('heatmap');
const cellLine = document.getElementById('cell');
const register = document.getElementById('register');
const detail = document.getElementById('detail');
let chart = null;
let risks = [];
let selected = null; // {likelihood, impact} or null
let canChange = false;

const bandColour = score => (score >= 15 ? '#f4a6a6' : score >= 10 ? '#f9c893' : score >= 5 ? '#f6e58d' : '#b7e4c7');
const trendClass = t => (t === 'rising' ? 'trend-up' : t === 'easing' ? 'trend-down' : '');

function drawMap(map) {
  const data = [];
  for (const row of map.rows) {
    row.impact.forEach((count, i) => data.push({
      value: [i, row.likelihood - 1, count],
      itemStyle: { color: bandColour(row.likelihood * (i + 1)), borderColor: '#fff', borderWidth: 2 },
    }));
  }
  chart = chart || echarts.init(mapBox, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: { formatter: p => `likelihood ${p.value[1] + 1} × impact ${p.value[0] + 1} = ${(p.value[1] + 1) * (p.value[0] + 1)}: ${p.value[2]} risk(s)` },
    grid: { left: 90, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'category', name: 'impact', nameLocation: 'middle', nameGap: 36, data: ['1 minor', '2 moderate', '3 significant', '4 major', '5 severe'], splitArea: { show: true } },
    yAxis: { type: 'category', name: 'likelihood', nameLocation: 'middle', nameGap: 70, data: ['1 rare', '2 unlikely', '3 possible', '4 likely', '5 almost certain'], splitArea: { show: true } },
    series: [{
      name: 'risks', type: 'heatmap', data,
      label: { show: true, fontSize: 16, fontWeight: 'bold', formatter: p => (p.value[2] ? String(p.value[2]) : '') },
      emphasis: { itemStyle: { borderColor: '#24292f', borderWidth: 2 } },
    }],
  }, true);
  chart.off('click');
  chart.on('click', p => {
    const cell = { likelihood: p.value[1] + 1, impact: p.value[0] + 1 };
    selected = selected && selected.likelihood === cell.likelihood && selected.impact === cell.impact ? null : cell;
    drawTable();
  });
  chart.resize();
}

function drawTable() {
  const shown = selected ? risks.filter(r => r.likelihood === selected.likelihood && r.impact === selected.impact) : risks;
  cellLine.textContent = selected ? `Showing the ${shown.length} risk(s) at likelihood ${selected.likelihood} × impact ${selected.impact}.` : '';
  if (risks.length === 0) {
    show(register, message(canChange ? 'No risks in the register yet: add one below.' : 'No risks in the register yet.'));
    return;
  }
  show(register, el('table', { className: 'grid', id: 'register-table' },
    el('thead', {}, el('tr', {}, ['domain', 'risk', 'owner', 'L', 'I', 'score', 'trend', 'review', 'indicators'].map(h => el('th', { text: h })))),
    el('tbody', {}, shown.map(r => {
      const open = el('button', { type: 'button', className: 'link', text: r.title, title: `${r.id}: history and assessment` });
      open.addEventListener('click', () => showRisk(r.id));
      return el('tr', { dataset: { id: r.id } },
        el('td', { text: r.domain }),
        el('td', {}, open, el('div', { className: 'hint', text: r.id })),
        el('td', { text: r.owner || '—' }),
        el('td', { className: 'num', text: r.likelihood }),
        el('td', { className: 'num', text: r.impact }),
        el('td', { className: 'num', text: `${r.score} ${r.rating}` }),
        el('td', { className: trendClass(r.trend), title: r.trend, text: r.arrow }),
        el('td', { text: r.review_date ? `${r.review_date}${r.review_due ? ' (due)' : ''}` : '—', className: r.review_due ? 'due' : '' }),
        el('td', {}, r.indicators.length ? r.indicators.flatMap((i, n) => [n ? ', ' : '', el('a', { href: `/alerts.html?${query({ state: 'all', indicator: i })}`, text: i })]) : '—'));
    }))));
}

const likelihoodLabels = ['rare', 'unlikely', 'possible', 'likely', 'almost certain'];
const impactLabels = ['minor', 'moderate', 'significant', 'major', 'severe'];
const scaleOptions = (labels, current) => labels.map((l, i) => el('option', { value: String(i + 1), text: `${i + 1} ${l}`, selected: i + 1 === current }));

function assessForm(r) {
  if (!canChange) return null;
  const scale = (name, current, labels) => el('select', { name, title: name }, scaleOptions(labels, current));
  const likelihood = scale('likelihood', r.likelihood, likelihoodLabels);
  const impact = scale('impact', r.impact, impactLabels);
  const note = el('input', { type: 'text', name: 'note', placeholder: 'note: why (optional)', maxLength: 4000 });
  const result = el('span', { className: 'hint' });
  const submit = el('button', { type: 'submit', text: 'Record assessment' });
  const f = el('form', { className: 'assess', id: 'assess' }, el('label', { text: 'likelihood ' }, likelihood), el('label', { text: 'impact ' }, impact), note, submit, result);
  f.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await api(`/api/risks/${encodeURIComponent(r.id)}/assess`, { method: 'POST', body: { likelihood: Number(likelihood.value), impact: Number(impact.value), note: note.value.trim() || null } });
      await load();
      await showRisk(r.id);
    } catch (e) {
      result.textContent = e.message;
      submit.disabled = false;
    }
  });
  return f;
}

async function showRisk(id) {
  try {
    const r = await api(`/api/risks/${encodeURIComponent(id)}`);
    show(detail,
      el('h2', { text: `${r.title} (${r.id})` }),
      r.description ? el('p', { text: r.description }) : null,
      el('p', { className: 'meta', text: `domain ${r.domain} · owner ${r.owner || '—'} · likelihood ${r.likelihood} × impact ${r.impact} = ${r.score} (${r.rating}) · trend ${r.arrow} · added ${r.created_at}` }),
      assessForm(r),
      el('table', { className: 'grid', id: 'assessments' },
        el('thead', {}, el('tr', {}, ['when (UTC)', 'by', 'L', 'I', 'note'].map(h => el('th', { text: h })))),
        el('tbody', {}, r.history.map(a => el('tr', {}, el('td', { text: a.at }), el('td', { text: a.by }), el('td', { className: 'num', text: a.likelihood }),
          el('td', { className: 'num', text: a.impact }), el('td', { text: a.note ?? '' }))))));
    detail.scrollIntoView({ block: 'nearest' });
  } catch (e) {
    show(detail, message(e.message, 'error'));
  }
}

async function load() {
  const d = params().get('domain') || '';
  domain.value = d;
  try {
    const [map, list] = await Promise.all([api('/api/risks/heatmap?' + query({ domain: d })), api('/api/risks?' + query({ domain: d, pageSize: 10000 }))]);
    risks = list.items;
    drawMap(map);
    drawTable();
  } catch (e) {
    show(register, message(e.message, 'error'));
  }
}

async function fillDomains() {
  const taxonomy = await api('/api/taxonomy');
  for (const d of taxonomy.domains) {
    domain.append(el('option', { value: d.id, text: `${d.en} · ${d.zh}` }));
    document.getElementById('add-domain').append(el('option', { value: d.id, text: `${d.en} · ${d.zh}` }));
  }
}

// ---- adding a risk (analysts; the API checks the role too) ---------------------------------------------------------

const addForm = document.getElementById('add-form');
const addResult = document.getElementById('add-result');
addForm.elements.likelihood.append(...scaleOptions(likelihoodLabels, 3));
addForm.elements.impact.append(...scaleOptions(impactLabels, 3));
addForm.addEventListener('submit', async event => {
  event.preventDefault();
  const f = addForm.elements;
  const text = name => f[name].value.trim() || null;
  const body = {
    id: f.id.value.trim(), domain: f.domain.value, title: f.title.value.trim(), description: text('description'), owner: text('owner'),
    likelihood: Number(f.likelihood.value), impact: Number(f.impact.value), review_date: text('review_date'), note: text('note'),
    indicators: f.indicators.value.split(',').map(i => i.trim()).filter(i => i),
  };
  const submit = addForm.querySelector('button[type=submit]');
  submit.disabled = true;
  addResult.textContent = '';
  try {
    const r = await api('/api/risks', { method: 'POST', body });
    addForm.reset();
    f.likelihood.value = '3';
    f.impact.value = '3';
    addResult.textContent = `Added ${r.id}.`;
    selected = null;
    await load();
    await showRisk(r.id);
  } catch (e) {
    // The API names the field and what to do (an id in use, an unknown domain or indicator, a review date in the past ...).
    addResult.textContent = e.message;
  } finally {
    submit.disabled = false;
  }
});

form.addEventListener('submit', event => {
  event.preventDefault();
  selected = null;
  history.pushState(null, '', '?' + query({ domain: domain.value }));
  load();
});
window.addEventListener('popstate', load);
window.addEventListener('resize', () => chart && chart.resize());

const s = await start('Risks');
if (s) {
  canChange = s.role === 'analyst' || s.role === 'admin';
  document.getElementById('add-risk').hidden = !canChange;
  await fillDomains();
  await load();
  if (params().get('id')) await showRisk(params().get('id'));
}

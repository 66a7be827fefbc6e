/* global echarts, topojson */
// The event ledger: filters, a paged table, a timeline by type, a world map by target country, and the selected
// event with its provenance, history and (for analysts) review actions. Every value from the ledger is placed as
// text (el() sets textContent); links are only made for same-site paths and http(s) URLs.
import { api, el, formatNumber, message, params, query, show, start } from './app.js';

const form = document.getElementById('filters');
const fields = ['type', 'status', 'country', 'bloc', 'from', 'to', 'text'];
const inputs = Object.fromEntries(fields.map(f => [f, document.getElementById(f)]));
const period = document.getElementById('period');
const problemLine = document.getElementById('problem');
const list = document.getElementById('list');
const detail = document.getElementById('detail');
const mapNote = document.getElementById('map-note');
const pageSize = 25;
let session = null;
let timeline = null;
let map = null;
let mapReady = null;
let typeLabels = new Map();

const canReview = () => session && (session.role === 'analyst' || session.role === 'admin');

// Filters only a link sets (the document page's "events proposed from it", an import's file): kept until cleared.
const scopes = ['doc', 'file'];

/** The filters of the URL (the page's state: a link to it shows the same events). */
function filters() {
  const p = params();
  return Object.fromEntries([...fields, ...scopes].map(f => [f, p.get(f) || '']));
}

function drawScope(f) {
  const box = document.getElementById('scope');
  const parts = [];
  if (f.doc) parts.push('proposed from document ', el('a', { href: `/document.html?${query({ id: f.doc })}`, text: f.doc }));
  if (f.file) parts.push(parts.length ? '; ' : '', `imported from the file ${f.file}`);
  if (parts.length === 0) { box.hidden = true; return; }
  const all = el('button', { type: 'button', className: 'link-dark', text: 'show all events' });
  all.addEventListener('click', () => navigate({ doc: null, file: null, page: null, id: null }));
  show(box, 'Only events ', ...parts, ' · ', all);
  box.hidden = false;
}

function navigate(changes, replace = false) {
  const p = params();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') p.delete(key); else p.set(key, value);
  }
  const url = '?' + p.toString();
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  return render();
}

function statusSpan(status) {
  return el('span', { className: `status ${status}`, text: status });
}

function targetsText(e) {
  if (e.targets.length === 0) return e.summary || e.summary_zh || '';
  return e.targets.map(t => t.name_en && t.name_zh ? `${t.name_en} (${t.name_zh})` : (t.name_en || t.name_zh || '')).join('; ');
}

/** A URL as a link only when it is http(s); anything else (javascript:, data:, …) is shown as plain text. */
function urlNode(url) {
  if (!url) return '—';
  let ok = false;
  try { ok = ['http:', 'https:'].includes(new URL(url).protocol); } catch { ok = false; }
  return ok ? el('a', { href: url, text: url, rel: 'noopener noreferrer', target: '_blank' }) : el('span', { className: 'unsafe-url', text: url, title: 'not an http(s) address: not linked' });
}

// ---- the table -------------------------------------------------------------------------------------------------

async function drawList(f, page) {
  show(list, message('Loading…'));
  const data = await api('/api/events?' + query({ ...f, page, pageSize }));
  if (data.total === 0) { show(list, message('No events match. Import a dataset (vigil events import) or propose events from documents.')); return data; }
  const selected = params().get('id');
  const rows = data.items.map(e => {
    const tr = el('tr', { dataset: { id: e.id }, className: e.id === selected ? 'selected' : '' },
      el('td', { text: e.date || 'unknown' }),
      el('td', { text: e.type, title: typeLabels.get(e.type) || '' }),
      el('td', { text: targetsText(e) }),
      el('td', { text: e.countries.join(' ') }),
      el('td', { text: e.body || '' }),
      el('td', {}, statusSpan(e.status), e.issues.length > 0 ? el('span', { className: 'flag', title: e.issues.join('\n'), text: ' !' }) : null));
    tr.addEventListener('click', () => navigate({ id: e.id }));
    return tr;
  });
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  const pager = el('div', { className: 'pager' });
  const prev = el('button', { type: 'button', text: '← Previous', disabled: page <= 1 });
  const next = el('button', { type: 'button', text: 'Next →', disabled: page >= pages });
  prev.addEventListener('click', () => navigate({ page: page - 1, id: null }));
  next.addEventListener('click', () => navigate({ page: page + 1, id: null }));
  pager.append(prev, el('span', { text: `page ${page} of ${pages} · ${formatNumber(data.total)} events` }), next);
  const exportLinks = el('p', { className: 'hint' }, 'Export these events: ',
    ...['csv', 'jsonl', 'ftm', 'ftm-statements'].flatMap((fmt, i) => [i > 0 ? ' · ' : '', el('a', { href: '/api/events/export?' + query({ ...f, format: fmt }), text: fmt })]));
  show(list, el('table', { className: 'grid', id: 'events-table' },
    el('thead', {}, el('tr', {}, ['date', 'type', 'targets / summary', 'countries', 'body', 'status'].map(h => el('th', { text: h })))),
    el('tbody', {}, rows)), pager, exportLinks);
  return data;
}

// ---- the timeline ----------------------------------------------------------------------------------------------

async function drawTimeline(f) {
  const by = period.value;
  const rows = await api('/api/events/stats?' + query({ ...f, by: `${by},type` }));
  const box = document.getElementById('timeline');
  timeline = timeline || echarts.init(box, null, { renderer: 'canvas' });
  const keys = [...new Set(rows.map(r => r[by]))].sort((a, b) => (a === 'unknown') - (b === 'unknown') || a.localeCompare(b));
  const types = [...new Set(rows.map(r => r.type))].sort();
  timeline.setOption({
    animation: false,
    // richText: tooltips are drawn on the canvas, never parsed as HTML.
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 45, right: 15, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: keys },
    yAxis: { type: 'value', name: 'events', minInterval: 1 },
    series: types.map(t => ({
      name: t, type: 'bar', stack: 'events',
      data: keys.map(k => rows.filter(r => r[by] === k && r.type === t).reduce((s, r) => s + r.count, 0)),
    })),
  }, true);
  timeline.resize();
}

// ---- the map ---------------------------------------------------------------------------------------------------

/** Registers the world map once, from the vendored world-atlas TopoJSON (ids are ISO 3166 numeric codes). */
function loadMap() {
  if (!mapReady) {
    mapReady = fetch('/vendor/world-atlas/countries-110m.json').then(r => r.json()).then(topology => {
      const world = topojson.feature(topology, topology.objects.countries);
      for (const feature of world.features) {
        feature.properties = { ...feature.properties, iso_n3: feature.id === undefined ? `name:${feature.properties.name}` : String(feature.id) };
      }
      echarts.registerMap('world', world);
    });
  }
  return mapReady;
}

async function drawMap(f) {
  await loadMap();
  const data = await api('/api/events/countries?' + query(f));
  const box = document.getElementById('map');
  map = map || echarts.init(box, null, { renderer: 'canvas' });
  const shown = data.countries.filter(c => c.numeric);
  const max = Math.max(1, ...data.countries.map(c => c.count));
  map.setOption({
    animation: false,
    tooltip: { trigger: 'item', renderMode: 'richText', formatter: p => p.data ? `${p.data.label}: ${formatNumber(p.data.value)} events` : `${p.name === '' ? '' : 'no events'}` },
    visualMap: { min: 0, max, left: 10, bottom: 10, text: [String(max), '0'], calculable: false, inRange: { color: ['#cfe0f5', '#0b5cad'] } },
    series: [{
      type: 'map', map: 'world', nameProperty: 'iso_n3', roam: true, emphasis: { label: { show: false } },
      left: 50, right: 5, top: 5, bottom: 5,
      itemStyle: { areaColor: '#e3e6ec', borderColor: '#fff', borderWidth: 0.5 },
      data: shown.map(c => ({ name: c.numeric, value: c.count, code: c.code, label: `${c.name || c.code} (${c.code})` })),
    }],
  }, true);
  map.off('click');
  map.on('click', p => { if (p.data && p.data.code) { inputs.country.value = p.data.code; navigate({ country: p.data.code, page: null, id: null }); } });
  map.resize();
  const off = data.countries.filter(c => !c.numeric).map(c => `${c.code} ${formatNumber(c.count)}`);
  mapNote.textContent = `${formatNumber(data.events)} events; target country unknown: ${formatNumber(data.unknown)}`
    + (off.length ? `; not on the map: ${off.join(', ')}` : '') + '.';
  box.dataset.countries = shown.map(c => c.code).join(' ');
}

// ---- the selected event ----------------------------------------------------------------------------------------

function provenanceNode(p) {
  if (p.kind === 'document') {
    const href = `/document.html?${query({ id: p.document, start: p.start, end: p.end })}`;
    return el('li', {}, el('a', { href, text: `document ${p.document.slice(0, 12)} · characters ${p.start}–${p.end}` }),
      p.quote ? el('div', { className: 'quote', text: p.quote }) : null);
  }
  return el('li', {}, el('span', { text: `${p.file || 'dataset'} · row ${p.row ?? '?'}` }), p.source_url ? ' · ' : '', p.source_url ? urlNode(p.source_url) : null);
}

function fieldsTable(e) {
  const rows = [
    ['id', e.id], ['type', typeLabels.has(e.type) ? `${e.type} — ${typeLabels.get(e.type)}` : e.type],
    ['date', e.date ? `${e.date} (${e.date_precision})` + (e.end_date ? `, ended ${e.end_date}` : '') : 'unknown'],
    ['body', e.body], ['countries', e.countries.join(', ')], ['domains', e.domains.join(', ')],
    ['quantities', Object.entries(e.quantities).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ')],
    ['summary', e.summary], ['summary (zh)', e.summary_zh], ['programmes', e.programs.join('; ')], ['confidence', String(e.confidence)],
    ['notes', e.notes], ['edited', e.edited.join(', ')],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return el('table', { className: 'meta-table' }, el('tbody', {},
    el('tr', {}, el('th', { text: 'status' }), el('td', {}, statusSpan(e.status))),
    rows.map(([k, v]) => el('tr', {}, el('th', { text: k }), el('td', { text: v }))),
    el('tr', {}, el('th', { text: 'announcement' }), el('td', {}, urlNode(e.source_url)))));
}

function historyTable(history) {
  return el('table', { className: 'grid history' },
    el('thead', {}, el('tr', {}, ['when', 'who', 'what', 'changed', 'note'].map(h => el('th', { text: h })))),
    el('tbody', {}, history.map(h => el('tr', {},
      el('td', { text: h.at }), el('td', { text: h.by }), el('td', { text: h.action }),
      el('td', { text: h.action === 'created' ? '(new)' : Object.entries(h.after || {}).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n') }),
      el('td', { text: h.note || '' })))));
}

function reviewForm(e) {
  const note = el('textarea', { id: 'review-note', placeholder: 'note (optional; kept with the event and in its history)' });
  const result = el('p', { className: 'hint', id: 'review-result' });
  const act = async (label, call) => {
    result.textContent = `${label}…`;
    try {
      await call();
      note.value = '';
      await showEvent(e.id);
      await drawList(filters(), Number(params().get('page') || 1));
    } catch (err) {
      result.textContent = err.message;
      result.className = 'message error';
    }
  };
  const button = (text, className, status) => {
    const b = el('button', { type: 'button', className, text, disabled: e.status === status });
    b.addEventListener('click', () => act(text, () => api(`/api/events/${e.id}/status`, { method: 'POST', body: { status, note: note.value } })));
    return b;
  };
  const addNote = el('button', { type: 'button', className: 'secondary', text: 'Add note' });
  addNote.addEventListener('click', () => {
    if (!note.value.trim()) { result.textContent = 'Write the note first.'; return; }
    act('Adding the note', () => api(`/api/events/${e.id}`, { method: 'PATCH', body: { note: note.value } }));
  });
  return el('div', { className: 'review' }, note,
    el('div', { className: 'buttons' }, button('Confirm', 'confirm', 'confirmed'), button('Reject', 'reject', 'rejected'), button('Reopen', 'secondary', 'proposed'), addNote),
    result);
}

async function showEvent(id) {
  if (!id) { detail.hidden = true; detail.replaceChildren(); return; }
  detail.hidden = false;
  show(detail, message('Loading…'));
  try {
    const e = await api(`/api/events/${encodeURIComponent(id)}`);
    show(detail,
      el('h2', { text: targetsText(e) || e.type }),
      fieldsTable(e),
      e.targets.length ? el('h3', { text: 'Targets' }) : null,
      e.targets.length ? el('ul', {}, e.targets.map(t => el('li', { text: [t.name_en, t.name_zh, t.kind, t.country, t.position].filter(Boolean).join(' · ') }))) : null,
      el('h3', { text: 'Provenance' }),
      e.provenance.length ? el('ul', { className: 'provenance' }, e.provenance.map(provenanceNode)) : el('p', { className: 'hint', text: 'Recorded by an analyst from the announcement above.' }),
      e.issues.length ? el('h3', { text: 'Flagged by its import' }) : null,
      e.issues.length ? el('ul', {}, e.issues.map(i => el('li', { className: 'flag', text: i }))) : null,
      canReview() ? el('h3', { text: 'Review' }) : null,
      canReview() ? reviewForm(e) : null,
      el('h3', { text: 'History' }),
      historyTable(e.history));
    for (const tr of document.querySelectorAll('#events-table tbody tr')) tr.classList.toggle('selected', tr.dataset.id === e.id);
  } catch (err) {
    show(detail, message(err.message, 'error'));
  }
}

// ---- import (analysts) ------------------------------------------------------------------------------------------

const importBox = document.getElementById('import');
const importForm = document.getElementById('import-form');
const importResult = document.getElementById('import-result');
const importFormat = document.getElementById('import-format');
const shownRows = 100;

/** Rows the import flagged or rejected, as a table (the first 100; the count says how many in all). */
function rowTable(title, rows, field) {
  if (rows.length === 0) return null;
  return el('div', {},
    el('h3', { text: `${title}: ${formatNumber(rows.length)} row(s)${rows.length > shownRows ? ` (the first ${shownRows} shown)` : ''}` }),
    el('table', { className: 'grid report' },
      el('thead', {}, el('tr', {}, el('th', { text: 'row' }), el('th', { text: field }))),
      el('tbody', {}, rows.slice(0, shownRows).map(r => el('tr', {}, el('td', { className: 'num', text: r.row }), el('td', { text: r[field] }))))));
}

/** What the import did, as `vigil events import` reports it, with a link to the events it touched. */
function importReport(r) {
  const counts = `${r.file}: ${formatNumber(r.rows)} row(s) read — ${formatNumber(r.imported)} new, ${formatNumber(r.updated)} updated, `
    + `${formatNumber(r.unchanged)} unchanged, ${formatNumber(r.merged)} merged, ${formatNumber(r.rejected.length)} rejected, ${formatNumber(r.flagged.length)} flagged.`;
  // The watch runs after an import that changed events; it has nothing to do (and says nothing) when no indicator is defined.
  const watch = !r.watch ? '' : r.watch.ran ? ` The watch ran: ${r.watch.new} new alert(s).` : r.watch.error ? ` (${r.watch.error})` : '';
  const show = el('button', { type: 'button', className: 'link-dark', text: 'show the events of this file' });
  show.addEventListener('click', () => navigate(Object.fromEntries([...fields, 'doc', 'page', 'id'].map(f => [f, null]).concat([['file', r.file]]))));
  return [message(counts + watch, r.rejected.length ? 'warn' : 'info'), show, rowTable('Rejected', r.rejected, 'error'), rowTable('Flagged', r.flagged, 'issue')];
}

importFormat.addEventListener('change', () => { document.getElementById('import-map-label').hidden = importFormat.value !== 'csv'; });
importForm.addEventListener('submit', async event => {
  event.preventDefault();
  const body = new FormData(importForm);
  if (importFormat.value !== 'csv') body.delete('map');
  const button = importForm.querySelector('button[type=submit]');
  button.disabled = true;
  show(importResult, message('Importing…', 'info'));
  try {
    const r = await api('/api/events/import', { method: 'POST', body });
    show(importResult, ...importReport(r));
    await render();
  } catch (err) {
    // A refused file (422) still carries the report: which row or column, and why.
    const report = err.problem?.report;
    show(importResult, message(err.message, 'error'), ...(report ? importReport(report).slice(2) : []));
  } finally {
    button.disabled = false;
  }
});

// ---- recording an event by hand (analysts) ---------------------------------------------------------------------

const recordBox = document.getElementById('record');
const recordForm = document.getElementById('record-form');
const recordResult = document.getElementById('record-result');
const targetRows = document.getElementById('record-targets');

/** One target's fields; the first row is there from the start, "Another target" adds more. */
function addTargetRow() {
  const kinds = ['', 'person', 'organization', 'company', 'state'];
  targetRows.append(el('div', { className: 'row target' },
    el('label', { text: 'target ' }, el('input', { name: 'name_en', size: 26, placeholder: 'name (English)' })),
    el('input', { name: 'name_zh', size: 16, placeholder: '中文名' }),
    el('select', { name: 'kind', title: 'kind' }, kinds.map(k => el('option', { value: k, text: k || 'kind…' }))),
    el('input', { name: 'country', size: 14, placeholder: 'country' })));
}

document.getElementById('record-add-target').addEventListener('click', addTargetRow);
recordForm.addEventListener('submit', async event => {
  event.preventDefault();
  const f = recordForm.elements;
  const text = name => f[name].value.trim() || null;
  const targets = [...targetRows.querySelectorAll('.target')].map(row => {
    const v = name => row.querySelector(`[name=${name}]`).value.trim() || null;
    return { name_en: v('name_en'), name_zh: v('name_zh'), kind: v('kind'), country: v('country') };
  }).filter(t => t.name_en || t.name_zh);
  const body = {
    type: text('type'), date: text('date'), end_date: text('end_date'), status: text('status'), body: text('body'), source_url: text('source_url'),
    countries: (f.countries.value || '').split(/[,，;；]/).map(c => c.trim()).filter(c => c), targets,
    summary: text('summary'), summary_zh: text('summary_zh'), notes: text('notes'),
  };
  const submit = recordForm.querySelector('button[type=submit]');
  submit.disabled = true;
  recordResult.textContent = '';
  try {
    const e = await api('/api/events', { method: 'POST', body });
    recordForm.reset();
    targetRows.replaceChildren();
    addTargetRow();
    recordResult.textContent = `Recorded ${e.id}.`;
    await navigate({ id: e.id });
  } catch (err) {
    // The API names the field and what to do; an event already in the ledger is a 409 with its id.
    recordResult.textContent = err.message;
  } finally {
    submit.disabled = false;
  }
});

// ---- the page --------------------------------------------------------------------------------------------------

async function render() {
  const f = filters();
  for (const name of fields) inputs[name].value = f[name];
  drawScope(f);
  const page = Number(params().get('page') || 1);
  problemLine.hidden = true;
  try {
    await Promise.all([drawList(f, page), drawTimeline(f), drawMap(f)]);
  } catch (err) {
    problemLine.textContent = err.message;
    problemLine.hidden = false;
    show(list);
  }
  await showEvent(params().get('id'));
}

async function fillSelects() {
  const [types, blocs] = await Promise.all([api('/api/events/types'), api('/api/gazetteer/blocs')]);
  typeLabels = new Map(types.map(t => [t.id, `${t.label_en} · ${t.label_zh}`]));
  for (const t of types) {
    const label = `${'  '.repeat(t.id.split('.').length - 1)}${t.id} — ${t.label_en}`;
    inputs.type.append(el('option', { value: t.id, text: label }));
    document.getElementById('record-type').append(el('option', { value: t.id, text: label }));
  }
  for (const b of blocs) inputs.bloc.append(el('option', { value: b.id, text: `${b.id} — ${b.name}` }));
}

form.addEventListener('submit', event => {
  event.preventDefault();
  navigate({ ...Object.fromEntries(fields.map(f => [f, inputs[f].value.trim()])), page: null, id: null });
});
document.getElementById('clear').addEventListener('click', () => navigate(Object.fromEntries([...fields, ...scopes, 'page', 'id'].map(f => [f, null]))));
period.addEventListener('change', () => drawTimeline(filters()).catch(err => { problemLine.textContent = err.message; problemLine.hidden = false; }));
window.addEventListener('popstate', render);
window.addEventListener('resize', () => { if (timeline) timeline.resize(); if (map) map.resize(); });

session = await start('Events');
if (session) {
  importBox.hidden = !canReview();
  recordBox.hidden = !canReview();
  addTargetRow();
  await fillSelects();
  await render();
}

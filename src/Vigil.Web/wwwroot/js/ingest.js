import { el, formatNumber, message, session, show, start } from './app.js';

const form = document.getElementById('ingest');
const rows = document.querySelector('#uploads tbody');

/** Uploads one file with XMLHttpRequest (fetch cannot report upload progress) and resolves with the parsed JSON. */
function upload(file, fields, csrf, progress) {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.append('files', file, file.name);
    for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) progress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      const data = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new Error(data?.detail || data?.title || `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new Error('the connection failed')));
    xhr.send(body);
  });
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const s = await session();
  const files = [...document.getElementById('files').files];
  const fields = { source: document.getElementById('source').value.trim(), date: document.getElementById('date').value.trim() };
  document.getElementById('uploads').hidden = false;
  const button = form.querySelector('button');
  button.disabled = true;
  for (const file of files) {
    const bar = el('progress', { max: 1, value: 0 });
    const result = el('td', { text: 'waiting' });
    const row = el('tr', {}, el('td', { text: file.name }), el('td', {}, bar), result);
    rows.append(row);
    if (file.size > s.upload.max_bytes) {
      result.textContent = `not sent: ${formatNumber(file.size / 1048576, 1)} MB is over the ${formatNumber(s.upload.max_bytes / 1048576, 0)} MB limit`;
      row.className = 'failed';
      continue;
    }
    try {
      result.textContent = 'uploading…';
      const data = await upload(file, fields, s.csrf, f => { bar.value = f; if (f >= 1) result.textContent = 'ingesting…'; });
      bar.value = 1;
      const u = data.uploads[0];
      row.className = u.status;
      show(result, u.doc ? el('a', { href: `/document.html?id=${encodeURIComponent(u.doc)}`, text: u.status === 'new' ? 'new document' : 'already stored' }) : null,
        u.error ? el('span', { text: `${u.status}: ${u.error}` }) : null);
    } catch (e) {
      row.className = 'failed';
      result.textContent = e.message;
    }
  }
  button.disabled = false;
});

const s = await start('Ingest');
if (s) {
  document.getElementById('files').accept = s.upload.extensions.join(',');
  document.getElementById('limits').textContent =
    `Accepted: ${s.upload.extensions.join(' ')}; at most ${formatNumber(s.upload.max_bytes / 1048576, 0)} MB per file. Uploading needs the admin role.`;
  if (s.role !== 'admin') form.before(message('Your role cannot ingest (admin only).', 'error'));
}

// Shared by every page: the session, API calls with the CSRF token, the navigation bar and safe DOM building.
// Document text is only ever placed with textContent (el() and marked() below); nothing here assigns innerHTML.

let sessionPromise = null;

/** The signed-in user, role, local mode, CSRF token and upload limits (GET /api/session), fetched once per page. */
export function session() {
  if (!sessionPromise) {
    sessionPromise = fetch('/api/session', { credentials: 'same-origin' }).then(r => {
      if (!r.ok) throw new Error(`session: HTTP ${r.status}`);
      return r.json();
    });
  }
  return sessionPromise;
}

/** An API error carrying the problem details' title and detail. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Calls the API; unsafe methods carry the CSRF token; a 401 sends the browser to the login page. */
export async function api(path, options = {}) {
  const s = await session();
  const method = options.method || 'GET';
  const headers = new Headers(options.headers || {});
  if (method !== 'GET' && method !== 'HEAD') headers.set('X-CSRF-TOKEN', s.csrf);
  let body = options.body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401 && !location.pathname.startsWith('/login')) {
    location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
    throw new ApiError(401, { title: 'Sign in first' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : { detail: String(data) });
  return data;
}

/** A query string from an object; arrays repeat the key; empty values are left out. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && String(v).trim() !== '') q.append(key, String(v).trim());
    }
  }
  return q.toString();
}

/**
 * Builds an element. props: className, text (textContent), href (only relative or http(s) URLs), dataset,
 * and plain properties such as type, value, title, disabled; children: nodes or strings (as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'href') node.setAttribute('href', safeHref(value));
    else if (key.startsWith('on') || key === 'innerHTML' || key === 'outerHTML') throw new Error(`el(): ${key} is not allowed`);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Only same-site paths and http(s) links are ever put in an href (never javascript: or data:). */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith('/') && !text.startsWith('//')) return text;
  try {
    const url = new URL(text, location.origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '#';
  } catch {
    return '#';
  }
}

/**
 * Text with [start, end) ranges wrapped in <mark>, as DOM nodes (the text is never parsed as HTML).
 * ranges: [{start, end, className?, title?, dataset?}] sorted by start; overlapping ones are merged into the first.
 */
export function marked(text, ranges) {
  const fragment = document.createDocumentFragment();
  let cursor = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, cursor);
    const end = Math.min(range.end, text.length);
    if (end <= start) continue;
    if (start > cursor) fragment.append(document.createTextNode(text.slice(cursor, start)));
    fragment.append(el('mark', { className: range.className, title: range.title, dataset: range.dataset, text: text.slice(start, end) }));
    cursor = end;
  }
  if (cursor < text.length) fragment.append(document.createTextNode(text.slice(cursor)));
  return fragment;
}

/** Replaces a container's children. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

/** A message line (error or information) in place of a result. */
export function message(text, kind = 'info') {
  return el('p', { className: `message ${kind}`, text });
}

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const pages = [
  ['/', 'Search'],
  ['/compare.html', 'Compare'],
  ['/trends.html', 'Trends'],
  ['/events.html', 'Events'],
  ['/alerts.html', 'Alerts'],
  ['/risks.html', 'Risks'],
  ['/ingest.html', 'Ingest'],
];

/** The number of new alerts beside "Alerts" in the navigation (left out quietly when it cannot be read). */
async function countNewAlerts(nav) {
  try {
    const link = nav.querySelector('a[href="/alerts.html"]');
    const { total } = await api('/api/alerts?state=new&pageSize=1');
    if (link && total > 0) link.append(el('span', { className: 'nav-count', id: 'new-alerts', title: `${total} new alert(s)`, text: total }));
  } catch { /* the count is a convenience */ }
}

/** Draws the navigation bar and the user line; sends the browser to the login page when nobody is signed in. */
export async function start(active) {
  const header = document.getElementById('top');
  const s = await session();
  if (!s.user && !location.pathname.startsWith('/login')) {
    location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search));
    return null;
  }
  const nav = el('nav', {}, ...pages.map(([href, label]) =>
    el('a', { href, text: label, className: label === active ? 'active' : '' })));
  const who = el('span', { className: 'who' });
  if (s.user) {
    who.append(el('span', { text: s.local ? 'local mode (admin: no users configured)' : `${s.user} · ${s.role}` }));
    if (!s.local && s.method === 'password') {
      const out = el('button', { type: 'button', className: 'link', text: 'Sign out' });
      out.addEventListener('click', async () => {
        await api('/api/auth/logout', { method: 'POST' });
        location.assign('/login.html');
      });
      who.append(' ', out);
    }
  }
  show(header, el('a', { href: '/', className: 'brand', text: 'Vigil' }), nav, who);
  if (s.user) countNewAlerts(nav);
  return s;
}

/** The page's URL parameters. */
export function params() {
  return new URLSearchParams(location.search);
}

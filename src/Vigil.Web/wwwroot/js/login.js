import { api, session } from './app.js';

const form = document.getElementById('login');
const error = document.getElementById('error');

/** Only a path on this site (never another origin) is followed after signing in. */
function next() {
  const target = new URLSearchParams(location.search).get('next') || '/';
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  try {
    await api('/api/auth/login', { method: 'POST', body: { name: document.getElementById('name').value, password: document.getElementById('password').value } });
    location.assign(next());
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
});

const s = await session();
if (s.user) location.assign(next());

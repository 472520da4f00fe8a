import { loadStrings, preferredLang, applyStrings, translate } from './i18n.js';

const form = document.getElementById('login');
const error = document.getElementById('error');
const params = new URLSearchParams(location.search);
const next = /^\/wanglai\/[A-Za-z0-9/_.#?=&%-]*$/.test(params.get('next') || '') && !(params.get('next') || '').includes('//')
  ? params.get('next') : '/wanglai/';
document.getElementById('next').value = next;
let lang = preferredLang(navigator.language && navigator.language.startsWith('en') ? 'en' : 'zh-CN');
let strings = {};

async function setLang(l) {
  lang = l;
  localStorage.setItem('wanglai.lang', l);
  strings = await loadStrings(l);
  applyStrings(document, strings);
  const sw = document.getElementById('switch-lang');
  sw.textContent = l === 'en' ? '中文' : 'English';
  sw.dataset.lang = l === 'en' ? 'zh-CN' : 'en';
}

document.getElementById('switch-lang').addEventListener('click', (e) => {
  e.preventDefault();
  setLang(e.target.dataset.lang);
});

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  error.hidden = true;
  const res = await fetch('/wanglai/api/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
    body: JSON.stringify({ user: form.user.value, password: form.password.value }),
  });
  if (res.ok) {
    location.href = next;
    return;
  }
  let message = translate(strings, 'login.failed');
  try {
    message = (await res.json()).error.message;
  } catch (ignored) { /* keep the generic text */ }
  error.textContent = message;
  error.hidden = false;
});

if (params.get('error')) {
  error.textContent = translate(strings, 'login.failed');
  error.hidden = false;
}
setLang(lang);

// The shell: session, language, navigation (built-in reports + capability pages) and the hash router.
import { loadStrings, preferredLang, applyStrings, LANGS } from './i18n.js';
import { createWl } from './wl.js';

const state = { session: null, strings: {}, lang: 'zh-CN', cleanups: [] };
const wl = createWl(state);
const view = document.getElementById('view');

async function boot() {
  state.session = await wl.api('session');
  const wanted = preferredLang(state.session.locale);
  if (wanted !== state.session.locale) {
    state.session = await wl.api('session/locale', { method: 'PUT', body: { locale: wanted }, quiet: true });
  }
  await setLang(state.session.locale, false);
  document.getElementById('lang').addEventListener('change', async (e) => {
    if (!LANGS.includes(e.target.value)) return;
    state.session = await wl.api('session/locale', { method: 'PUT', body: { locale: e.target.value } });
    await setLang(state.session.locale, true);
  });
  const button = document.getElementById('user-button');
  const menu = document.getElementById('user-menu');
  button.textContent = state.session.user;
  button.addEventListener('click', () => { menu.hidden = !menu.hidden; });
  document.getElementById('user-roles').textContent = state.session.roles.join(', ');
  document.getElementById('logout').addEventListener('click', async () => {
    await wl.api('logout', { method: 'POST' });
    location.href = '/wanglai/login';
  });
  window.addEventListener('hashchange', route);
}

async function setLang(lang, rerender) {
  state.lang = lang;
  localStorage.setItem('wanglai.lang', lang);
  state.strings = await loadStrings(lang);
  state.strings['@lang'] = lang;
  applyStrings(document, state.strings);
  document.getElementById('lang').value = lang;
  await buildNav();
  if (rerender) await route();
}

async function buildNav() {
  const nav = document.getElementById('nav');
  const links = [link('#/reports', wl.t('nav.reports'), 'nav-reports')];
  let pages = { pages: [], groups: [] };
  try {
    pages = await wl.api('pages', { quiet: true });
  } catch (e) { /* the built-in reports stay available */ }
  const items = [...links];
  for (const group of pages.groups) {
    const label = document.createElement('span');
    label.className = 'nav-group';
    label.textContent = wl.t(`group.${group}`) === `group.${group}` ? group : wl.t(`group.${group}`);
    items.push(label);
    pages.pages.filter((p) => p.group === group).forEach((p) => items.push(link(`#/pages/${p.id}`, p.title, `nav-page-${p.id}`)));
  }
  nav.replaceChildren(...items);
  markActive();
}

function link(href, text, id) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  a.id = id;
  return a;
}

function markActive() {
  document.querySelectorAll('#nav a').forEach((a) => {
    a.classList.toggle('active', location.hash === a.getAttribute('href') || location.hash.startsWith(a.getAttribute('href') + '/'));
  });
}

async function route() {
  state.cleanups.splice(0).forEach((f) => { try { f(); } catch (e) { /* already gone */ } });
  const hash = location.hash || '#/reports';
  markActive();
  const container = document.createElement('div');
  container.className = 'page';
  view.replaceChildren(container);
  try {
    let m;
    if ((m = hash.match(/^#\/reports\/([a-z0-9.-]+)$/))) {
      await wl.reportView(container, m[1]);
    } else if ((m = hash.match(/^#\/pages\/([a-z0-9-]+)$/))) {
      const mod = await import(`/wanglai/pages/${m[1]}.js?v=${Date.now()}`);
      await mod.render(container, wl);
    } else {
      await reportList(container);
    }
  } catch (e) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = e.status === 404 ? wl.t('error.notFound') : e.message;
    container.replaceChildren(p);
  }
}

async function reportList(container) {
  const { reports } = await wl.api('reports');
  const h = document.createElement('h1');
  h.textContent = wl.t('nav.reports');
  container.appendChild(h);
  if (reports.length === 0) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = wl.t('reports.none');
    container.appendChild(p);
    return;
  }
  const list = document.createElement('ul');
  list.className = 'report-list';
  reports.forEach((r) => {
    const li = document.createElement('li');
    const a = link(`#/reports/${r.id}`, r.title, `report-${r.id}`);
    const d = document.createElement('span');
    d.className = 'muted';
    d.textContent = r.description ? ` — ${r.description}` : '';
    li.append(a, d);
    list.appendChild(li);
  });
  container.appendChild(list);
}

boot().then(route).catch((e) => {
  view.textContent = e.message;
});

// Loads the UI strings of one language and fills elements marked with data-i18n.
export const LANGS = ['zh-CN', 'en'];

export async function loadStrings(lang) {
  const res = await fetch(`/wanglai/static/i18n/${lang}.json`, { credentials: 'same-origin' });
  return res.ok ? res.json() : {};
}

export function preferredLang(fallback) {
  const stored = localStorage.getItem('wanglai.lang');
  if (LANGS.includes(stored)) return stored;
  return LANGS.includes(fallback) ? fallback : 'zh-CN';
}

export function translate(strings, key, vars) {
  let s = strings[key] ?? key;
  if (vars) {
    for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  }
  return s;
}

export function applyStrings(root, strings) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = translate(strings, el.dataset.i18n);
  });
  document.documentElement.lang = strings['@lang'] || document.documentElement.lang;
}

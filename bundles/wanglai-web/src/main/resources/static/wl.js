// The helper object every page receives as `wl`: API calls with the CSRF token, uploads, strings, tables, charts,
// the generic report view, downloads and toasts.
import { translate } from './i18n.js';
import { reportView } from './report-view.js';

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = error?.code;
    this.details = error?.details || [];
  }
}

export function createWl(state) {
  const wl = {
    get lang() { return state.lang; },
    get user() { return state.session?.user; },
    get roles() { return state.session?.roles || []; },

    t(key, vars) { return translate(state.strings, key, vars); },

    async api(path, { method = 'GET', body, query, quiet = false } = {}) {
      let url = `/wanglai/api/${path}`;
      if (query) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
        const s = q.toString();
        if (s) url += (url.includes('?') ? '&' : '?') + s;
      }
      const headers = { Accept: 'application/json' };
      if (method !== 'GET' && state.session?.csrfToken) headers['X-CSRF-Token'] = state.session.csrfToken;
      const init = { method, headers, credentials: 'same-origin' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return wl.handle(await fetch(url, init), quiet);
    },

    async upload(path, file, partName = 'file') {
      const form = new FormData();
      form.append(partName, file, file.name);
      const res = await fetch(`/wanglai/api/${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRF-Token': state.session?.csrfToken || '' },
        body: form,
      });
      return wl.handle(res, false);
    },

    async handle(res, quiet) {
      if (res.status === 401) {
        location.href = `/wanglai/login?next=${encodeURIComponent('/wanglai/' + location.hash)}`;
        throw new ApiError(401, { message: wl.t('error.session') });
      }
      if (res.status === 204) return null;
      const type = res.headers.get('Content-Type') || '';
      const data = type.includes('json') ? await res.json() : null;
      if (!res.ok) {
        const err = new ApiError(res.status, data?.error);
        if (!quiet) wl.toast(err.message + (data?.error?.incident ? ` (${data.error.incident})` : ''), 'error');
        throw err;
      }
      return data;
    },

    toast(message, kind = 'info') {
      const box = document.getElementById('toasts');
      const el = document.createElement('div');
      el.className = `toast ${kind}`;
      el.textContent = message;
      box.appendChild(el);
      setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4000);
    },

    format(value, type) {
      if (value === null || value === undefined) return '';
      const locale = state.lang === 'en' ? 'en-US' : 'zh-CN';
      if (Array.isArray(value)) return value.map((v) => wl.format(v, type)).join(' / ');
      switch (type) {
        case 'MONEY':
          return `${Number(value.amount).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${value.currency}`;
        case 'DECIMAL':
          return Number(value).toLocaleString(locale, { maximumFractionDigits: 6 });
        case 'INTEGER':
          return Number(value).toLocaleString(locale);
        case 'PERCENT':
          return `${(Number(value) * 100).toFixed(1)}%`;
        default:
          return String(value);
      }
    },

    // columns: [{id, label, type}], rows: arrays in column order or objects keyed by column id
    table(container, columns, rows, { totals, onSort, sort } = {}) {
      const table = document.createElement('table');
      table.className = 'wl-table';
      const head = table.createTHead().insertRow();
      columns.forEach((c) => {
        const th = document.createElement('th');
        th.textContent = c.label;
        th.dataset.column = c.id;
        if (['MONEY', 'DECIMAL', 'INTEGER', 'PERCENT'].includes(c.type)) th.className = 'num';
        if (onSort) {
          th.classList.add('sortable');
          if (sort?.column === c.id) th.classList.add(sort.dir === 'desc' ? 'sorted-desc' : 'sorted-asc');
          th.addEventListener('click', () => onSort(c.id));
        }
        head.appendChild(th);
      });
      const body = table.createTBody();
      const cell = (row, c, i) => (Array.isArray(row) ? row[i] : row[c.id]);
      rows.forEach((row) => {
        const tr = body.insertRow();
        columns.forEach((c, i) => {
          const td = tr.insertCell();
          td.textContent = wl.format(cell(row, c, i), c.type);
          if (['MONEY', 'DECIMAL', 'INTEGER', 'PERCENT'].includes(c.type)) td.className = 'num';
        });
      });
      if (totals) {
        const tr = table.createTFoot().insertRow();
        tr.className = 'totals';
        columns.forEach((c, i) => {
          const td = tr.insertCell();
          td.textContent = i === 0 && (totals[0] === null || totals[0] === undefined) ? wl.t('report.total') : wl.format(totals[i], c.type);
          if (['MONEY', 'DECIMAL', 'INTEGER', 'PERCENT'].includes(c.type)) td.className = 'num';
        });
      }
      container.replaceChildren(table);
      return table;
    },

    chart(container, option) {
      if (!window.echarts) {
        container.textContent = wl.t('chart.unavailable');
        return null;
      }
      const existing = window.echarts.getInstanceByDom(container);
      if (existing) existing.dispose();
      const chart = window.echarts.init(container, null, { renderer: 'canvas' });
      chart.setOption(option);
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      state.cleanups.push(() => { window.removeEventListener('resize', resize); chart.dispose(); });
      return chart;
    },

    reportView(container, reportId, presetParams = {}) {
      return reportView(container, wl, reportId, presetParams);
    },

    download(url) {
      const a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener';
      a.download = '';
      document.body.appendChild(a);
      a.click();
      a.remove();
    },
  };
  return wl;
}

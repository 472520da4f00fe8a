// The generic report page: parameter form, sortable and filterable paged table with totals, chart, Excel download.

const NUMERIC = ['MONEY', 'DECIMAL', 'INTEGER', 'PERCENT'];
const PAGE = 50;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  children.forEach((c) => c && e.appendChild(c));
  return e;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function initialValue(p, preset) {
  if (preset[p.id] !== undefined) return String(preset[p.id]);
  if (p.defaultValue === 'today' && p.type === 'DATE') return today();
  if (p.defaultValue === 'current' && p.type === 'MONTH') return today().substring(0, 7);
  return p.defaultValue ?? '';
}

function input(p, value, wl) {
  if (p.type === 'CHOICE') {
    const s = el('select', { name: p.id, id: `param-${p.id}` });
    if (!p.required) s.appendChild(el('option', { value: '', text: wl.t('report.any') }));
    p.choices.forEach((c) => s.appendChild(el('option', { value: c.value, text: c.label, selected: c.value === value })));
    return s;
  }
  const type = { DATE: 'date', MONTH: 'month', INTEGER: 'number' }[p.type] || 'text';
  return el('input', { name: p.id, id: `param-${p.id}`, type, value, required: p.required });
}

export async function reportView(container, wl, reportId, preset = {}) {
  const def = await wl.api(`reports/${encodeURIComponent(reportId)}`);
  const state = { sort: null, dir: 'asc', offset: 0, filter: '' };

  const form = el('form', { class: 'params' });
  def.parameters.forEach((p) => {
    form.appendChild(el('label', {}, el('span', { text: p.label }), input(p, initialValue(p, preset), wl)));
  });
  const run = el('button', { type: 'submit', id: 'run-report', text: wl.t('report.run') });
  const download = el('button', { type: 'button', id: 'download-xlsx', class: 'secondary', text: wl.t('report.download') });
  if (!def.exportAvailable) {
    download.disabled = true;
    download.title = wl.t('report.downloadUnavailable');
  }
  form.appendChild(el('div', { class: 'actions' }, run, download));

  const filter = el('input', { type: 'search', id: 'report-filter', placeholder: wl.t('report.filter') });
  const info = el('span', { class: 'muted', id: 'report-info' });
  const prev = el('button', { type: 'button', class: 'secondary', id: 'page-prev', text: wl.t('report.prev') });
  const next = el('button', { type: 'button', class: 'secondary', id: 'page-next', text: wl.t('report.next') });
  const tableBox = el('div', { class: 'table-box', id: 'report-table' });
  const chartBox = def.chart ? el('div', { class: 'wl-chart', id: 'report-chart' }) : null;

  container.replaceChildren(
    el('h1', { text: def.title }),
    def.description ? el('p', { class: 'muted', text: def.description }) : null,
    form,
    chartBox,
    el('div', { class: 'toolbar' }, filter, el('div', { class: 'spacer' }), info, prev, next),
    tableBox,
  );

  const paramQuery = () => {
    const q = {};
    new FormData(form).forEach((v, k) => { if (v !== '') q[k] = v; });
    return q;
  };

  async function load() {
    const q = { ...paramQuery(), offset: state.offset, limit: PAGE, filter: state.filter };
    if (state.sort) Object.assign(q, { sort: state.sort, dir: state.dir });
    let data;
    try {
      data = await wl.api(`reports/${encodeURIComponent(reportId)}/data`, { query: q });
    } catch (e) {
      tableBox.replaceChildren(el('p', { class: 'error', text: e.message }));
      (e.details || []).forEach((d) => tableBox.appendChild(el('p', { class: 'error', text: `${d.field}: ${d.message}` })));
      return;
    }
    wl.table(tableBox, data.columns, data.rows, {
      totals: data.totalsRow,
      sort: { column: state.sort, dir: state.dir },
      onSort: (column) => {
        if (state.sort === column) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
        else { state.sort = column; state.dir = NUMERIC.includes(data.columns.find((c) => c.id === column)?.type) ? 'desc' : 'asc'; }
        state.offset = 0;
        load();
      },
    });
    const from = data.total === 0 ? 0 : data.offset + 1;
    info.textContent = wl.t('report.range', { from, to: data.offset + data.rows.length, total: data.total });
    prev.disabled = data.offset === 0;
    next.disabled = data.offset + data.rows.length >= data.total;
    if (chartBox) drawChart(chartBox, def, data, wl);
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); state.offset = 0; load(); });
  prev.addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); load(); });
  next.addEventListener('click', () => { state.offset += PAGE; load(); });
  let timer;
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.filter = filter.value; state.offset = 0; load(); }, 300);
  });
  download.addEventListener('click', () => {
    const q = new URLSearchParams(paramQuery());
    wl.download(`/wanglai/api/reports/${encodeURIComponent(reportId)}/xlsx?${q}`);
  });
  await load();
}

function numeric(v) {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'object' && 'amount' in v) return Number(v.amount);
  return Number(v);
}

// Charts the rows of the current page (a report meant for a chart has a handful of category rows).
function drawChart(box, def, data, wl) {
  const idx = (id) => data.columns.findIndex((c) => c.id === id);
  const cat = idx(def.chart.categoryColumn);
  const values = def.chart.valueColumns.map((id) => ({ i: idx(id), col: data.columns[idx(id)] }));
  const categories = data.rows.map((r) => wl.format(r[cat], data.columns[cat].type));
  let option;
  if (def.chart.type === 'PIE') {
    const v = values[0];
    option = {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', name: v.col.label, radius: '65%',
        data: data.rows.map((r, k) => ({ name: categories[k], value: numeric(r[v.i]) })) }],
    };
  } else {
    option = {
      tooltip: { trigger: 'axis' },
      legend: { data: values.map((v) => v.col.label) },
      grid: { left: 80, right: 24, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value' },
      series: values.map((v) => ({ type: def.chart.type === 'LINE' ? 'line' : 'bar', name: v.col.label,
        data: data.rows.map((r) => numeric(r[v.i])) })),
    };
  }
  wl.chart(box, option);
}

// Customer cost analysis page: pivot view with drill-down and ECharts, whale curve, allocation runs, rules.
// Only DOM APIs with textContent: host data (customer names) never becomes HTML.
const STRINGS = {
  zh: {
    pivot: '多维分析', whale: '鲸鱼曲线', runs: '分摊运行', rules: '分摊规则',
    from: '起始月份', to: '截止月份', dim: '维度', none: '（无）', measures: '指标', query: '查询',
    all: '全部', drillHint: '点击行可下钻', truncated: '结果已截断，仅显示前 {n} 行', total: '合计',
    allocate: '执行分摊', month: '月份', user: '操作人', poolTotal: '成本池合计', allocated: '已分摊',
    financing: '资金占用成本', revenue: '收入', customers: '客户数', duration: '耗时(毫秒)', current: '当前',
    yes: '是', allocatedOk: '{m} 分摊完成', pool: '成本池', category: '客户分类', driver: '分摊动因',
    channel: '渠道', region: '区域', addRule: '添加规则', save: '保存规则', saved: '规则已保存', remove: '删除',
    whaleSummary: '共 {n} 个客户，总净利润 {total}；利润峰值 {peak}（前 {pct} 的客户），亏损客户 {losers} 个',
    customersPct: '客户累计占比', cumulative: '累计净利润', noData: '没有数据：请先对这些月份执行成本分摊',
    rulesHelp: '未指定客户分类的规则为该成本池的默认规则；指定分类的规则先按默认动因切分，再按本分类的动因分摊。',
    entries: '费用导入', importHelp: '上传 Excel (.xlsx) 或 CSV 文件：成本池编码、渠道编码、区域编码、期间 (YYYY-MM)、金额（最多两位小数）、币种、参考号、摘要。任何一行有错则整个文件不导入。负数金额为冲减，须填写参考号，且不能使该成本池当月合计小于零。',
    rerunHelp: '已分摊的月份不会自动变化：导入或删除后请对这些月份重新执行分摊。',
    upload: '上传导入', template: '下载模板', errorWorkbook: '下载错误明细', rejected: '文件未导入，请修正以下问题后重新上传：',
    imported: '已导入 {n} 行，合计 {amount}', row: '行', field: '列', message: '问题', importId: '批次', file: '文件',
    importedAt: '导入时间', rows: '行数', amount: '金额', months: '期间', stale: '待重新分摊', del: '删除', confirmDelete: '删除导入批次 {id}（{file}）的全部 {n} 行？',
    deleted: '已删除导入批次 {id}', rerun: '请重新分摊：{months}', exportEntries: '导出导入的费用 (Excel)', noRights: '需要会计或管理员权限',
  },
  en: {
    pivot: 'Pivot', whale: 'Whale curve', runs: 'Allocation runs', rules: 'Allocation rules',
    from: 'From', to: 'To', dim: 'Dimension', none: '(none)', measures: 'Measures', query: 'Query',
    all: 'All', drillHint: 'Click a row to drill down', truncated: 'Cut at the first {n} rows', total: 'Total',
    allocate: 'Allocate', month: 'Month', user: 'By', poolTotal: 'Pools', allocated: 'Allocated',
    financing: 'Financing cost', revenue: 'Revenue', customers: 'Customers', duration: 'ms', current: 'Current',
    yes: 'yes', allocatedOk: '{m} allocated', pool: 'Cost pool', category: 'Customer category', driver: 'Driver',
    channel: 'Channel', region: 'Region', addRule: 'Add rule', save: 'Save rules', saved: 'Rules saved', remove: 'Remove',
    whaleSummary: '{n} customers, total net profit {total}; peak {peak} (first {pct} of customers), {losers} customers lose money',
    customersPct: 'Cumulative % of customers', cumulative: 'Cumulative net profit', noData: 'No data: allocate these months first',
    rulesHelp: 'A rule without a category is the pool\'s default; a category rule gets its share by the default driver, then spreads it by its own driver.',
    entries: 'Cost entries', importHelp: 'Upload an Excel (.xlsx) or CSV file: cost pool, channel, region, period (YYYY-MM), amount (at most 2 decimals), currency, reference, description. A file with any bad row is not imported at all. A negative amount is a correction: it needs a reference and may not take the pool\'s month below zero.',
    rerunHelp: 'Months allocated already do not change by themselves: allocate them again after an import or a deletion.',
    upload: 'Import', template: 'Download template', errorWorkbook: 'Download the errors', rejected: 'Nothing was imported; fix these problems and upload again:',
    imported: '{n} rows imported, {amount} in all', row: 'Row', field: 'Column', message: 'Problem', importId: 'Import', file: 'File',
    importedAt: 'Imported at', rows: 'Rows', amount: 'Amount', months: 'Periods', stale: 'To allocate again', del: 'Delete', confirmDelete: 'Delete import {id} ({file}) with all its {n} rows?',
    deleted: 'Import {id} deleted', rerun: 'Allocate again: {months}', exportEntries: 'Export the imported entries (Excel)', noRights: 'Needs the accountant or admin role',
  },
};

const DEFAULT_MEASURES = ['revenue', 'gross_margin', 'cost_to_serve', 'net_profit', 'net_margin_pct', 'customers'];

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function ym(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export async function render(container, wl) {
  const lang = wl.lang === 'en' ? 'en' : 'zh';
  const t = (k, vars = {}) => Object.entries(vars).reduce((s, [a, b]) => s.replace(`{${a}}`, b), STRINGS[lang][k] || k);
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  const num = (v, kind) => {
    if (v === null || v === undefined) return '';
    if (kind === 'PERCENT') return `${(Number(v) * 100).toFixed(1)}%`;
    if (kind === 'INTEGER') return Number(v).toLocaleString(locale);
    if (kind === 'DECIMAL') return Number(v).toLocaleString(locale, { maximumFractionDigits: 4 });
    return Number(v).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  };
  const meta = await wl.api('costing/cube/metadata');
  const dimByName = Object.fromEntries(meta.dimensions.map((d) => [d.name, d]));
  const measureByName = Object.fromEntries(meta.measures.map((m) => [m.name, m]));
  const canAllocate = (wl.roles || []).some((r) => r === 'accountant' || r === 'admin');
  const isAdmin = (wl.roles || []).includes('admin');

  const now = new Date();
  const state = {
    from: ym(new Date(now.getFullYear(), now.getMonth() - 11, 1)),
    to: ym(now),
    dims: ['category1', '', ''],
    measures: [...DEFAULT_MEASURES],
    filters: [],
  };

  const tabs = el('div', { class: 'wl-tabs' });
  const body = el('div', { class: 'wl-tab-body' });
  container.replaceChildren(tabs, body);
  const views = { pivot: pivotView, whale: whaleView, runs: runsView, rules: rulesView };
  if (canAllocate) views.entries = entriesView;
  for (const name of Object.keys(views)) {
    tabs.append(el('button', { type: 'button', text: t(name), onclick: () => views[name]() }));
  }

  function periodInputs(onChange) {
    const from = el('input', { type: 'month', value: state.from, onchange: (e) => { state.from = e.target.value; onChange?.(); } });
    const to = el('input', { type: 'month', value: state.to, onchange: (e) => { state.to = e.target.value; onChange?.(); } });
    return [el('label', { text: t('from') + ' ' }, from), el('label', { text: ' ' + t('to') + ' ' }, to)];
  }

  async function pivotView() {
    const dimSelects = state.dims.map((value, i) => {
      const s = el('select', { onchange: (e) => { state.dims[i] = e.target.value; } });
      if (i > 0) s.append(el('option', { value: '', text: t('none') }));
      for (const d of meta.dimensions) {
        const o = el('option', { value: d.name, text: d.label });
        if (d.name === value) o.selected = true;
        s.append(o);
      }
      return el('label', { text: ` ${t('dim')} ${i + 1} ` }, s);
    });
    const measureBoxes = el('details', {}, el('summary', { text: t('measures') }));
    for (const m of meta.measures) {
      const box = el('input', { type: 'checkbox', onchange: (e) => {
        state.measures = e.target.checked ? [...state.measures, m.name] : state.measures.filter((x) => x !== m.name);
      } });
      box.checked = state.measures.includes(m.name);
      measureBoxes.append(el('label', { class: 'wl-check' }, box, ' ' + m.label));
    }
    const crumbs = el('div', { class: 'wl-breadcrumb' });
    const chartBox = el('div', { style: 'height:320px' });
    const tableBox = el('div');
    const note = el('p', { class: 'wl-note', text: t('drillHint') });
    body.replaceChildren(el('div', { class: 'wl-toolbar' }, ...periodInputs(), ...dimSelects, measureBoxes,
      el('button', { type: 'button', text: t('query'), onclick: () => load() })), crumbs, chartBox, note, tableBox);

    function drawCrumbs() {
      crumbs.replaceChildren(el('a', { href: '#', text: t('all'), onclick: (e) => { e.preventDefault(); state.filters = []; load(); } }));
      state.filters.forEach((f, i) => {
        crumbs.append(' › ', el('a', { href: '#', text: f.label, onclick: (e) => {
          e.preventDefault();
          state.filters = state.filters.slice(0, i + 1);
          load();
        } }));
      });
    }

    async function load() {
      drawCrumbs();
      const dims = state.dims.filter((d) => d);
      const query = { dims: dims.join(','), measures: state.measures.join(','), from: state.from, to: state.to, limit: 2000 };
      const lastMoney = state.measures.find((m) => measureByName[m]?.kind === 'MONEY');
      if (!dimByName[dims[0]] || !['year', 'quarter', 'month', 'month_of_year'].includes(dims[0])) {
        query.sort = lastMoney || state.measures[0];
        query.desc = 'true';
      }
      for (const f of state.filters) query[`filter.${f.dim}`] = f.key;
      const result = await wl.api('costing/cube', { query });
      drawTable(dims, result);
      drawChart(dims, result);
    }

    function drawTable(dims, result) {
      const table = el('table', { class: 'wl-table' });
      const head = table.createTHead().insertRow();
      for (const d of dims) head.append(el('th', { text: dimByName[d].label }));
      for (const m of state.measures) head.append(el('th', { class: 'num', text: measureByName[m]?.label || m }));
      const tbody = table.createTBody();
      for (const row of result.rows) {
        const first = row.keys[0];
        const next = dimByName[first.dimension].drillsTo;
        const tr = tbody.insertRow();
        if (next) {
          tr.className = 'wl-clickable';
          tr.addEventListener('click', () => {
            state.filters.push({ dim: first.dimension, key: first.key, label: first.label });
            state.dims[0] = next;
            pivotView();
          });
        }
        for (const k of row.keys) tr.append(el('td', { text: k.label }));
        for (const m of state.measures) tr.append(el('td', { class: 'num', text: num(row.measures[m], measureByName[m]?.kind) }));
      }
      const foot = table.createTFoot().insertRow();
      foot.className = 'totals';
      foot.append(el('td', { text: t('total'), colspan: String(dims.length) }));
      for (const m of state.measures) foot.append(el('td', { class: 'num', text: num(result.totals[m], measureByName[m]?.kind) }));
      tableBox.replaceChildren(table);
      if (result.truncated) tableBox.prepend(el('p', { class: 'wl-note', text: t('truncated', { n: result.rows.length }) }));
      if (!result.rows.length) tableBox.replaceChildren(el('p', { text: t('noData') }));
    }

    function drawChart(dims, result) {
      const money = state.measures.filter((m) => measureByName[m]?.kind === 'MONEY').slice(0, 3);
      if (!money.length || !result.rows.length) { chartBox.replaceChildren(); return; }
      const sums = new Map();
      for (const row of result.rows) {
        const k = row.keys[0].label;
        const acc = sums.get(k) || {};
        for (const m of money) acc[m] = (acc[m] || 0) + Number(row.measures[m] || 0);
        sums.set(k, acc);
      }
      const time = ['year', 'quarter', 'month', 'month_of_year'].includes(dims[0]);
      const labels = [...sums.keys()].slice(0, time ? 120 : 30);
      wl.chart(chartBox, {
        tooltip: { trigger: 'axis' },
        legend: { data: money.map((m) => measureByName[m].label) },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 12 ? 45 : 0 } },
        yAxis: { type: 'value' },
        series: money.map((m) => ({ name: measureByName[m].label, type: time ? 'line' : 'bar',
          data: labels.map((l) => Math.round(sums.get(l)[m] * 100) / 100) })),
      });
    }

    await load();
  }

  async function whaleView() {
    const chartBox = el('div', { style: 'height:380px' });
    const summary = el('p');
    body.replaceChildren(el('div', { class: 'wl-toolbar' }, ...periodInputs(() => load())), summary, chartBox);
    async function load() {
      const w = await wl.api('costing/whale', { query: { from: state.from, to: state.to } });
      if (!w.customers) { summary.textContent = t('noData'); chartBox.replaceChildren(); return; }
      summary.textContent = t('whaleSummary', { n: num(w.customers, 'INTEGER'), total: `${num(w.totalProfit)} ${w.currency}`,
        peak: `${num(w.peakProfit)} ${w.currency}`, pct: num(w.peakCustomersPct, 'PERCENT'), losers: num(w.lossMakingCustomers, 'INTEGER') });
      wl.chart(chartBox, {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', name: t('customersPct'), min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
        yAxis: { type: 'value', name: t('cumulative') },
        series: [{ type: 'line', showSymbol: false, areaStyle: {}, data: w.points.map(([x, y]) => [Number(x), Number(y)]) }],
      });
    }
    await load();
  }

  async function runsView() {
    const tableBox = el('div');
    const month = el('input', { type: 'month', value: state.to });
    const toolbar = el('div', { class: 'wl-toolbar' });
    if (canAllocate) {
      toolbar.append(el('label', { text: t('month') + ' ' }, month), el('button', { type: 'button', text: t('allocate'), onclick: async () => {
        await wl.api('costing/runs', { method: 'POST', body: { month: month.value } });
        wl.toast(t('allocatedOk', { m: month.value }));
        load();
      } }));
    }
    body.replaceChildren(toolbar, tableBox);
    async function load() {
      const runs = await wl.api('costing/runs');
      const table = el('table', { class: 'wl-table' });
      const head = table.createTHead().insertRow();
      for (const k of ['month', 'user', 'poolTotal', 'allocated', 'financing', 'revenue', 'customers', 'duration', 'current']) {
        head.append(el('th', { text: t(k) }));
      }
      const tbody = table.createTBody();
      for (const r of runs) {
        const tr = tbody.insertRow();
        const cells = [r.month, r.user, num(r.poolTotal.amount), num(r.allocated.amount), num(r.financingCost.amount),
          num(r.revenue.amount), num(r.customers, 'INTEGER'), num(r.durationMillis, 'INTEGER'), r.current ? t('yes') : ''];
        cells.forEach((c, i) => tr.append(el('td', { class: i >= 2 && i <= 7 ? 'num' : '', text: c })));
      }
      tableBox.replaceChildren(table);
    }
    await load();
  }

  async function rulesView() {
    const { rules } = await wl.api('costing/rules');
    const rows = rules.map((r) => ({ ...r }));
    const tableBox = el('div');
    body.replaceChildren(el('p', { class: 'wl-note', text: t('rulesHelp') }), tableBox);
    function draw() {
      const table = el('table', { class: 'wl-table' });
      const head = table.createTHead().insertRow();
      for (const k of ['pool', 'category', 'driver', 'channel', 'region']) head.append(el('th', { text: t(k) }));
      const tbody = table.createTBody();
      rows.forEach((r, i) => {
        const tr = tbody.insertRow();
        for (const f of ['poolCode', 'categoryCode']) {
          tr.append(el('td', {}, isAdmin ? el('input', { value: r[f] || '', oninput: (e) => { r[f] = e.target.value; } }) : (r[f] || '*')));
        }
        if (isAdmin) {
          const s = el('select', { onchange: (e) => { r.driver = e.target.value; } });
          for (const d of meta.drivers) {
            const o = el('option', { value: d.name, text: d.label });
            if (d.name === r.driver) o.selected = true;
            s.append(o);
          }
          tr.append(el('td', {}, s));
        } else {
          tr.append(el('td', { text: meta.drivers.find((d) => d.name === r.driver)?.label || r.driver }));
        }
        for (const f of ['channelCode', 'regionCode']) {
          tr.append(el('td', {}, isAdmin ? el('input', { value: r[f] || '', oninput: (e) => { r[f] = e.target.value; } }) : (r[f] || '*')));
        }
        if (isAdmin) tr.append(el('td', {}, el('button', { type: 'button', text: t('remove'), onclick: () => { rows.splice(i, 1); draw(); } })));
      });
      tableBox.replaceChildren(table);
      if (isAdmin) {
        tableBox.append(el('button', { type: 'button', text: t('addRule'), onclick: () => { rows.push({ poolCode: '', driver: 'ORDERS' }); draw(); } }),
          el('button', { type: 'button', text: t('save'), onclick: async () => {
            const saved = await wl.api('costing/rules', { method: 'PUT', body: { rules: rows } });
            rows.splice(0, rows.length, ...saved.rules);
            wl.toast(t('saved'));
            draw();
          } }));
      }
    }
    draw();
  }

  /** Accountants import cost entries (all rows or none); admins delete an import. */
  async function entriesView() {
    const file = el('input', { type: 'file', accept: '.xlsx,.csv' });
    const result = el('div');
    const listBox = el('div');
    const money = (m) => `${num(m.amount)} ${m.currency}`;
    const rerun = (r) => (r.allocatedMonths && r.allocatedMonths.length ? ' ' + t('rerun', { months: r.allocatedMonths.join(', ') }) : '');
    body.replaceChildren(el('p', { class: 'wl-note', text: t('importHelp') }), el('p', { class: 'wl-note', text: t('rerunHelp') }),
      el('div', { class: 'wl-toolbar' }, file, el('button', { type: 'button', text: t('upload'), onclick: async () => {
        if (!file.files.length) return;
        try {
          const r = await wl.upload('costing/cost-entry-import', file.files[0]);
          result.replaceChildren(el('p', { text: t('imported', { n: r.rows, amount: money(r.amount) }) + rerun(r) }));
          load();
        } catch (err) {
          const link = (err.details || []).find((d) => d && d.errorWorkbook);
          const rows = (err.details || []).filter((d) => d && d.field !== undefined);
          const table = el('table', { class: 'wl-table' });
          const head = table.createTHead().insertRow();
          for (const k of ['row', 'field', 'message']) head.append(el('th', { text: t(k) }));
          const tbody = table.createTBody();
          for (const d of rows) {
            const tr = tbody.insertRow();
            for (const c of [d.row, d.field, d.message]) tr.append(el('td', { text: c === undefined || c === null ? '' : String(c) }));
          }
          result.replaceChildren(el('p', { text: t('rejected') }),
            link ? el('button', { type: 'button', text: t('errorWorkbook'), onclick: () => wl.download(link.errorWorkbook) }) : null, table);
        }
      } }),
      el('button', { type: 'button', text: t('template'), onclick: () => wl.download('/wanglai/api/costing/cost-entry-import/template') }),
      el('button', { type: 'button', text: t('exportEntries'), onclick: () => wl.download(
        `/wanglai/api/reports/costing.cost-entries/xlsx?from=${encodeURIComponent(state.from)}&to=${encodeURIComponent(state.to)}`) })),
      result, listBox);
    async function load() {
      const imports = await wl.api('costing/cost-entry-import');
      const table = el('table', { class: 'wl-table' });
      const head = table.createTHead().insertRow();
      for (const k of ['importId', 'file', 'user', 'importedAt', 'rows', 'amount', 'months', 'stale']) head.append(el('th', { text: t(k) }));
      if (isAdmin) head.append(el('th'));
      const tbody = table.createTBody();
      for (const r of imports) {
        const tr = tbody.insertRow();
        const cells = [String(r.id), r.fileName, r.user, r.importedAt.replace('T', ' ').substring(0, 19), num(r.rows, 'INTEGER'), money(r.amount),
          r.firstMonth === r.lastMonth ? r.firstMonth : `${r.firstMonth} – ${r.lastMonth}`, (r.allocatedMonths || []).join(', ')];
        cells.forEach((c, i) => tr.append(el('td', { class: i === 4 || i === 5 ? 'num' : '', text: c })));
        if (isAdmin) {
          tr.append(el('td', {}, el('button', { type: 'button', text: t('del'), onclick: async () => {
            if (!window.confirm(t('confirmDelete', { id: r.id, file: r.fileName, n: r.rows }))) return;
            const gone = await wl.api(`costing/cost-entry-import/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
            wl.toast(t('deleted', { id: gone.id }) + rerun(gone));
            load();
          } })));
        }
      }
      listBox.replaceChildren(table);
    }
    await load();
  }

  await pivotView();
}

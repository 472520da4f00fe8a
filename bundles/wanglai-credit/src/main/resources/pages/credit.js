// Credit control page: monitor with utilisation bars, customer credit card with the score explanation chart,
// pending limit approvals, alerts, external score import, the check log and (administrators) the credit settings. Host data only ever goes into
// textContent, never into HTML. The strings come from the bundle's credit_zh/credit_en resource bundles.
const STRINGS = /*STRINGS*/{};

const STATUSES = ['ALL', 'OK', 'WATCH', 'HOLD', 'STOP', 'NO_CHECK'];
const STATUS_COLOURS = { OK: '#2e7d32', WATCH: '#f9a825', HOLD: '#c62828', STOP: '#6a1b9a', NO_CHECK: '#757575' };

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

function money(v) {
  if (v === null || v === undefined) return '';
  return `${Number(v.amount).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${v.currency || ''}`;
}

function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v.amount !== undefined) return money(v);
  return String(v);
}

function table(headers, rows, onRow) {
  const t = el('table', { class: 'wl-table' });
  t.append(el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { text: h })))));
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr', {}, ...r.cells.map((c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: cell(c) }))));
    if (onRow) {
      tr.style.cursor = 'pointer';
      tr.addEventListener('click', () => onRow(r));
    }
    body.append(tr);
  }
  t.append(body);
  return t;
}

/** A bar of the utilisation (exposure / limit), red above 100 %, amber above 80 %. */
function bar(utilisation) {
  const box = el('span', { style: 'display:inline-flex;align-items:center;gap:6px' });
  if (utilisation === null || utilisation === undefined) {
    box.append(el('span', { text: '—' }));
    return box;
  }
  const pct = Number(utilisation) * 100;
  const outer = el('span', { style: 'display:inline-block;width:120px;height:10px;background:#eee;border-radius:5px;overflow:hidden' });
  const colour = pct > 100 ? '#c62828' : pct > 80 ? '#f9a825' : '#2e7d32';
  outer.append(el('span', { style: `display:block;height:100%;width:${Math.min(pct, 100).toFixed(1)}%;background:${colour}` }));
  box.append(outer, el('span', { text: `${pct.toFixed(1)}%` }));
  return box;
}

function badge(status, t) {
  return el('span', { text: t(`status.${status}`) || status, style: `color:#fff;background:${STATUS_COLOURS[status] || '#757575'};padding:1px 6px;border-radius:3px` });
}

export async function render(container, wl) {
  const lang = wl.lang === 'en' ? 'en' : 'zh';
  const statusNames = {
    zh: { ALL: '全部', OK: '正常', WATCH: '关注', HOLD: '暂停', STOP: '冻结', NO_CHECK: '不检查' },
    en: { ALL: 'All', OK: 'OK', WATCH: 'Watch', HOLD: 'Hold', STOP: 'Stop', NO_CHECK: 'No check' },
  };
  const t = (k) => (k.startsWith('status.') ? statusNames[lang][k.substring(7)] : STRINGS[lang][k]) || k;
  const roles = wl.roles || [];
  const accountant = roles.some((r) => r === 'accountant' || r === 'admin');
  const tabs = el('div', { class: 'wl-tabs' });
  const body = el('div', { class: 'wl-tab-body' });
  container.replaceChildren(tabs, body);

  async function monitorView(filter = { status: 'ALL', code: '' }) {
    const status = el('select', {}, ...STATUSES.map((s) => {
      const o = el('option', { value: s, text: t(`status.${s}`) });
      if (s === filter.status) o.selected = true;
      return o;
    }));
    const code = el('input', { type: 'text', placeholder: t('customer'), value: filter.code });
    const reload = () => monitorView({ status: status.value, code: code.value.trim() });
    status.addEventListener('change', reload);
    const data = await wl.api('credit/customers', { query: { status: filter.status, code: filter.code, max: 200 } });
    body.replaceChildren(
      el('div', {}, status, code, el('button', { type: 'button', text: t('open'), onclick: reload })),
      el('p', { text: `${data.matched} ${t('matched')}` }),
      table([t('customer'), t('name'), t('category'), t('status'), t('exposure'), t('limit'), t('utilisation'),
        t('grade'), t('overdueDays')],
      data.customers.map((c) => ({ code: c.code, cells: [c.code, c.name, c.category || '', badge(c.status, t),
        c.exposure, c.limit, bar(c.utilisation), c.grade || '', c.overdueDays] })), (r) => cardView(r.code)));
  }

  async function act(path, body, after) {
    const res = await wl.api(path, { method: 'POST', body });
    wl.toast(t('done'));
    after(res);
  }

  async function cardView(code) {
    if (!code) {
      const input = el('input', { type: 'text', placeholder: t('customer') });
      body.replaceChildren(el('p', { text: t('drill') }), el('div', {}, input,
        el('button', { type: 'button', text: t('open'), onclick: () => cardView(input.value.trim()) })));
      return;
    }
    const c = await wl.api(`credit/customers/${encodeURIComponent(code)}`);
    const base = `credit/customers/${encodeURIComponent(code)}`;
    const again = () => cardView(code);
    const actions = el('div');
    if (accountant) {
      actions.append(
        el('button', { type: 'button', text: t('setLimit'), onclick: () => {
          const limit = window.prompt(t('askLimit'));
          if (limit === null || limit.trim() === '') return;
          const reason = window.prompt(t('askReason'));
          if (!reason) return;
          act(`${base}/limit`, { limit: limit.trim(), reason }, (res) => {
            if (res.state === 'PENDING') wl.toast(t('pending'));
            again();
          });
        } }),
        el('button', { type: 'button', text: t('addTemporary'), onclick: () => {
          const amount = window.prompt(t('askAmount'));
          if (!amount) return;
          const validTo = window.prompt(t('askValidTo'));
          if (!validTo) return;
          const reason = window.prompt(t('askReason'));
          if (!reason) return;
          act(`${base}/temporary`, { amount: amount.trim(), validTo: validTo.trim(), reason }, again);
        } }),
        el('button', { type: 'button', text: c.status === 'STOP' ? t('release') : t('stop'), onclick: () => {
          const reason = window.prompt(t('askReason'));
          if (!reason) return;
          act(`${base}/${c.status === 'STOP' ? 'release' : 'stop'}`, { reason }, again);
        } }),
        el('button', { type: 'button', text: t('recompute'), onclick: () => act(`${base}/score`, {}, again) }));
    }
    const e = c.exposure;
    const summary = table([t('status'), t('limit'), t('receivables'), t('openOrders'), t('shipped'), t('reserved'),
      t('total'), t('utilisation'), t('overdue'), t('overdueDays')],
    [{ cells: [badge(c.status, t), c.limit, e.receivables, e.openOrders, e.shippedNotInvoiced, e.reserved, e.total,
      bar(c.utilisation), c.overdue, c.oldestOverdueDays] }]);
    const exposureChart = el('div', { style: 'width:100%;max-width:720px;height:220px' });
    const scoreBox = el('div');
    let drawScore = () => null;
    if (c.score) {
      const chart = el('div', { style: 'width:100%;max-width:720px;height:300px' });
      scoreBox.append(
        el('h4', { text: `${t('score')} ${c.score.score} · ${t('grade')} ${c.score.grade} · ${t('recommended')} ${money(c.score.recommendedLimit)} · ${t('scoreAsOf')} ${c.score.asOf}` }),
        chart,
        table([t('factor'), t('value'), t('contribution')], c.score.factors.map((f) => ({ cells: [f.label,
          f.value === null ? '—' : f.value, f.contribution === null ? '—' : f.contribution] }))));
      const factors = c.score.factors.filter((f) => f.contribution !== null);
      drawScore = () => wl.chart(chart, {
        tooltip: { trigger: 'axis' },
        grid: { left: 140, right: 30, top: 20, bottom: 30 },
        xAxis: { type: 'value', name: t('contribution') },
        yAxis: { type: 'category', data: factors.map((f) => f.label) },
        series: [{ type: 'bar', data: factors.map((f) => Number(f.contribution)), label: { show: true, position: 'right' } }],
      });
    } else {
      scoreBox.append(el('p', { text: t('noScore') }));
    }
    const pending = c.pendingRequests.length ? el('p', { text: `${t('pending')}: ${c.pendingRequests.map((p) => `${money(p.oldLimit)} → ${money(p.newLimit)} (${p.requestedBy})`).join('; ')}` }) : null;
    body.replaceChildren(
      el('h3', { text: `${c.customer.code} ${c.customer.name}` }), actions, pending, summary, exposureChart, scoreBox,
      el('h4', { text: t('temporary') }),
      table([t('exposure'), t('validTo'), t('reason'), t('by')], c.temporaryIncreases.map((x) => ({ cells: [
        { amount: x.amount, currency: x.currency }, x.validTo, x.reason, x.by] }))),
      el('h4', { text: t('statusHistory') }),
      table([t('at'), t('status'), t('reason'), t('by')], c.statusHistory.map((x) => ({ cells: [x.at.substring(0, 16),
        `${x.from} → ${x.to}`, x.reason, x.by] }))),
      el('h4', { text: t('limitHistory') }),
      table([t('at'), t('kind'), t('oldLimit'), t('newLimit'), t('by'), t('approvedBy'), t('reason')],
        c.limitHistory.map((x) => ({ cells: [x.at.substring(0, 16), x.kind,
          x.oldLimit === null ? '' : { amount: x.oldLimit, currency: x.currency }, { amount: x.newLimit, currency: x.currency },
          x.by, x.approvedBy, x.reason] }))));
    drawScore();
    wl.chart(exposureChart, {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{
        type: 'pie', radius: ['40%', '70%'],
        data: [[t('receivables'), e.receivables], [t('openOrders'), e.openOrders], [t('shipped'), e.shippedNotInvoiced],
          [t('reserved'), e.reserved]].map(([n, v]) => ({ name: n, value: Number(v.amount) })),
      }],
    });
  }

  async function approvalsView() {
    let list;
    try {
      list = await wl.api('credit/limit-requests', { quiet: true });
    } catch (err) {
      if (err.status !== 403) throw err;
      body.replaceChildren(el('p', { text: t('noApprovalRights') }));
      return;
    }
    if (!list.length) {
      body.replaceChildren(el('p', { text: t('noPending') }));
      return;
    }
    const decide = (id, action) => async (ev) => {
      ev.stopPropagation();
      const note = window.prompt(t('askNote'));
      if (note === null) return;
      await wl.api(`credit/limit-requests/${id}/${action}`, { method: 'POST', body: { note } });
      wl.toast(t('done'));
      approvalsView();
    };
    body.replaceChildren(table([t('customer'), t('oldLimit'), t('newLimit'), t('requestedBy'), t('requestedAt'),
      t('reason'), ''], list.map((p) => ({ code: p.customer, cells: [p.customer, p.oldLimit, p.newLimit, p.requestedBy,
      p.requestedAt.substring(0, 16), p.reason, el('span', {},
        el('button', { type: 'button', text: t('approve'), onclick: decide(p.id, 'approve') }),
        el('button', { type: 'button', text: t('reject'), onclick: decide(p.id, 'reject') }))] })),
    (r) => cardView(r.code)));
  }

  async function alertsView() {
    const list = await wl.api('credit/alerts');
    if (!list.length) {
      body.replaceChildren(el('p', { text: t('noAlerts') }));
      return;
    }
    body.replaceChildren(table([t('at'), t('customer'), t('type'), t('message'), ''], list.map((a) => ({ code: a.customer,
      cells: [a.createdAt.substring(0, 16), a.customer, a.type, a.message, accountant ? el('button', {
        type: 'button', text: t('acknowledge'),
        onclick: async (ev) => {
          ev.stopPropagation();
          await wl.api(`credit/alerts/${a.id}/acknowledge`, { method: 'POST', body: {} });
          alertsView();
        },
      }) : ''] })), (r) => cardView(r.code)));
  }

  function importView() {
    if (!accountant) {
      body.replaceChildren(el('p', { text: t('noRights') }));
      return;
    }
    const file = el('input', { type: 'file', accept: '.xlsx,.csv' });
    const result = el('div');
    body.replaceChildren(el('p', { text: t('importHelp') }),
      el('div', {}, file, el('button', { type: 'button', text: t('upload'), onclick: async () => {
        if (!file.files.length) return;
        try {
          const res = await wl.upload('credit/external-scores', file.files[0]);
          result.replaceChildren(el('p', { text: `${t('imported')}: ${res.imported}` }));
        } catch (err) {
          const link = err.details.find((d) => d && d.errorWorkbook);
          const rows = err.details.filter((d) => d && d.field !== undefined);
          result.replaceChildren(el('p', { text: t('rejected') }),
            link ? el('button', { type: 'button', text: t('errorWorkbook'), onclick: () => wl.download(link.errorWorkbook) }) : null,
            table([t('row'), t('field'), t('message')], rows.map((d) => ({ cells: [d.row, d.field, d.message] }))));
        }
      } }),
      el('button', { type: 'button', text: t('template'), onclick: () => wl.download('/wanglai/api/credit/external-scores/template') })),
      result);
  }

  function checkLogView() {
    const report = el('div');
    body.replaceChildren(report);
    wl.reportView(report, 'credit.check-log', {});
  }

  /** Administrators: default limit, watch % and "no check" per category, "no check" per customer, their history. */
  async function settingsView() {
    const errors = el('div');
    const fail = (err) => {
      const rows = (err.details || []).filter((d) => d && d.field !== undefined);
      errors.replaceChildren(el('p', { text: err.message || t('rejectedSettings') }),
        rows.length ? table([t('field'), t('message')], rows.map((d) => ({ cells: [d.field, d.message] }))) : null);
    };
    const [categories, history] = await Promise.all([wl.api('credit/settings/categories'),
      wl.api('credit/settings/history', { query: { max: 100 } })]);
    const rows = categories.map((c) => {
      const limit = el('input', { type: 'number', min: '0', step: '0.01', style: 'width:9em',
        value: c.defaultLimit ? c.defaultLimit.amount : '' });
      const currency = el('input', { type: 'text', maxlength: '3', style: 'width:4em',
        value: c.defaultLimit ? c.defaultLimit.currency : 'CNY' });
      const watch = el('input', { type: 'number', min: '1', max: '100', step: '0.01', style: 'width:5em',
        placeholder: c.hostWatchPercent !== null && c.hostWatchPercent !== undefined ? String(c.hostWatchPercent) : '',
        value: c.watchPercent !== null && c.watchPercent !== undefined ? c.watchPercent : '' });
      const noCheck = el('input', { type: 'checkbox' });
      noCheck.checked = !!c.noCheck;
      const reason = el('input', { type: 'text', placeholder: t('reason'), style: 'width:14em' });
      const save = el('button', { type: 'button', text: t('save'), onclick: async () => {
        try {
          await wl.api(`credit/settings/categories/${encodeURIComponent(c.code)}`, { method: 'POST', quiet: true, body: {
            defaultLimit: limit.value === '' ? null : limit.value, currency: currency.value.trim().toUpperCase() || null,
            watchPercent: watch.value === '' ? null : watch.value, noCheck: noCheck.checked, reason: reason.value } });
          wl.toast(t('done'));
          settingsView();
        } catch (err) {
          fail(err);
        }
      } });
      return { cells: [c.code, lang === 'en' ? c.nameEn : c.nameZh, limit, currency, watch, noCheck, reason, save,
        c.changedBy ? `${c.changedBy} ${c.changedAt.substring(0, 16)}` : ''] };
    });
    const code = el('input', { type: 'text', placeholder: t('customer') });
    const customerNoCheck = el('input', { type: 'checkbox' });
    const customerReason = el('input', { type: 'text', placeholder: t('reason'), style: 'width:14em' });
    const customerForm = el('div', {}, code, el('label', {}, customerNoCheck, el('span', { text: t('noCheck') })),
      customerReason, el('button', { type: 'button', text: t('save'), onclick: async () => {
        try {
          await wl.api(`credit/settings/customers/${encodeURIComponent(code.value.trim())}/no-check`, { method: 'POST',
            quiet: true, body: { noCheck: customerNoCheck.checked, reason: customerReason.value } });
          wl.toast(t('done'));
          settingsView();
        } catch (err) {
          fail(err);
        }
      } }));
    body.replaceChildren(el('h3', { text: t('categorySettings') }), el('p', { text: t('categoryHelp') }),
      table([t('categoryCode'), t('category'), t('defaultLimit'), t('currency'), t('watchPercent'), t('noCheck'),
        t('reason'), '', t('lastChange')], rows),
      el('h3', { text: t('customerNoCheck') }), customerForm, errors,
      el('h3', { text: t('settingsHistory') }),
      table([t('at'), t('subject'), t('setting'), t('oldValue'), t('newValue'), t('by'), t('reason')],
        history.map((h) => ({ cells: [h.at.substring(0, 16), `${t(`subject.${h.subject}`)} ${h.code}`,
          t(`setting.${h.setting}`), h.oldValue, h.newValue, h.by, h.reason] }))));
  }

  const views = { monitor: () => monitorView(), card: () => cardView(''), approvals: approvalsView, alerts: alertsView };
  if (accountant) {
    views.import = importView;
    views.checkLog = checkLogView;
  }
  if (roles.includes('admin')) {
    views.settings = settingsView;
  }
  for (const name of Object.keys(views)) {
    tabs.append(el('button', { type: 'button', text: t(name), onclick: () => views[name]() }));
  }
  monitorView();
}

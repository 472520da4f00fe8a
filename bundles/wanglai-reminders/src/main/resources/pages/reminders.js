// Ageing and reminders page: ageing report with drill-down to the customer payment card, reminder run review and
// approval, the user's in-app notifications. Host data only ever goes into textContent, never into HTML.
const STRINGS = {
  zh: {
    ageing: '账龄分析', runs: '催款批次', card: '客户付款卡', inbox: '我的通知',
    customer: '客户编码', open: '打开', asOf: '截至日期', propose: '生成催款建议', run: '批次', status: '状态',
    createdBy: '创建人', approvedBy: '审批人', customers: '客户数', items: '项数', excluded: '排除', sent: '已发送',
    amount: '金额', failed: '发送失败', name: '客户名称', level: '最高级别', interest: '利息', exclude: '排除',
    reason: '请输入排除原因', approve: '审批', send: '发送', cancel: '取消批次', details: '明细',
    docNo: '单据号', invoiceDate: '开票日', dueDate: '到期日', days: '逾期天数', openAmount: '未付金额',
    done: '完成', drill: '输入客户编码查看付款卡', reminders: '催款记录', statement: '对账单（近12个月）',
    sentDate: '发送日期', unread: '未读', markRead: '标为已读', noRights: '仅会计可审批和发送催款',
  },
  en: {
    ageing: 'Ageing', runs: 'Reminder runs', card: 'Customer payment card', inbox: 'My notifications',
    customer: 'Customer code', open: 'Open', asOf: 'As of', propose: 'Propose a run', run: 'Run', status: 'Status',
    createdBy: 'Proposed by', approvedBy: 'Approved by', customers: 'Customers', items: 'Items', excluded: 'Excluded',
    sent: 'Sent', amount: 'Amount', failed: 'Failed', name: 'Customer', level: 'Highest level', interest: 'Interest',
    exclude: 'Exclude', reason: 'Reason for the exclusion', approve: 'Approve', send: 'Send', cancel: 'Cancel run',
    details: 'Items', docNo: 'Document', invoiceDate: 'Invoiced', dueDate: 'Due', days: 'Days overdue',
    openAmount: 'Open amount', done: 'Done', drill: 'Enter a customer code to open the payment card',
    reminders: 'Reminders', statement: 'Statement (last 12 months)', sentDate: 'Sent on', unread: 'unread',
    markRead: 'Mark read', noRights: 'Only accountants review, approve and send reminders',
  },
};

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

function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v.amount !== undefined) return `${Number(v.amount).toLocaleString(undefined, { minimumFractionDigits: 2 })} ${v.currency || ''}`;
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

export async function render(container, wl) {
  const lang = wl.lang === 'en' ? 'en' : 'zh';
  const t = (k) => STRINGS[lang][k] || k;
  const accountant = (wl.roles || []).some((r) => r === 'accountant' || r === 'admin');
  const tabs = el('div', { class: 'wl-tabs' });
  const body = el('div', { class: 'wl-tab-body' });
  container.replaceChildren(tabs, body);

  async function ageingView() {
    const report = el('div');
    const code = el('input', { type: 'text', placeholder: t('customer') });
    body.replaceChildren(el('p', { text: t('drill') }),
      el('div', {}, code, el('button', { type: 'button', text: t('open'), onclick: () => cardView(code.value.trim()) })),
      report);
    wl.reportView(report, 'reminders.ageing', { groupBy: 'customer' });
  }

  async function cardView(code) {
    if (!code) {
      const input = el('input', { type: 'text', placeholder: t('customer') });
      body.replaceChildren(el('div', {}, input,
        el('button', { type: 'button', text: t('open'), onclick: () => cardView(input.value.trim()) })));
      return;
    }
    const c = await wl.api(`reminders/customers/${encodeURIComponent(code)}`);
    body.replaceChildren(
      el('h3', { text: `${c.customer.code} ${c.customer.name}` }),
      table(c.ageingColumns, c.ageing.map((r) => ({ cells: r }))),
      el('h4', { text: t('reminders') }),
      table([t('run'), t('docNo'), t('dueDate'), t('level'), t('openAmount'), t('status'), t('sentDate')],
        c.reminders.map((r) => ({ cells: [r.runId, r.docNo, r.dueDate, r.level, r.openAmount, r.status, r.sentDate] }))),
      el('h4', { text: t('statement') }),
      table(c.statementColumns, c.statement.map((r) => ({ cells: r }))));
  }

  async function runsView() {
    if (!accountant) {
      body.replaceChildren(el('p', { text: t('noRights') }));
      return;
    }
    const asOf = el('input', { type: 'date', value: new Date().toISOString().substring(0, 10) });
    const runs = await wl.api('reminders/runs');
    body.replaceChildren(
      el('div', {}, el('label', { text: t('asOf') }), asOf, el('button', {
        type: 'button', text: t('propose'),
        onclick: async () => {
          const p = await wl.api('reminders/runs', { method: 'POST', body: { asOf: asOf.value } });
          runView(p.runId);
        },
      })),
      table([t('run'), t('asOf'), t('status'), t('createdBy'), t('approvedBy'), t('customers'), t('items'),
        t('excluded'), t('sent'), t('amount'), t('failed')],
      runs.map((r) => ({ id: r.id, cells: [r.id, r.asOf, r.status, r.createdBy, r.approvedBy, r.customers, r.items,
        r.excluded, r.sent, r.amount, r.failed] })), (r) => runView(r.id)));
  }

  async function runView(id) {
    const data = await wl.api(`reminders/runs/${id}`);
    const proposed = data.run.status === 'PROPOSED';
    const act = (action) => async () => {
      const res = await wl.api(`reminders/runs/${id}/${action}`, { method: 'POST', body: {} });
      wl.toast(`${t('done')}: ${JSON.stringify(res)}`);
      runView(id);
    };
    const rows = data.customers.map((c) => {
      const buttons = el('span');
      buttons.append(el('button', { type: 'button', text: t('details'), onclick: (e) => { e.stopPropagation(); itemsView(id, c.customerCode); } }));
      if (proposed && c.status !== 'EXCLUDED') {
        buttons.append(el('button', {
          type: 'button', text: t('exclude'),
          onclick: async (e) => {
            e.stopPropagation();
            const reason = window.prompt(t('reason'));
            if (!reason) return;
            await wl.api(`reminders/runs/${id}/exclude`, { method: 'POST', body: { customer: c.customerCode, reason } });
            runView(id);
          },
        }));
      }
      return { cells: [c.customerCode, c.customerName, c.items, c.maxLevel, { amount: c.openAmount, currency: c.currency },
        { amount: c.interest, currency: c.currency }, c.status, buttons] };
    });
    const actions = el('div');
    if (proposed) {
      actions.append(el('button', { type: 'button', text: t('approve'), onclick: act('approve') }),
        el('button', { type: 'button', text: t('cancel'), onclick: act('cancel') }));
    } else if (data.run.status === 'APPROVED' || data.run.status === 'SENDING') {
      actions.append(el('button', { type: 'button', text: t('send'), onclick: act('send') }));
    }
    body.replaceChildren(el('h3', { text: `${t('run')} ${id} · ${data.run.asOf} · ${data.run.status}` }), actions,
      table([t('customer'), t('name'), t('items'), t('level'), t('openAmount'), t('interest'), t('status'), ''], rows));
  }

  async function itemsView(id, code) {
    const items = await wl.api(`reminders/runs/${id}/${encodeURIComponent(code)}`);
    body.replaceChildren(
      el('button', { type: 'button', text: `← ${t('run')} ${id}`, onclick: () => runView(id) }),
      el('h3', { text: code }),
      table([t('docNo'), t('invoiceDate'), t('dueDate'), t('days'), t('level'), t('openAmount'), t('interest'),
        t('status'), t('reason')], items.map((i) => ({ cells: [i.docNo, i.invoiceDate, i.dueDate, i.daysOverdue, i.level,
        { amount: i.openAmount, currency: i.currency }, { amount: i.interest, currency: i.currency }, i.status, i.reason] }))));
  }

  async function inboxView() {
    const list = await wl.api('reminders/inbox');
    body.replaceChildren(...list.map((n) => el('details', {},
      el('summary', { text: `${n.createdAt.substring(0, 16)} ${n.read ? '' : `[${t('unread')}] `}${n.subject}` }),
      el('pre', { text: n.body }),
      n.read ? null : el('button', {
        type: 'button', text: t('markRead'),
        onclick: async () => { await wl.api(`reminders/inbox/${n.id}/read`, { method: 'POST', body: {} }); inboxView(); },
      }))));
  }

  const views = { ageing: ageingView, runs: runsView, card: () => cardView(''), inbox: inboxView };
  for (const name of Object.keys(views)) {
    tabs.append(el('button', { type: 'button', text: t(name), onclick: () => views[name]() }));
  }
  ageingView();
}

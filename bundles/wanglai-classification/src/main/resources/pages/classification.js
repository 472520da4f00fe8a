// Customer classification page: dashboard with charts, rules editor with live validation, preview then apply,
// run history with progress, category tree editor, customer card with explanation, locks and history.
// Only DOM APIs with textContent: host data (customer and category names) never becomes HTML.
const STRINGS = {
  zh: {
    dashboard: '概览', rules: '分类规则', run: '预览与执行', history: '运行历史', tree: '分类树', customer: '客户查询',
    dimensions: '维度', customers: '客户数', value: '值', movements: '近 {n} 个月的分类变动', flows: '变动流向',
    none: '（无）', dimension: '维度', condition: '条件', addRule: '添加规则', check: '检查', save: '保存规则',
    saved: '规则已保存', valid: '全部规则有效', remove: '删除', up: '上移', down: '下移',
    ruleProblem: '第 {rule} 条规则 {field}{pos}：{reason}', position: '（第 {p} 个字符）',
    notRules: '该维度由 {method} 方法计算；可在下方修改方法参数。', settings: '方法参数', enabled: '参与运行',
    saveSettings: '保存参数', settingsSaved: '参数已保存', profiles: '聚类中心', showProfiles: '计算聚类中心',
    cluster: '簇', size: '客户数',
    asOf: '截止日期', window: '统计窗口（月）', allDims: '全部启用的维度', customersOpt: '客户编码（逗号分隔，可留空）',
    preview: '预览', apply: '执行', previewFirst: '请先预览', from: '原值', to: '新值', examples: '示例客户',
    previewSummary: '{customers} 个客户，{changes} 项变动，{locked} 项因锁定跳过（{ms} 毫秒）',
    applied: '运行 {id} 已执行：{changes} 项变动', confirmApply: '确认按预览结果执行 {changes} 项变动？',
    running: '运行中：{phase} {done}/{total}（{user}）', cancel: '取消运行', noRun: '当前没有运行',
    id: '编号', trigger: '触发', user: '操作人', started: '开始', finished: '结束', changes: '变动数',
    locked: '锁定跳过', details: '明细', reason: '原因', customerCol: '客户',
    codingRule: '编码规则', saveRule: '保存编码规则', code: '编码', nameZh: '中文名称', nameEn: '英文名称',
    parent: '上级编码（留空为顶级）', create: '新增', rename: '改名', move: '移动到', del: '删除', level: '级次',
    leaf: '末级', newParent: '新上级编码（留空为顶级）', confirmDelete: '删除分类 {code}？', yes: '是',
    lookup: '查询', customerCode: '客户编码', metrics: '指标', current: '当前值', computed: '计算值',
    lock: '锁定', unlock: '解锁', lockReason: '锁定原因', lockValue: '锁定为', lockedBy: '已锁定：{r}',
    changedAt: '时间', runId: '运行', addDimension: '新增自定义维度', dimId: '标识', method: '方法',
    valuesCsv: '值编码（逗号分隔）', noValues: '尚无客户取得该维度的值', addValue: '新增值', deleteDimension: '删除维度',
    transfer: '导入导出', treeImport: '分类树导入', assignmentImport: '客户分类归属导入',
    treeImportHelp: '列：分类编码、中文名称、英文名称、上级编码（可省略，由编码规则推出）。已有编码改名，新编码新增；有一行出错则全部不写入。',
    assignmentImportHelp: '列：客户编码、分类编码（末级），或维度与值，可选“锁定”（是/否）。与手工调整一样记入历史；有一行出错则全部不写入。',
    upload: '上传', template: '下载模板', exportTree: '导出分类树（Excel）', exportAssignments: '导出客户分类归属（Excel）', imported: '已写入 {n} 行（未变的行跳过）',
    rejected: '文件未导入：以下行有错误，未写入任何数据。', errorWorkbook: '下载错误明细工作簿', row: '行', field: '列', message: '错误',
    chooseFile: '请先选择文件',
  },
  en: {
    dashboard: 'Dashboard', rules: 'Rules', run: 'Preview & apply', history: 'Run history', tree: 'Category tree',
    customer: 'Customer', dimensions: 'Dimensions', customers: 'Customers', value: 'Value',
    movements: 'Changes over the last {n} months', flows: 'Moves', none: '(none)', dimension: 'Dimension',
    condition: 'Condition', addRule: 'Add rule', check: 'Check', save: 'Save rules', saved: 'Rules saved',
    valid: 'Every rule is valid', remove: 'Remove', up: 'Up', down: 'Down',
    ruleProblem: 'Rule {rule} {field}{pos}: {reason}', position: ' (at character {p})',
    notRules: 'This dimension is computed by {method}; change its settings below.', settings: 'Method settings',
    enabled: 'Included in runs', saveSettings: 'Save settings', settingsSaved: 'Settings saved', profiles: 'Cluster centres',
    showProfiles: 'Compute cluster centres', cluster: 'Cluster', size: 'Customers',
    asOf: 'As of', window: 'Window (months)', allDims: 'All enabled dimensions',
    customersOpt: 'Customer codes (comma separated, optional)', preview: 'Preview', apply: 'Apply',
    previewFirst: 'Preview first', from: 'From', to: 'To', examples: 'Examples',
    previewSummary: '{customers} customers, {changes} changes, {locked} left alone because of locks ({ms} ms)',
    applied: 'Run {id} applied: {changes} changes', confirmApply: 'Apply the {changes} previewed changes?',
    running: 'Running: {phase} {done}/{total} ({user})', cancel: 'Cancel run', noRun: 'No run in progress',
    id: 'Id', trigger: 'Trigger', user: 'User', started: 'Started', finished: 'Finished', changes: 'Changes',
    locked: 'Locked', details: 'Details', reason: 'Reason', customerCol: 'Customer',
    codingRule: 'Coding rule', saveRule: 'Save coding rule', code: 'Code', nameZh: 'Chinese name', nameEn: 'English name',
    parent: 'Parent code (empty = top level)', create: 'Create', rename: 'Rename', move: 'Move to', del: 'Delete',
    level: 'Level', leaf: 'Leaf', newParent: 'New parent code (empty = top level)', confirmDelete: 'Delete category {code}?',
    yes: 'yes', lookup: 'Look up', customerCode: 'Customer code', metrics: 'Metrics', current: 'Current',
    computed: 'Computed', lock: 'Lock', unlock: 'Unlock', lockReason: 'Lock reason', lockValue: 'Lock as',
    lockedBy: 'Locked: {r}', changedAt: 'When', runId: 'Run', addDimension: 'Add a custom dimension', dimId: 'Id',
    method: 'Method', valuesCsv: 'Value codes (comma separated)', noValues: 'No customer has a value in this dimension yet', addValue: 'Add value', deleteDimension: 'Delete dimension',
    transfer: 'Import / export', treeImport: 'Category tree import', assignmentImport: 'Customer assignment import',
    treeImportHelp: 'Columns: code, Chinese name, English name, parent code (optional: it follows from the coding rule). Existing codes are renamed, new codes created; one bad row and nothing is written.',
    assignmentImportHelp: 'Columns: customer code, category code (a leaf), or dimension and value, optional "locked" (Y/N). Recorded in the history like a manual change; one bad row and nothing is written.',
    upload: 'Upload', template: 'Download template', exportTree: 'Export the category tree (Excel)', exportAssignments: 'Export the customer assignments (Excel)', imported: '{n} rows written (unchanged rows skipped)',
    rejected: 'The file was not imported: the rows below have errors; nothing was written.', errorWorkbook: 'Download the error workbook',
    row: 'Row', field: 'Column', message: 'Error', chooseFile: 'Choose a file first',
  },
};

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'text') e.textContent = v;
    else if (k === 'value') e.value = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// replaceChildren without the null/undefined placeholders of optional parts (role-dependent buttons).
function fill(node, ...children) {
  node.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function table(headers, rows) {
  const t = el('table', { class: 'wl-table' });
  const head = t.createTHead().insertRow();
  for (const h of headers) head.append(el('th', { text: h }));
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const c of r) {
      const td = tr.insertCell();
      if (c instanceof Node) td.append(c);
      else td.textContent = c === null || c === undefined ? '' : String(c);
    }
  }
  return t;
}

export async function render(container, wl) {
  const lang = wl.lang === 'en' ? 'en' : 'zh';
  const t = (k, vars = {}) => Object.entries(vars).reduce((s, [a, b]) => s.replaceAll(`{${a}}`, b), STRINGS[lang][k] || k);
  const roles = wl.roles || [];
  const isAdmin = roles.includes('admin');
  const canRun = isAdmin || roles.includes('accountant');

  let dimensions = await wl.api('classification/dimensions');
  const dimName = (id) => dimensions.find((d) => d.id === id)?.name || id;

  const tabs = el('div', { class: 'wl-tabs' });
  const body = el('div', { class: 'wl-tab-body' });
  fill(container, tabs, body);
  const views = { dashboard: dashboardView, rules: rulesView, run: runView, history: historyView, tree: treeView, customer: customerView, transfer: transferView };
  for (const name of Object.keys(views)) {
    if (name === 'run' && !canRun) continue;
    tabs.append(el('button', { type: 'button', text: t(name), onclick: () => views[name]() }));
  }

  function dimSelect(selected, onChange, { includeAll = false, filter = () => true } = {}) {
    const s = el('select', { onchange: (e) => onChange(e.target.value) });
    if (includeAll) s.append(el('option', { value: '', text: t('allDims') }));
    for (const d of dimensions.filter(filter)) {
      const o = el('option', { value: d.id, text: `${d.name} (${d.id})` });
      if (d.id === selected) o.selected = true;
      s.append(o);
    }
    return s;
  }

  // ------------------------------------------------------------------ dashboard
  async function dashboardView(flowDim = 'value_tier') {
    const months = 12;
    const data = await wl.api('classification/dashboard', { query: { months, dimension: flowDim } });
    const grid = el('div', { class: 'wl-grid' });
    const flowBox = el('div', { style: 'height:360px' });
    const moveBox = el('div', { style: 'height:320px' });
    fill(body, 
      el('h3', { text: t('dimensions') }), grid,
      el('h3', { text: t('movements', { n: months }) }), moveBox,
      el('h3', {}, t('flows') + ' ', dimSelect(flowDim, (v) => dashboardView(v))), flowBox);
    for (const d of data.dimensions) {
      const box = el('div', { style: 'height:260px;min-width:320px;display:inline-block;width:32%' });
      grid.append(box);
      const values = d.values.filter((v) => v.customers > 0);
      if (!values.length) {
        box.append(el('h4', { text: d.name }), el('p', { class: 'wl-note', text: t('noValues') }));
        continue;
      }
      const option = values.length <= 8
        ? { title: { text: d.name, left: 'center', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'item' },
            series: [{ type: 'pie', radius: ['30%', '60%'], top: 20,
              data: values.map((v) => ({ name: v.label, value: v.customers })) }] }
        : { title: { text: d.name, left: 'center', textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 10, top: 30, bottom: 60 },
            xAxis: { type: 'category', data: values.map((v) => v.label), axisLabel: { rotate: 40 } },
            yAxis: { type: 'value' }, series: [{ type: 'bar', name: t('customers'), data: values.map((v) => v.customers) }] };
      wl.chart(box, option);
    }
    wl.chart(moveBox, {
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 },
      grid: { left: 50, right: 10, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.months }, yAxis: { type: 'value' },
      series: data.movements.map((m) => ({ type: 'bar', stack: 'all', name: m.name, data: m.changes })),
    });
    // Source and target nodes are named apart so that A → B and B → A never form a cycle.
    const src = (l) => `${l.fromLabel ?? t('none')} ▸`;
    const dst = (l) => `▸ ${l.toLabel ?? t('none')}`;
    const names = new Set();
    for (const l of data.flows.links) { names.add(src(l)); names.add(dst(l)); }
    wl.chart(flowBox, {
      tooltip: { trigger: 'item' },
      series: [{ type: 'sankey', emphasis: { focus: 'adjacency' }, data: [...names].map((name) => ({ name })),
        links: data.flows.links.map((l) => ({ source: src(l), target: dst(l), value: l.changes })) }],
    });
  }

  // ------------------------------------------------------------------ rules and settings
  async function rulesView(selected = 'value_tier') {
    dimensions = await wl.api('classification/dimensions');
    if (!dimensions.some((d) => d.id === selected)) selected = dimensions[0]?.id;
    const dim = dimensions.find((d) => d.id === selected);
    const editor = el('div');
    const problems = el('ul', { class: 'wl-problems' });
    const settingsBox = el('div');
    const adminBox = el('div');
    fill(body, el('div', { class: 'wl-toolbar' }, el('label', { text: t('dimension') + ' ' },
      dimSelect(selected, (v) => rulesView(v)))), editor, problems, settingsBox, adminBox);

    if (dim.method === 'RULES' || dim.method === 'CATEGORY') {
      const { rules } = await wl.api(`classification/rules/${encodeURIComponent(dim.id)}`);
      const rows = rules.map((r) => ({ ...r }));
      const valueOptions = dim.values.map((v) => v.code);
      const draw = () => {
        const rowsEl = rows.map((r, i) => {
          const cond = el('input', { type: 'text', size: 60, value: r.condition || '', oninput: (e) => { r.condition = e.target.value; } });
          const val = valueOptions.length
            ? el('select', { onchange: (e) => { r.value = e.target.value; } },
              ...valueOptions.map((c) => { const o = el('option', { value: c, text: c }); if (c === r.value) o.selected = true; return o; }))
            : el('input', { type: 'text', value: r.value || '', oninput: (e) => { r.value = e.target.value; } });
          if (valueOptions.length && !r.value) r.value = valueOptions[0];
          cond.disabled = !isAdmin; val.disabled = !isAdmin;
          const tools = isAdmin ? [
            el('button', { type: 'button', text: t('up'), onclick: () => { if (i > 0) { [rows[i - 1], rows[i]] = [rows[i], rows[i - 1]]; draw(); } } }),
            el('button', { type: 'button', text: t('down'), onclick: () => { if (i < rows.length - 1) { [rows[i + 1], rows[i]] = [rows[i], rows[i + 1]]; draw(); } } }),
            el('button', { type: 'button', text: t('remove'), onclick: () => { rows.splice(i, 1); draw(); } })] : [];
          return [String(i + 1), cond, val, el('span', {}, ...tools)];
        });
        fill(editor, table(['#', t('condition'), t('value'), ''], rowsEl));
        if (isAdmin) {
          editor.append(el('div', { class: 'wl-toolbar' },
            el('button', { type: 'button', text: t('addRule'), onclick: () => { rows.push({ condition: '', value: valueOptions[0] || '' }); draw(); } }),
            el('button', { type: 'button', text: t('check'), onclick: () => check(false) }),
            el('button', { type: 'button', text: t('save'), onclick: () => check(true) })));
        }
      };
      const showProblems = (list) => {
        fill(problems, ...list.map((p) => el('li', { class: 'error', text: t('ruleProblem', {
          rule: p.rule, field: p.field === 'condition' ? t('condition') : t('value'),
          pos: p.position ? t('position', { p: p.position }) : '', reason: p.reason }) })));
      };
      const check = async (save) => {
        const payload = { rules: rows.map((r) => ({ condition: r.condition, value: r.value })) };
        if (!save) {
          const res = await wl.api(`classification/rules/${encodeURIComponent(dim.id)}`, { method: 'POST', body: payload });
          showProblems(res.problems);
          if (res.valid) wl.toast(t('valid'));
          return;
        }
        try {
          await wl.api(`classification/rules/${encodeURIComponent(dim.id)}`, { method: 'PUT', body: payload, quiet: true });
          showProblems([]);
          wl.toast(t('saved'));
        } catch (e) {
          if (e.code === 'classification.rules-invalid') showProblems(e.details);
          else wl.toast(e.message, 'error');
        }
      };
      draw();
    } else {
      fill(editor, el('p', { class: 'wl-note', text: t('notRules', { method: dim.method }) }));
    }

    // Method settings: key=value lines, checked by the server.
    const params = el('textarea', { rows: 8, cols: 60 });
    params.value = Object.entries(dim.params || {}).map(([k, v]) => `${k}=${v}`).join('\n');
    const enabled = el('input', { type: 'checkbox' });
    enabled.checked = !!dim.enabled;
    params.disabled = !isAdmin; enabled.disabled = !isAdmin;
    const profiles = el('div');
    fill(settingsBox, el('h3', { text: t('settings') }), el('label', {}, enabled, ' ' + t('enabled')), el('br'), params,
      isAdmin ? el('div', {}, el('button', { type: 'button', text: t('saveSettings'), onclick: async () => {
        const map = {};
        for (const line of params.value.split('\n')) {
          const i = line.indexOf('=');
          if (i > 0) map[line.substring(0, i).trim()] = line.substring(i + 1).trim();
        }
        await wl.api(`classification/settings/${encodeURIComponent(dim.id)}`, { method: 'PUT', body: { enabled: enabled.checked, params: map } });
        wl.toast(t('settingsSaved'));
      } })) : null,
      dim.method === 'KMEANS' ? el('button', { type: 'button', text: t('showProfiles'), onclick: async () => {
        const s = await wl.api(`classification/settings/${encodeURIComponent(dim.id)}`, { query: { profiles: 'true' } });
        const keys = [...new Set(s.profiles.flatMap((p) => Object.keys(p.centre)))];
        fill(profiles, el('h4', { text: t('profiles') }), table([t('cluster'), t('value'), t('size'), ...keys],
          s.profiles.map((p) => [p.cluster, p.value, p.size, ...keys.map((k) => p.centre[k])])));
      } }) : null, profiles);

    if (isAdmin) {
      const id = el('input', { type: 'text', placeholder: t('dimId') });
      const zh = el('input', { type: 'text', placeholder: t('nameZh') });
      const en = el('input', { type: 'text', placeholder: t('nameEn') });
      const method = el('select', {}, el('option', { value: 'RULES', text: 'RULES' }), el('option', { value: 'ATTRIBUTE', text: 'ATTRIBUTE' }));
      const vals = el('input', { type: 'text', placeholder: t('valuesCsv') });
      const newValue = el('input', { type: 'text', placeholder: t('code') });
      fill(adminBox, el('h3', { text: t('addDimension') }), el('div', { class: 'wl-toolbar' }, id, zh, en, method, vals,
        el('button', { type: 'button', text: t('create'), onclick: async () => {
          const values = vals.value.split(',').map((s) => s.trim()).filter((s) => s).map((code) => ({ code, nameZh: code, nameEn: code }));
          const d = await wl.api('classification/dimensions', { method: 'POST', body: { id: id.value.trim(), nameZh: zh.value, nameEn: en.value, method: method.value, values } });
          rulesView(d.id);
        } })),
        dim.builtIn ? null : el('div', { class: 'wl-toolbar' }, newValue,
          el('button', { type: 'button', text: t('addValue'), onclick: async () => {
            await wl.api(`classification/dimensions/${encodeURIComponent(dim.id)}/values`, { method: 'POST', body: { code: newValue.value.trim(), nameZh: newValue.value.trim(), nameEn: newValue.value.trim() } });
            rulesView(dim.id);
          } }),
          el('button', { type: 'button', text: t('deleteDimension'), onclick: async () => {
            if (!confirm(`${t('deleteDimension')} ${dim.id}?`)) return;
            await wl.api(`classification/dimensions/${encodeURIComponent(dim.id)}`, { method: 'DELETE' });
            rulesView();
          } })));
    }
  }

  // ------------------------------------------------------------------ preview and apply
  async function runView() {
    const asOf = el('input', { type: 'date', value: new Date().toISOString().substring(0, 10) });
    const win = el('input', { type: 'number', min: 1, max: 120, value: 12 });
    let dimChoice = '';
    const customers = el('input', { type: 'text', size: 40, placeholder: t('customersOpt') });
    const result = el('div');
    const applyBtn = el('button', { type: 'button', text: t('apply'), disabled: 'disabled' });
    const progress = el('p', { class: 'wl-note' });
    let previewed = null;
    const request = () => ({
      asOf: asOf.value || null, windowMonths: Number(win.value) || 12, dimensions: dimChoice ? [dimChoice] : [],
      customers: customers.value.split(',').map((s) => s.trim()).filter((s) => s),
    });
    const invalidate = () => { previewed = null; applyBtn.setAttribute('disabled', 'disabled'); };
    for (const i of [asOf, win, customers]) i.addEventListener('change', invalidate);
    fill(body, el('div', { class: 'wl-toolbar' },
      el('label', { text: t('asOf') + ' ' }, asOf), el('label', { text: ' ' + t('window') + ' ' }, win),
      dimSelect('', (v) => { dimChoice = v; invalidate(); }, { includeAll: true }), customers,
      el('button', { type: 'button', text: t('preview'), onclick: async () => {
        invalidate();
        const req = request();
        previewed = { req, res: await wl.api('classification/runs/preview', { method: 'POST', body: req }) };
        drawOutcome(previewed.res);
        applyBtn.removeAttribute('disabled');
      } }), applyBtn), progress, result);
    applyBtn.addEventListener('click', async () => {
      if (!previewed) { wl.toast(t('previewFirst')); return; }
      if (!confirm(t('confirmApply', { changes: previewed.res.changes }))) return;
      applyBtn.setAttribute('disabled', 'disabled');
      const poll = setInterval(async () => {
        const r = await wl.api('classification/runs', { query: { limit: 1 }, quiet: true }).catch(() => null);
        progress.textContent = r?.progress ? t('running', r.progress) : '';
      }, 1000);
      try {
        const res = await wl.api('classification/runs/apply', { method: 'POST', body: { ...previewed.req, fingerprint: previewed.res.fingerprint } });
        wl.toast(t('applied', { id: res.runId, changes: res.changes }));
        drawOutcome(res);
      } finally {
        clearInterval(poll);
        progress.textContent = '';
        previewed = null;
      }
    });
    function drawOutcome(res) {
      fill(result, el('p', { text: t('previewSummary', { customers: res.customers, changes: res.changes, locked: res.lockedSkipped, ms: res.millis }) }),
        table([t('dimension'), t('from'), t('to'), t('customers'), t('examples')],
          res.moves.map((m) => [m.dimensionName, m.fromLabel ?? t('none'), m.toLabel ?? t('none'), m.customers, m.examples.join(', ')])));
    }
  }

  // ------------------------------------------------------------------ history
  async function historyView() {
    const data = await wl.api('classification/runs');
    const detail = el('div');
    const progress = data.progress ? el('p', { class: 'wl-note' }, t('running', data.progress) + ' ',
      canRun ? el('button', { type: 'button', text: t('cancel'), onclick: async () => { await wl.api('classification/runs/cancel', { method: 'POST' }); historyView(); } }) : null)
      : el('p', { class: 'wl-note', text: t('noRun') });
    fill(body, progress, table([t('id'), t('trigger'), t('user'), t('started'), t('finished'), t('asOf'), t('customers'), t('changes'), t('locked'), ''],
      data.runs.map((r) => [r.id, r.trigger, r.user, r.startedAt, r.finishedAt, r.asOf, r.customers, r.changes, r.lockedSkipped,
        el('a', { href: '#', text: t('details'), onclick: async (e) => {
          e.preventDefault();
          const run = await wl.api(`classification/runs/${r.id}`);
          fill(detail, el('h3', { text: `${t('runId')} ${run.id}` }), table([t('customerCol'), t('dimension'), t('from'), t('to'), t('reason')],
            run.changeRows.map((c) => [c.customer, dimName(c.dimension), c.fromLabel ?? t('none'), c.toLabel ?? t('none'), c.reason])));
        } })])), detail);
  }

  // ------------------------------------------------------------------ category tree
  async function treeView() {
    const data = await wl.api('classification/tree');
    const rule = el('input', { type: 'text', value: data.codingRule, size: 10 });
    const problems = el('ul', { class: 'wl-problems' });
    const guard = async (work) => {
      try { await work(); fill(problems); await treeView(); } catch (e) {
        fill(problems, ...(e.details?.length ? e.details : [{ message: e.message }]).map((d) =>
          el('li', { class: 'error', text: (d.field ? d.field + ': ' : '') + d.message })));
      }
    };
    const rows = data.nodes.map((n) => [
      '\u00a0'.repeat(Math.max(0, n.level - 1) * 4) + n.code, n.nameZh, n.nameEn, n.level, n.leaf ? t('yes') : '', n.customers,
      isAdmin ? el('span', {},
        el('button', { type: 'button', text: t('rename'), onclick: () => {
          const zh = prompt(t('nameZh'), n.nameZh); if (zh === null) return;
          const en = prompt(t('nameEn'), n.nameEn || '');
          guard(() => wl.api(`classification/tree/${encodeURIComponent(n.code)}`, { method: 'PUT', body: { nameZh: zh, nameEn: en }, quiet: true }));
        } }),
        el('button', { type: 'button', text: t('move'), onclick: () => {
          const p = prompt(t('newParent'), ''); if (p === null) return;
          guard(() => wl.api(`classification/tree/${encodeURIComponent(n.code)}/move`, { method: 'POST', body: { parentCode: p.trim() || null }, quiet: true }));
        } }),
        el('button', { type: 'button', text: t('del'), onclick: () => {
          if (!confirm(t('confirmDelete', { code: n.code }))) return;
          guard(() => wl.api(`classification/tree/${encodeURIComponent(n.code)}`, { method: 'DELETE', quiet: true }));
        } })) : '']);
    const parent = el('input', { type: 'text', placeholder: t('parent') });
    const code = el('input', { type: 'text', placeholder: t('code') });
    const zh = el('input', { type: 'text', placeholder: t('nameZh') });
    const en = el('input', { type: 'text', placeholder: t('nameEn') });
    rule.disabled = !isAdmin;
    fill(body, 
      el('div', { class: 'wl-toolbar' }, el('label', { text: t('codingRule') + ' ' }, rule),
        isAdmin ? el('button', { type: 'button', text: t('saveRule'), onclick: () => guard(() => wl.api('classification/tree', { method: 'PUT', body: { codingRule: rule.value }, quiet: true })) }) : null),
      isAdmin ? el('div', { class: 'wl-toolbar' }, parent, code, zh, en, el('button', { type: 'button', text: t('create'), onclick: () =>
        guard(() => wl.api('classification/tree', { method: 'POST', body: { parentCode: parent.value.trim() || null, code: code.value.trim(), nameZh: zh.value, nameEn: en.value }, quiet: true })) })) : null,
      problems,
      table([t('code'), t('nameZh'), t('nameEn'), t('level'), t('leaf'), t('customers'), ''], rows));
  }

  // ------------------------------------------------------------------ import / export
  // One section per import: help, file choice, upload, template; a rejected file lists its rows and columns and
  // offers the error workbook. Exports are the reports in the same columns, so an export can be edited and re-imported.
  function importSection(title, help, path, allowed) {
    if (!allowed) return null;
    const file = el('input', { type: 'file', accept: '.xlsx,.csv' });
    const result = el('div');
    const upload = async () => {
      if (!file.files.length) { fill(result, el('p', { class: 'error', text: t('chooseFile') })); return; }
      try {
        const res = await wl.upload(path, file.files[0]);
        fill(result, el('p', { text: t('imported', { n: res.imported }) }));
      } catch (err) {
        const details = err.details || [];
        const link = details.find((d) => d && d.errorWorkbook);
        const rows = details.filter((d) => d && d.field !== undefined);
        fill(result, el('p', { class: 'error', text: rows.length ? t('rejected') : err.message }),
          link ? el('button', { type: 'button', text: t('errorWorkbook'), onclick: () => wl.download(link.errorWorkbook) }) : null,
          rows.length ? table([t('row'), t('field'), t('message')], rows.map((d) => [d.row, d.field, d.message])) : null);
      }
    };
    return el('section', {}, el('h3', { text: title }), el('p', { text: help }),
      el('div', { class: 'wl-toolbar' }, file, el('button', { type: 'button', text: t('upload'), onclick: upload }),
        el('button', { type: 'button', text: t('template'), onclick: () => wl.download(`/wanglai/api/${path}/template`) })),
      result);
  }

  function transferView() {
    fill(body,
      el('div', { class: 'wl-toolbar' },
        el('button', { type: 'button', text: t('exportTree'), onclick: () => wl.download('/wanglai/api/reports/classification.tree/xlsx') }),
        el('button', { type: 'button', text: t('exportAssignments'), onclick: () => wl.download('/wanglai/api/reports/classification.assignments/xlsx') })),
      importSection(t('treeImport'), t('treeImportHelp'), 'classification/tree-import', isAdmin),
      importSection(t('assignmentImport'), t('assignmentImportHelp'), 'classification/assignment-import', canRun));
  }

  // ------------------------------------------------------------------ customer card
  async function customerView(initial = '') {
    const code = el('input', { type: 'text', value: initial, placeholder: t('customerCode') });
    const card = el('div');
    const load = async () => {
      if (!code.value.trim()) return;
      const c = await wl.api(`classification/customers/${encodeURIComponent(code.value.trim())}`);
      drawCard(c);
    };
    fill(body, el('div', { class: 'wl-toolbar' }, code, el('button', { type: 'button', text: t('lookup'), onclick: load })), card);
    code.addEventListener('keydown', (e) => { if (e.key === 'Enter') load(); });
    function drawCard(c) {
      const dimRows = c.dimensions.map((d) => {
        const def = dimensions.find((x) => x.id === d.dimension);
        let tools = '';
        if (canRun) {
          if (d.locked) {
            tools = el('button', { type: 'button', text: t('unlock'), onclick: async () => {
              drawCard(await wl.api(`classification/customers/${encodeURIComponent(c.code)}/locks/${encodeURIComponent(d.dimension)}`, { method: 'DELETE' }));
            } });
          } else if (def && def.values.length) {
            const sel = el('select', {}, ...def.values.map((v) => el('option', { value: v.code, text: v.label })));
            const reason = el('input', { type: 'text', placeholder: t('lockReason') });
            tools = el('span', {}, sel, reason, el('button', { type: 'button', text: t('lock'), onclick: async () => {
              drawCard(await wl.api(`classification/customers/${encodeURIComponent(c.code)}/locks/${encodeURIComponent(d.dimension)}`,
                { method: 'PUT', body: { value: sel.value, reason: reason.value } }));
            } }));
          }
        }
        return [d.name, d.currentLabel ?? '', d.computedLabel ?? '', (d.locked ? t('lockedBy', { r: d.lockReason }) + ' · ' : '') + (d.reason || ''), tools];
      });
      fill(card, 
        el('h3', { text: `${c.code} ${c.name}` }),
        table([t('dimension'), t('current'), t('computed'), t('reason'), ''], dimRows),
        el('h4', { text: t('metrics') }),
        table([t('metrics'), t('value')], Object.entries(c.metrics).map(([k, v]) => [k, typeof v === 'object' && v !== null && 'amount' in v ? `${v.amount} ${v.currency}` : v])),
        el('h4', { text: t('history') }),
        table([t('changedAt'), t('dimension'), t('from'), t('to'), t('reason'), t('runId'), t('user')],
          c.history.map((h) => [h.changedAt, h.name, h.fromLabel ?? t('none'), h.toLabel ?? t('none'), h.reason, h.runId, h.user])));
    }
    if (initial) load();
  }

  await dashboardView();
}

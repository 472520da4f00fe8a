// A capability page: a heading and the generic report view of the sample report.
export async function render(container, wl) {
  const h = document.createElement('p');
  h.id = 'sample-page';
  h.textContent = wl.lang === 'en' ? 'Sample capability page' : '示例模块页面';
  const box = document.createElement('div');
  container.replaceChildren(h, box);
  await wl.reportView(box, 'web.sample.revenue-by-region');
}

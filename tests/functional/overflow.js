() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  }
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.irohub-table-scroll, .govuk-visually-hidden, [hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    if (box.right > width + 1) found.push(`${name(el)} reaches ${Math.round(box.right)}px`);
    const clips = ['hidden', 'clip'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} cuts off its content`);
  }
  for (const region of document.querySelectorAll('.irohub-table-scroll')) {
    if (!region.getAttribute('aria-labelledby') && !region.getAttribute('aria-label')) found.push('a scroll region has no label');
    if (region.getAttribute('tabindex') !== '0') found.push('a scroll region cannot be reached by keyboard');
    if (region.getBoundingClientRect().right > width + 1) found.push('a scroll region is wider than the screen');
  }
  return found.slice(0, 10);
}

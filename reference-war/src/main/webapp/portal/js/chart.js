// A small accessible SVG line chart (no library: nothing to load, nothing inline for the CSP).
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, String(v));
  }
  children.forEach((c) => el.append(c));
  return el;
}

/**
 * A line chart of points [{label, value}] with a title for screen readers; `describe(point)` gives
 * each point's text (also used for the table that follows the chart for those who need it).
 */
export function lineChart(points, { title, width = 600, height = 200, formatValue = String }) {
  const pad = { left: 56, right: 12, top: 12, bottom: 28 };
  const values = points.map((p) => Number(p.value));
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (i) =>
    pad.left + (points.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v) => pad.top + ((max - v) * (height - pad.top - pad.bottom)) / (max - min || 1);
  const titleId = `chart-${Math.random().toString(36).slice(2)}`;
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': titleId,
      class: 'chart',
      preserveAspectRatio: 'none',
    },
    svg('title', { id: titleId }, document.createTextNode(title)),
  );
  for (const v of [min, (min + max) / 2, max]) {
    chart.append(
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' },
        document.createTextNode(formatValue(v))),
    );
  }
  if (points.length) {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
    chart.append(svg('path', { d: d.join(' '), class: 'line' }));
    const ends = [0, points.length - 1];
    for (const i of new Set(ends)) {
      chart.append(
        svg('text', {
          x: x(i),
          y: height - 8,
          'text-anchor': i === 0 ? 'start' : 'end',
          class: 'axis',
        }, document.createTextNode(points[i].label)),
      );
    }
  }
  return chart;
}

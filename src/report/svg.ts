/**
 * Small SVG builders for the analyst report: a time chart (bars and lines on two axes, markers, a
 * threshold line, a dashed projection) and a heatmap. Strings in, a self-contained `<svg>` out; every
 * text is XML-escaped and every number printed with fixed decimals, so the same data gives the same bytes.
 */

/** Escapes text for XML / HTML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const n = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '0');

/** One series of a time chart. */
export interface Series {
  readonly label: string;
  readonly kind: 'bar' | 'line' | 'dots';
  /** Which y axis: left (0) or right (1). */
  readonly axis: 0 | 1;
  readonly color: string;
  /** Values by x position; null leaves a gap. */
  readonly values: readonly (number | null)[];
  /** Dashed line (a projection). */
  readonly dashed?: boolean;
}

/** A horizontal reference line on one axis (a rule's threshold). */
export interface Reference {
  readonly label: string;
  readonly axis: 0 | 1;
  readonly value: number;
  readonly color: string;
}

/** A chart over evenly spaced x positions (days or weeks). */
export interface TimeChart {
  readonly title: string;
  /** Labels of the x positions; about eight are shown. */
  readonly xLabels: readonly string[];
  readonly series: readonly Series[];
  readonly references?: readonly Reference[];
  /** Formats a value of each axis for its tick labels. */
  readonly format: readonly [(v: number) => string, ((v: number) => string)?];
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 64, right: 64, top: 30, bottom: 46 };

function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

/** Draws a time chart: bars, lines and dots over shared x positions, with up to two y axes. */
export function timeChart(chart: TimeChart): string {
  const width = chart.width ?? 860;
  const height = chart.height ?? 260;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const count = Math.max(1, chart.xLabels.length);
  const slot = plotW / count;
  const xAt = (i: number) => PAD.left + slot * (i + 0.5);
  const maxOf = (axis: 0 | 1) =>
    niceMax(
      Math.max(
        0,
        ...chart.series.filter((s) => s.axis === axis).flatMap((s) => s.values.filter((v): v is number => v !== null)),
        ...(chart.references ?? []).filter((r) => r.axis === axis).map((r) => r.value * 1.1),
      ),
    );
  const max: [number, number] = [maxOf(0), maxOf(1)];
  const yAt = (axis: 0 | 1, v: number) => PAD.top + plotH - (Math.max(0, v) / max[axis]) * plotH;
  const parts: string[] = [];
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${n(plotW)}" height="${n(plotH)}" fill="#fafafa" stroke="#ddd"/>`);
  for (const axis of [0, 1] as const) {
    const format = chart.format[axis];
    if (!format || !chart.series.some((s) => s.axis === axis)) continue;
    for (let k = 0; k <= 4; k++) {
      const v = (max[axis] * k) / 4;
      const y = yAt(axis, v);
      const x = axis === 0 ? PAD.left - 6 : PAD.left + plotW + 6;
      if (axis === 0) parts.push(`<line x1="${PAD.left}" x2="${n(PAD.left + plotW)}" y1="${n(y)}" y2="${n(y)}" stroke="#eee"/>`);
      parts.push(
        `<text x="${n(x)}" y="${n(y + 4)}" text-anchor="${axis === 0 ? 'end' : 'start'}" class="tick">${escapeXml(format(v))}</text>`,
      );
    }
  }
  const every = Math.max(1, Math.ceil(count / 8));
  chart.xLabels.forEach((label, i) => {
    if (i % every === 0)
      parts.push(`<text x="${n(xAt(i))}" y="${n(PAD.top + plotH + 16)}" text-anchor="middle" class="tick">${escapeXml(label)}</text>`);
  });
  const bars = chart.series.filter((s) => s.kind === 'bar');
  bars.forEach((s, b) => {
    const w = (slot * 0.8) / bars.length;
    s.values.forEach((v, i) => {
      if (v === null || v <= 0) return;
      const x = xAt(i) - slot * 0.4 + b * w;
      const y = yAt(s.axis, v);
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0.5, w - 0.5))}" height="${n(PAD.top + plotH - y)}" fill="${s.color}"/>`,
      );
    });
  });
  for (const s of chart.series.filter((x) => x.kind === 'line')) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${n(xAt(i))},${n(yAt(s.axis, v))}`;
      pen = true;
    });
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  }
  for (const s of chart.series.filter((x) => x.kind === 'dots')) {
    s.values.forEach((v, i) => {
      if (v !== null && v > 0) parts.push(`<circle cx="${n(xAt(i))}" cy="${n(yAt(s.axis, v))}" r="3.5" fill="${s.color}"/>`);
    });
  }
  for (const r of chart.references ?? []) {
    const y = yAt(r.axis, r.value);
    parts.push(
      `<line x1="${PAD.left}" x2="${n(PAD.left + plotW)}" y1="${n(y)}" y2="${n(y)}" stroke="${r.color}" stroke-width="1.5" stroke-dasharray="3 3"/>`,
    );
    parts.push(
      `<text x="${n(PAD.left + plotW - 4)}" y="${n(y - 4)}" text-anchor="end" class="ref" fill="${r.color}">${escapeXml(r.label)}</text>`,
    );
  }
  const legend = [...chart.series, ...(chart.references ?? [])]
    .map((s, i) => {
      const x = PAD.left + i * 170;
      return `<rect x="${x}" y="${height - 14}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${height - 5}" class="tick">${escapeXml(s.label)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(chart.title)}"><title>${escapeXml(chart.title)}</title><text x="${PAD.left}" y="18" class="title">${escapeXml(chart.title)}</text>${parts.join('')}${legend}</svg>`;
}

/** A grid of counts: rows × columns, darker for more. */
export interface Heatmap {
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** values[row][column]. */
  readonly values: readonly (readonly number[])[];
}

/** Draws a heatmap (e.g. weekday × hour of day). */
export function heatmap(map: Heatmap): string {
  const cell = 30;
  const left = 56;
  const top = 30;
  const width = left + cell * map.columnLabels.length + 10;
  const height = top + 18 + cell * map.rowLabels.length + 6;
  const max = Math.max(1, ...map.values.flat());
  const parts: string[] = [];
  map.columnLabels.forEach((label, c) => {
    parts.push(`<text x="${n(left + c * cell + cell / 2)}" y="${top + 12}" text-anchor="middle" class="tick">${escapeXml(label)}</text>`);
  });
  map.rowLabels.forEach((label, r) => {
    const y = top + 18 + r * cell;
    parts.push(`<text x="${left - 6}" y="${n(y + cell / 2 + 4)}" text-anchor="end" class="tick">${escapeXml(label)}</text>`);
    (map.values[r] ?? []).forEach((v, c) => {
      const shade = v === 0 ? 0 : 0.12 + 0.88 * (v / max);
      parts.push(
        `<rect x="${left + c * cell}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="rgba(37,99,235,${shade.toFixed(3)})"><title>${escapeXml(`${label} ${map.columnLabels[c] ?? ''}: ${v}`)}</title></rect>`,
      );
    });
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(map.title)}"><title>${escapeXml(map.title)}</title><text x="${left}" y="16" class="title">${escapeXml(map.title)}</text>${parts.join('')}</svg>`;
}

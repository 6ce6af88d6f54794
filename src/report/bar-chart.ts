import { fail } from "../core/errors.js";
import { escapeXml, formatNumber } from "./escape.js";
import {
  axesSvg,
  FONT_SIZE,
  type LegendEntry,
  legendSvg,
  makeFrame,
  niceDomain,
  r2,
  seriesColour,
  svgOpen,
  textWidth,
  ticks,
  wrapText,
} from "./frame.js";
import { figureId, type SvgOptions } from "./line-chart.js";

/** One group of bars (one value per category), with optional interval bounds (error bars). */
export interface BarSeries {
  readonly name: string;
  readonly values: readonly number[];
  readonly low?: readonly number[];
  readonly high?: readonly number[];
}

/** Horizontal bars, one row per category (per-class IoU, corpus scores with intervals). */
export interface BarChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  readonly valueLabel: string;
  /** Value axis domain; default [min(0, values), max(values)]. */
  readonly domain?: readonly [number, number];
}

/**
 * Renders horizontal bars: category names on the left (wrapped, never clipped: the margin grows
 * with the longest name up to 240 px), one bar per series per category with its value written at
 * its end, and error bars for series with `low`/`high`.
 */
export function barChartSvg(chart: BarChart, options: SvgOptions = {}): string {
  const fn = "barChartSvg";
  const K = chart.categories.length;
  const S = chart.series.length;
  for (const s of chart.series) {
    for (const [what, arr] of [
      ["values", s.values],
      ["low", s.low],
      ["high", s.high],
    ] as const) {
      if (arr !== undefined && arr.length !== K)
        fail(
          "shape_mismatch",
          `${fn}: series ${JSON.stringify(s.name)} has ${arr.length} ${what} for ${K} categories`,
        );
    }
  }
  const all = chart.series
    .flatMap((s) => [...s.values, ...(s.high ?? []), ...(s.low ?? [])])
    .filter(Number.isFinite);
  const domain = chart.domain ?? niceDomain([Math.min(0, ...all), Math.max(1e-12, ...all) * 1.08]);
  const labelW = Math.min(240, Math.max(40, ...chart.categories.map((c) => textWidth(c))));
  const bar = Math.max(6, Math.min(18, Math.floor(360 / Math.max(1, K * S))));
  const group = bar * S + 6;
  const lines = chart.categories.map((c) => wrapText(c, labelW));
  const rowH = chart.categories.map((_, k) => Math.max(group, lines[k]!.length * FONT_SIZE * 1.2 + 4));
  const plotH = rowH.reduce((a, b) => a + b, 0);
  const legendH = S > 1 ? S * 14 + 12 : 0;
  const frame = makeFrame(
    {
      xDomain: domain,
      yDomain: [0, 1],
      width: Math.max(440, labelW + 380),
      height: 40 + plotH + legendH + 50,
      left: labelW + 16,
      right: 40,
    },
    fn,
  );
  const id = figureId("barChartSvg", options, "bars", chart.title);
  const parts = svgOpen(frame.width, frame.height, id, chart.title);
  const bottom = frame.top + frame.plotH;
  for (const xv of ticks(frame.x)) {
    const x = r2(frame.sx(xv));
    parts.push(`<line x1="${x}" y1="${frame.top}" x2="${x}" y2="${bottom}" stroke="#e6e6e6"/>`);
    parts.push(`<text x="${x}" y="${bottom + 15}" text-anchor="middle">${formatNumber(xv)}</text>`);
  }
  parts.push(
    `<text x="${r2(frame.left + frame.plotW / 2)}" y="${frame.height - 14}" text-anchor="middle">${escapeXml(chart.valueLabel)}</text>`,
  );
  const zero = frame.sx(Math.max(domain[0], Math.min(domain[1], 0)));
  let y = frame.top + legendH;
  chart.categories.forEach((category, k) => {
    const h = rowH[k]!;
    const labelLines = lines[k]!;
    const ty = y + h / 2 - ((labelLines.length - 1) * FONT_SIZE * 1.2) / 2 + 4;
    parts.push(
      `<text x="${r2(frame.left - 6)}" y="${r2(ty)}" text-anchor="end">${labelLines.map((l, i) => `<tspan x="${r2(frame.left - 6)}" dy="${i === 0 ? 0 : FONT_SIZE * 1.2}">${escapeXml(l)}</tspan>`).join("")}</text>`,
    );
    chart.series.forEach((s, si) => {
      const v = s.values[k]!;
      const by = y + (h - group) / 2 + 3 + si * bar;
      const colour = seriesColour(si);
      if (Number.isFinite(v)) {
        const x = frame.sx(Math.max(domain[0], Math.min(domain[1], v)));
        parts.push(
          `<rect x="${r2(Math.min(x, zero))}" y="${r2(by)}" width="${r2(Math.abs(x - zero))}" height="${bar - 1}" fill="${colour}"><title>${escapeXml(`${category} ${s.name}: ${formatNumber(v)}`)}</title></rect>`,
        );
        const lo = s.low?.[k];
        const hi = s.high?.[k];
        let end = x;
        if (lo !== undefined && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi)) {
          const [xl, xh] = [frame.sx(lo), frame.sx(hi)];
          const cy = by + (bar - 1) / 2;
          parts.push(
            `<path class="interval" d="M${r2(xl)} ${r2(cy)}H${r2(xh)}M${r2(xl)} ${r2(cy - 3)}V${r2(cy + 3)}M${r2(xh)} ${r2(cy - 3)}V${r2(cy + 3)}" stroke="#222" fill="none"/>`,
          );
          end = Math.max(x, xh);
        }
        parts.push(
          `<text x="${r2(end + 4)}" y="${r2(by + bar / 2 + 3)}" font-size="9">${formatNumber(v)}</text>`,
        );
      } else {
        parts.push(
          `<text x="${r2(zero + 4)}" y="${r2(by + bar / 2 + 3)}" font-size="9" fill="#888">${String(v)}</text>`,
        );
      }
    });
    y += h;
  });
  parts.push(
    `<rect x="${frame.left}" y="${frame.top}" width="${frame.plotW}" height="${frame.plotH}" fill="none" stroke="#333"/>`,
  );
  if (S > 1) {
    const entries: LegendEntry[] = chart.series.map((s, i) => ({
      name: s.name,
      colour: seriesColour(i),
      mark: "box",
    }));
    parts.push(...legendSvg(frame, entries, "top-right"));
  }
  parts.push("</svg>");
  return parts.join("\n");
}

/** A histogram: counts of values in equal-width bins. */
export interface Histogram {
  readonly title: string;
  readonly xLabel: string;
  /** Bin edges (bins + 1, increasing) and the count in each bin. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Marks a value on the x axis (the corpus score, the mean) with a labelled vertical line. */
  readonly marks?: readonly { readonly label: string; readonly value: number }[];
}

/**
 * Equal-width bins of `values` over their range (or `domain`): edges and counts, the data of a
 * {@link Histogram}. NaN values are left out and counted in `missing`.
 */
export function histogramBins(
  values: ArrayLike<number>,
  bins = 20,
  domain?: readonly [number, number],
): { edges: number[]; counts: number[]; missing: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) missing++;
    else {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (domain) [lo, hi] = domain;
  if (!(hi > lo)) {
    const c = Number.isFinite(lo) ? lo : 0;
    lo = c - 0.5;
    hi = c + 0.5;
  }
  if (!domain) [lo, hi] = niceDomain([lo, hi]);
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + ((hi - lo) * k) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v < lo || v > hi) continue;
    counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]! += 1;
  }
  return { edges, counts, missing };
}

/** The smallest of 1, 2, 2.5 or 5 times a power of ten, times 5, at or above `v` (count axes in round steps). */
export function niceCeiling(v: number): number {
  return niceDomain([0, v])[1];
}

/** Renders a histogram as vertical bars with count ticks and optional marked values. */
export function histogramSvg(histogram: Histogram, options: SvgOptions = {}): string {
  const fn = "histogramSvg";
  const { edges, counts } = histogram;
  if (edges.length !== counts.length + 1)
    fail(
      "shape_mismatch",
      `${fn}: ${counts.length} counts need ${counts.length + 1} edges, got ${edges.length}`,
    );
  const frame = makeFrame(
    {
      xDomain: [edges[0]!, edges[edges.length - 1]!],
      yDomain: [0, niceCeiling(Math.max(1, ...counts) * 1.05)],
    },
    fn,
  );
  const id = figureId("histogramSvg", options, "histogram", histogram.title);
  const parts = svgOpen(frame.width, frame.height, id, histogram.title);
  parts.push(...axesSvg(frame, histogram.xLabel, "count"));
  counts.forEach((count, k) => {
    const x0 = frame.sx(edges[k]!);
    const x1 = frame.sx(edges[k + 1]!);
    const y = frame.sy(count);
    parts.push(
      `<rect x="${r2(x0)}" y="${r2(y)}" width="${r2(Math.max(0.5, x1 - x0 - 1))}" height="${r2(frame.top + frame.plotH - y)}" fill="${seriesColour(0)}" fill-opacity="0.8"><title>[${formatNumber(edges[k]!)}, ${formatNumber(edges[k + 1]!)}): ${count}</title></rect>`,
    );
  });
  const legend: LegendEntry[] = [];
  (histogram.marks ?? []).forEach((mark, i) => {
    if (!Number.isFinite(mark.value)) return;
    const x = r2(frame.sx(mark.value));
    const colour = seriesColour(i + 1);
    parts.push(
      `<line x1="${x}" y1="${frame.top}" x2="${x}" y2="${frame.top + frame.plotH}" stroke="${colour}" stroke-width="2" stroke-dasharray="5 3"/>`,
    );
    legend.push({ name: `${mark.label} = ${formatNumber(mark.value)}`, colour, mark: "dashed" });
  });
  parts.push(...legendSvg(frame, legend, "top-right"));
  parts.push("</svg>");
  return parts.join("\n");
}

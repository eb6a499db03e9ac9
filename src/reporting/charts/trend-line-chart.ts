import { chartFrame, type ChartText } from './chart-frame.js';
import { escapeXml } from './escape-xml.js';

export interface TrendSeries {
  /** Class suffix and legend key: `chart-line-${key}`. */
  key: string;
  label: string;
  /** One value per point; null leaves a gap (a month without a report). */
  values: readonly (number | null)[];
  colour: string;
  /** A reference line (e.g. the UMK) is drawn dashed. */
  dashed?: boolean;
}

export interface TrendPoint {
  /** Short label under the axis ("Jan 26"). */
  label: string;
  /** The whole label for titles ("Januari 2026"). */
  fullLabel: string;
}

const HEIGHT = 220;
const LEFT = 92;
const RIGHT = 12;
const TOP = 30;
const BOTTOM = 24;

/**
 * Lines over months, oldest on the left: one per series, a dot with its value in a <title> at
 * each point, gaps where a value is missing (a line never bridges a month without a report).
 * The value axis spans from min(0, lowest) to the highest value, so a loss shows below zero.
 * `formatValue` writes the axis and titles ("Rp1.500.000").
 */
export function trendLineChart(
  text: ChartText,
  points: readonly TrendPoint[],
  series: readonly TrendSeries[],
  formatValue: (value: number) => string,
  options: { width?: number } = {},
): string {
  const width = options.width ?? 640;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = points.length <= 1 ? 0 : (width - LEFT - RIGHT) / (points.length - 1);
  const x = (index: number) => round(points.length <= 1 ? LEFT + (width - LEFT - RIGHT) / 2 : LEFT + index * slot);
  const y = (value: number) => round(TOP + ((max - value) / (max - min)) * plot);

  const axis = [
    `<line class="chart-axis" x1="${LEFT}" y1="${y(0)}" x2="${width - RIGHT}" y2="${y(0)}" stroke="#888"/>`,
    `<text class="chart-value" x="${LEFT - 6}" y="${y(max) + 4}" text-anchor="end" fill="#222">${escapeXml(formatValue(max))}</text>`,
    `<text class="chart-value" x="${LEFT - 6}" y="${y(0) + 4}" text-anchor="end" fill="#222">${escapeXml(formatValue(0))}</text>`,
    min < 0 ? `<text class="chart-value" x="${LEFT - 6}" y="${y(min) + 4}" text-anchor="end" fill="#222">${escapeXml(formatValue(min))}</text>` : '',
  ].join('');
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const labels = points
    .map((point, index) =>
      (points.length - 1 - index) % labelEvery === 0
        ? `<text class="chart-label" x="${x(index)}" y="${HEIGHT - 6}" text-anchor="middle" fill="#222">${escapeXml(point.label)}</text>`
        : '',
    )
    .join('');
  const legend = series
    .map((s, index) => {
      const lx = LEFT + index * 150;
      return [
        `<line x1="${lx}" y1="12" x2="${lx + 18}" y2="12" stroke="${s.colour}" stroke-width="3"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
        `<text class="chart-legend" x="${lx + 24}" y="16" fill="#222">${escapeXml(s.label)}</text>`,
      ].join('');
    })
    .join('');
  const lines = series.map((s) => {
    const runs: string[] = [];
    let run: string[] = [];
    const dots: string[] = [];
    s.values.forEach((value, index) => {
      if (value === null || index >= points.length) {
        if (run.length > 0) runs.push(run.join(' '));
        run = [];
        return;
      }
      run.push(`${x(index)},${y(value)}`);
      if (!s.dashed) {
        dots.push(
          `<circle class="chart-dot" cx="${x(index)}" cy="${y(value)}" r="3.5" fill="${s.colour}"><title>${escapeXml(`${points[index]!.fullLabel}, ${s.label}: ${formatValue(value)}`)}</title></circle>`,
        );
      }
    });
    if (run.length > 0) runs.push(run.join(' '));
    const paths = runs.map((pointsAttr) => `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dashed ? ' stroke-dasharray="5 3"' : ''} points="${pointsAttr}"/>`);
    return `<g class="chart-line chart-line-${escapeXml(s.key)}">${paths.join('')}${dots.join('')}</g>`;
  });
  return chartFrame(text, width, HEIGHT, axis + labels + legend + lines.join(''));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

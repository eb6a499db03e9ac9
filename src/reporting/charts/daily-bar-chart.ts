import { chartFrame, formatCount, type ChartText } from './chart-frame.js';
import { escapeXml } from './escape-xml.js';

export interface DayBar {
  /** Short label under the bar ("27/11"); shown for every `labelEvery`-th day. */
  label: string;
  /** The whole date for the bar's tooltip and screen readers ("27 November 2026"). */
  fullLabel: string;
  value: number;
}

const HEIGHT = 180;
const AXIS = 20;
const TOP = 18;
/** A generous width of one character at the chart's 12 px sans-serif (digits are about 6.7). */
const LABEL_CHAR_WIDTH = 7.5;

/**
 * Vertical bars, one per day, oldest on the left, with the largest value written on the
 * value axis and each bar's value in its <title>; zero days keep their slot so gaps show.
 */
export function dailyBarChart(text: ChartText, days: readonly DayBar[], options: { width?: number; labelEvery?: number } = {}): string {
  const width = options.width ?? 600;
  const labelEvery = options.labelEvery ?? 7;
  const max = Math.max(1, ...days.map((day) => day.value));
  const plot = HEIGHT - AXIS - TOP;
  const slot = days.length === 0 ? width : (width - 40) / days.length;
  const bars = days.map((day, index) => {
    const x = 40 + index * slot;
    const height = day.value <= 0 ? 0 : Math.max(1, Math.round((day.value / max) * plot));
    const fromEnd = days.length - 1 - index;
    // Centred under its bar, except where that would run past the chart's right edge (today's
    // label, under the last and narrow bar): there it ends at the edge, so it is never clipped.
    const centre = x + slot / 2;
    const overflows = centre + (LABEL_CHAR_WIDTH * [...day.label].length) / 2 > width;
    const label =
      fromEnd % labelEvery === 0
        ? `<text class="chart-label" x="${round(overflows ? width : centre)}" y="${HEIGHT - 6}" text-anchor="${overflows ? 'end' : 'middle'}" fill="#222">${escapeXml(day.label)}</text>`
        : '';
    return [
      '<g class="chart-day">',
      `<title>${escapeXml(day.fullLabel)}: ${formatCount(day.value)}</title>`,
      `<rect class="chart-bar" x="${round(x + 1)}" y="${TOP + plot - height}" width="${round(Math.max(1, slot - 2))}" height="${height}" fill="#2f6f9f"/>`,
      label,
      '</g>',
    ].join('');
  });
  const axis = [
    `<line class="chart-axis" x1="40" y1="${TOP + plot}" x2="${width}" y2="${TOP + plot}" stroke="#888"/>`,
    `<text class="chart-value" x="34" y="${TOP + 4}" text-anchor="end" fill="#222">${formatCount(max)}</text>`,
    `<text class="chart-value" x="34" y="${TOP + plot}" text-anchor="end" fill="#222">0</text>`,
  ].join('');
  return chartFrame(text, width, HEIGHT, axis + bars.join(''));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

import { chartFrame, formatCount, type ChartText } from './chart-frame.js';
import { clipLabel } from './clip-label.js';
import { escapeXml } from './escape-xml.js';

export interface Bar {
  label: string;
  value: number;
}

const ROW = 28;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 80;

/**
 * Horizontal bars, one row each, with the label on the left and the value written after the
 * bar: a funnel when the bars are a program's stages in order (each the KPM at or beyond it).
 * Values are text in the SVG, so the chart reads without seeing the bars.
 */
export function horizontalBarChart(text: ChartText, bars: readonly Bar[], width = 600): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const track = width - LABEL_WIDTH - VALUE_WIDTH;
  const rows = bars.map((bar, index) => {
    const length = bar.value <= 0 ? 0 : Math.max(2, Math.round((bar.value / max) * track));
    const middle = ROW / 2 + 4;
    return [
      `<g class="chart-row" transform="translate(0 ${index * ROW})">`,
      `<title>${escapeXml(bar.label)}: ${formatCount(bar.value)}</title>`,
      `<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end" fill="#222">${escapeXml(clipLabel(bar.label, 30))}</text>`,
      `<rect class="chart-bar" x="${LABEL_WIDTH}" y="4" width="${length}" height="${ROW - 8}" rx="2" fill="#2f6f9f"/>`,
      `<text class="chart-value" x="${LABEL_WIDTH + length + 6}" y="${middle}" fill="#222">${formatCount(bar.value)}</text>`,
      '</g>',
    ].join('');
  });
  return chartFrame(text, width, Math.max(ROW, bars.length * ROW), rows.join(''));
}

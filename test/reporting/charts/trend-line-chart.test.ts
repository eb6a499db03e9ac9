import { describe, expect, it } from 'vitest';
import { trendLineChart } from '../../../src/reporting/charts/trend-line-chart.js';

const points = ['Jan', 'Feb', 'Mar', 'Apr'].map((label) => ({ label, fullLabel: `${label} 2026` }));
const format = (value: number) => `Rp${value}`;
const text = { id: 'trend', title: 'Omzet & <untung>', description: 'Empat bulan' };

describe('trendLineChart', () => {
  it('draws one polyline per unbroken run and leaves a gap for a month without a report', () => {
    const svg = trendLineChart(text, points, [{ key: 'sales', label: 'Omzet', values: [100, 200, null, 400], colour: '#000' }], format);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('<title>Apr 2026, Omzet: Rp400</title>');
    expect(svg).not.toContain('Mar 2026, Omzet');
  });

  it('escapes its texts and is an accessible image without scripts or style attributes', () => {
    const svg = trendLineChart(text, points, [{ key: 'sales', label: 'Omzet', values: [1, 2, 3, 4], colour: '#000' }], format);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('Omzet &amp; &lt;untung&gt;');
    expect(svg).not.toMatch(/<script|style=/);
  });

  it('puts zero above the bottom when there is a loss, and labels the lowest value', () => {
    const svg = trendLineChart(text, points, [{ key: 'profit', label: 'Untung', values: [-100, 100, 300, 300], colour: '#000' }], format);
    expect(svg).toContain('>Rp-100</text>');
    const zeroLine = /<line class="chart-axis" x1="\d+" y1="([\d.]+)"/.exec(svg)!;
    // Plot spans y 30..196; zero sits a quarter of the way up from the bottom.
    expect(Number(zeroLine[1])).toBeCloseTo(30 + (300 / 400) * 166, 0);
  });

  it('draws a dashed reference line without dots, and copes with a single month', () => {
    const svg = trendLineChart(text, points.slice(0, 1), [
      { key: 'profit', label: 'Untung', values: [500], colour: '#000' },
      { key: 'umk', label: 'UMK', values: [400], colour: '#999', dashed: true },
    ], format);
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg.match(/<circle/g)).toHaveLength(1);
    expect(svg).not.toContain('NaN');
  });
});

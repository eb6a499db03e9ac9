import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/create-translator.js';
import { dailyBarChart } from '../../../src/reporting/charts/daily-bar-chart.js';
import { horizontalBarChart } from '../../../src/reporting/charts/horizontal-bar-chart.js';
import { funnelChart, inboundChart } from '../../../src/reporting/charts/overview-charts.js';

const text = { id: 'c1', title: 'Tahap <UEP> & "lainnya"', description: "Bapak/Ibu's data" };
const widths = (svg: string) => [...svg.matchAll(/class="chart-bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
const heights = (svg: string) => [...svg.matchAll(/class="chart-bar"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('horizontalBarChart', () => {
  const svg = horizontalBarChart(text, [
    { label: 'Terdaftar', value: 1_234_567 },
    { label: '<script>alert(1)</script>', value: 617_284 },
    { label: 'Nol', value: 0 },
  ]);

  it('is an image with its title and description, tied by aria-labelledby', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Tahap &lt;UEP&gt; &amp; &quot;lainnya&quot;</title>');
    expect(svg).toContain('<desc id="c1-desc">Bapak/Ibu&#39;s data</desc>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('escapes labels and writes every value as text, the Indonesian way', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('>1.234.567</text>');
    expect(svg).toContain('<title>Nol: 0</title>');
    expect(svg).not.toMatch(/style=|<script/);
  });

  it('draws bars in proportion to the largest, an empty one for zero', () => {
    const [first, second, third] = widths(svg);
    expect(first).toBe(330);
    expect(second).toBe(165);
    expect(third).toBe(0);
  });
});

describe('dailyBarChart', () => {
  const days = Array.from({ length: 30 }, (_, index) => ({ label: `${index + 1}/11`, fullLabel: `${index + 1} November 2026`, value: index === 29 ? 40 : index === 0 ? 0 : 10 }));
  const svg = dailyBarChart({ id: 'd', title: 'Pesan', description: 'Pesan per hari' }, days);

  it('draws one bar per day in proportion, zero days kept as empty slots', () => {
    const bar = heights(svg);
    expect(bar).toHaveLength(30);
    expect(bar[0]).toBe(0);
    expect(bar[29]).toBe(142); // the whole plot height
    expect(bar[1]).toBe(Math.round(142 / 4));
    expect(svg).toContain('<title>1 November 2026: 0</title>');
    expect(svg).toContain('<title>30 November 2026: 40</title>');
  });

  it('labels every 7th day counting back from today, and the largest value on the axis', () => {
    const labels = [...svg.matchAll(/class="chart-label"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['2/11', '9/11', '16/11', '23/11', '30/11']);
  });

  it("ends today's label at the right edge instead of centring it past the edge (where it was clipped)", () => {
    const anchors = [...svg.matchAll(/<text class="chart-label" x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]+)</g)].map((m) => [m[3], Number(m[1]), m[2]]);
    expect(anchors.at(-1)).toEqual(['30/11', 600, 'end']);
    // The others stay centred under their bars, inside the chart.
    for (const [, x, anchor] of anchors.slice(0, -1)) {
      expect(anchor).toBe('middle');
      expect(x as number).toBeLessThan(600 - 20);
    }
    expect(svg).toContain('>40</text>');
  });
});

describe('overview charts', () => {
  const t = createTranslator();
  const funnel = {
    programCode: 'UEP',
    name: { id: 'Usaha Ekonomi Produktif', en: 'Productive Economic Enterprise' },
    recipients: 2500,
    stages: [
      { code: 'terdaftar', label: { id: 'Terdaftar', en: 'Registered' }, current: 500, reached: 2500 },
      { code: 'dicairkan', label: { id: 'Barang diterima', en: 'Goods received' }, current: 2000, reached: 2000 },
    ],
  };

  it('word the funnel from locales, in each language', () => {
    const id = funnelChart(funnel, t, 'id');
    expect(id).toContain('Tahap penerima Usaha Ekonomi Produktif');
    expect(id).toContain('2.500 penerima');
    expect(id).toContain('>Barang diterima</text>');
    expect(funnelChart(funnel, t, 'en')).toContain('>Goods received</text>');
  });

  it('word the daily chart from locales, with whole dates in the bar titles', () => {
    const days = [{ date: '2026-11-26', messages: 3 }, { date: '2026-11-27', messages: 1 }];
    const svg = inboundChart(days, t, 'id');
    expect(svg).toContain('Pesan masuk per hari, 2 hari terakhir');
    expect(svg).toContain('4 pesan masuk');
    expect(svg).toContain('<title>27 November 2026: 1</title>');
    expect(svg).toContain('>27/11</text>');
  });
});

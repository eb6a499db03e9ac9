import { escapeXml } from './escape-xml.js';

export interface ChartText {
  /** Unique on the page: prefixes the ids that tie the title and description to the chart. */
  id: string;
  title: string;
  /** A sentence a screen reader reads instead of the picture (e.g. the totals). */
  description: string;
}

/**
 * The outer <svg>: an image with its title and description (aria-labelledby), drawn with
 * presentation attributes and classes only — no style attribute or script, so a strict CSP
 * allows it inline, and the page's stylesheet can recolour it through the classes.
 */
export function chartFrame(text: ChartText, width: number, height: number, body: string): string {
  const id = escapeXml(text.id);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%"`,
    ` preserveAspectRatio="xMinYMin meet" aria-labelledby="${id}-title ${id}-desc" font-family="sans-serif" font-size="12">`,
    `<title id="${id}-title">${escapeXml(text.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(text.description)}</desc>`,
    body,
    '</svg>',
  ].join('');
}

/** A count the Indonesian way: 1.234.567. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

const COUNT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

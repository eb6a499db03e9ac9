import { describe, expect, it } from 'vitest';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';
import { createTranslator, type Translate } from '../../src/i18n/create-translator.js';
import { renderReply } from '../../src/i18n/render-reply.js';

const t = createTranslator();

describe('renderReply', () => {
  it('joins lines with newlines and numbers choices by position', () => {
    const spec: ReplySpec = {
      lines: [{ key: 'menu.unknown' }, { key: 'menu.prompt' }],
      choices: [
        { id: 'eligibility', key: 'menu.choice.eligibility' },
        { id: 'status', key: 'menu.choice.status' },
      ],
    };
    expect(renderReply(spec, 'id', t)).toEqual({
      kind: 'text',
      text: 'Maaf, pesan itu belum bisa saya pahami.\nSilakan balas dengan angka pilihan:',
      choices: [
        { id: 'eligibility', label: '1. Cek data bansos saya' },
        { id: 'status', label: '2. Status bantuan' },
      ],
    });
  });

  it('resolves LocalizedText params by language and formats dates', () => {
    const spec: ReplySpec = {
      lines: [
        {
          key: 'summary.program',
          params: { program: { id: 'Usaha Ekonomi Produktif', en: 'Productive Economic Enterprise' }, stage: { id: 'Ditetapkan', en: 'Decreed' }, date: '2021-05-03' },
        },
      ],
    };
    expect(renderReply(spec, 'id', t)).toEqual({ kind: 'text', text: '• Usaha Ekonomi Produktif: Ditetapkan (3 Mei 2021)' });
    expect(renderReply(spec, 'en', t)).toEqual({ kind: 'text', text: '• Productive Economic Enterprise: Decreed (3 May 2021)' });
  });

  it('leaves out `choices` when there are none and renders null params as empty', () => {
    const rendered = renderReply({ lines: [{ key: 'status.note', params: { note: null } }], choices: [] }, 'id', t);
    expect(rendered).toEqual({ kind: 'text', text: '   Catatan: ' });
  });

  it('uses only the translator it is given (pure apart from it)', () => {
    const calls: string[] = [];
    const fake: Translate = (language, key, values) => {
      calls.push(`${language}:${key}:${JSON.stringify(values ?? {})}`);
      return key.toUpperCase();
    };
    const rendered = renderReply(
      { lines: [{ key: 'a', params: { n: 1, x: { id: 'satu', en: 'one' } } }], choices: [{ id: 'c', key: 'b' }] },
      'en',
      fake,
    );
    expect(rendered).toEqual({ kind: 'text', text: 'A', choices: [{ id: 'c', label: '1. B' }] });
    expect(calls).toEqual(['en:a:{"n":1,"x":"one"}', 'en:b:{}']);
  });
});

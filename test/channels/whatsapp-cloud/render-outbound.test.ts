import { describe, expect, it } from 'vitest';
import type { Choice } from '../../../src/channels/channel-port.js';
import type { CloudMessage } from '../../../src/channels/whatsapp-cloud/cloud-message.js';
import { renderOutbound } from '../../../src/channels/whatsapp-cloud/render-outbound.js';

const MENU: Choice[] = [
  { id: 'eligibility', label: '1. Cek kelayakan' },
  { id: 'status', label: '2. Status bantuan' },
  { id: 'help', label: '3. Bantuan & tanya jawab' },
  { id: 'language', label: '4. Ganti bahasa (Language)' },
  { id: 'logout', label: '5. Keluar (putuskan chat ini dari data saya)' },
];

function sends(content: Parameters<typeof renderOutbound>[0]): CloudMessage[] {
  const rendered = renderOutbound(content);
  if (!rendered.ok) throw new Error(rendered.reason);
  return rendered.sends;
}

describe('renderOutbound', () => {
  it('plain text is one text message without link previews', () => {
    expect(sends({ kind: 'text', text: 'Halo' })).toEqual([{ type: 'text', text: { body: 'Halo', preview_url: false } }]);
  });

  it('up to three short choices become reply buttons with the choice ids', () => {
    expect(sends({ kind: 'text', text: 'Pilih:', choices: MENU.slice(0, 2) })).toEqual([
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Pilih:' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'eligibility', title: '1. Cek kelayakan' } },
              { type: 'reply', reply: { id: 'status', title: '2. Status bantuan' } },
            ],
          },
        },
      },
    ]);
  });

  it('more than three choices, or a label over 20 characters, become a list; a cut title keeps the label in the description', () => {
    const [message] = sends({ kind: 'text', text: 'Pilih:', choices: MENU });
    expect(message).toEqual({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Pilih:' },
        action: {
          button: '☰ 1–5',
          sections: [
            {
              rows: [
                { id: 'eligibility', title: '1. Cek kelayakan' },
                { id: 'status', title: '2. Status bantuan' },
                { id: 'help', title: '3. Bantuan & tanya jawab' },
                { id: 'language', title: '4. Ganti bahasa (Langua…', description: '4. Ganti bahasa (Language)' },
                { id: 'logout', title: '5. Keluar (putuskan cha…', description: '5. Keluar (putuskan chat ini dari data saya)' },
              ],
            },
          ],
        },
      },
    });
    // Three choices, one too long for a button: a list, not buttons.
    const [three] = sends({ kind: 'text', text: 'Pilih:', choices: [MENU[0]!, MENU[1]!, MENU[2]!] });
    expect(three?.type === 'interactive' && three.interactive.type).toBe('list');
  });

  it('more than ten choices become numbered text', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `c${i}`, label: `${i + 1}. Pilihan` }));
    expect(sends({ kind: 'text', text: 'Pilih:', choices: many })).toEqual([
      { type: 'text', text: { body: `Pilih:\n\n${many.map((choice) => choice.label).join('\n')}`, preview_url: false } },
    ]);
  });

  it('splits long text at 4,096 characters; the choices ride on the last piece, whose body stays within 1,024', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(4, '0')} ${'kata '.repeat(8).trim()}`);
    const result = sends({ kind: 'text', text: lines.join('\n'), choices: MENU });
    const last = result.at(-1)!;
    expect(last.type).toBe('interactive');
    const bodies = result.map((message) => (message.type === 'text' ? message.text.body : message.type === 'interactive' ? message.interactive.body.text : ''));
    for (const body of bodies.slice(0, -1)) expect(body.length).toBeLessThanOrEqual(4096);
    expect(bodies.at(-1)!.length).toBeLessThanOrEqual(1024);
    expect(bodies.join('\n').split('\n')).toEqual(lines);
  });

  it('images go by media id; a caption over 1,024 characters follows as text', () => {
    expect(sends({ kind: 'image', mediaRef: 'whatsapp-cloud:media:778899', caption: 'Bukti' })).toEqual([{ type: 'image', image: { id: '778899', caption: 'Bukti' } }]);
    const long = 'x'.repeat(1500);
    expect(sends({ kind: 'image', mediaRef: 'whatsapp-cloud:media:778899', caption: long })).toEqual([
      { type: 'image', image: { id: '778899' } },
      { type: 'text', text: { body: long, preview_url: false } },
    ]);
  });

  it('refuses blank text and media it cannot resolve, with a reason', () => {
    expect(renderOutbound({ kind: 'text', text: ' \n ' })).toEqual({ ok: false, reason: 'empty text' });
    expect(renderOutbound({ kind: 'image', mediaRef: 'telegram:file:abc' })).toEqual({ ok: false, reason: 'media reference not resolvable on whatsapp-cloud' });
  });
});

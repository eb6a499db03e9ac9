import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/create-translator.js';
import { renderReply } from '../../src/i18n/render-reply.js';
import { recapReply } from '../../src/report-review/recap-reply.js';
import type { ReplySpec } from '../../flows/kpm-assistant/contract.js';

const render = (reply: ReplySpec, language: 'id' | 'en') => {
  const content = renderReply(reply, language, createTranslator());
  return content.kind === 'text' ? content.text : '';
};

const month = { id: 'November 2026', en: 'November 2026' };
const group = (name: string, missing: string[], reported: number) => ({
  groupId: 1, name, programCode: 'UEP', members: reported + missing.length, reported, notReported: missing.length, running: reported,
  missing: missing.map((fullName, i) => ({ recipientId: i + 1, fullName })),
});

describe('recapReply', () => {
  it("lists each group's counts and who has not reported, in Indonesian and English", () => {
    const reply = recapReply([group('KUBE Mawar', ['Dewi Contoh', 'Asep Fiktif'], 9), group('KUBE Melati', [], 5)], month);
    const id = render(reply, 'id');
    expect(id).toContain('Rekap laporan usaha bulan November 2026');
    expect(id).toContain('*KUBE Mawar*: 9 dari 11 sudah lapor, 9 usaha masih jalan.');
    expect(id).toContain('Belum lapor: Dewi Contoh, Asep Fiktif.');
    expect(id).toContain('Semua anggota sudah lapor');
    expect(render(reply, 'en')).toContain('Not reported yet: Dewi Contoh, Asep Fiktif.');
  });

  it('names ten and counts the rest, and says when there are no groups', () => {
    const names = Array.from({ length: 13 }, (_, i) => `Nama ${i + 1}`);
    const text = render(recapReply([group('Besar', names, 0)], month), 'id');
    expect(text).toContain('Nama 10, dan 3 lainnya');
    expect(text).not.toContain('Nama 11');
    expect(render(recapReply([], month), 'id')).toContain('Belum ada kelompok');
  });
});

import { choiceIds } from './choice-ids.js';
import type { ReplySpec } from './contract.js';
import type { ChoiceOption } from './match-choice.js';

/** A numbered choice: how it is labelled (a translation key) and how it is recognised. */
export interface PromptOption extends ChoiceOption {
  key: string;
}

/** The questions that end in numbered choices. */
export type PromptName = 'menu' | 'language' | 'rejected' | 'nikTrouble';

const MENU: readonly PromptOption[] = [
  {
    id: choiceIds.eligibility,
    key: 'menu.choice.eligibility',
    words: ['kelayakan', 'layak', 'nik', 'eligibility', 'eligible', 'terdaftar', 'daftar'],
    // "cek" alone means this, but "cek status" means status.
    weakWords: ['cek', 'check', 'periksa', 'lihat'],
  },
  {
    id: choiceIds.status,
    key: 'menu.choice.status',
    words: ['status', 'pencairan', 'cair', 'dicairkan', 'penyaluran', 'disalurkan', 'tahap', 'tahapan', 'progress'],
  },
  { id: choiceIds.help, key: 'menu.choice.help', words: ['faq', 'tanya', 'pertanyaan', 'info', 'informasi', 'panduan'] },
  { id: choiceIds.language, key: 'menu.choice.language', words: ['bahasa', 'language'] },
];
// Only offered to a linked chat: there is nothing to unlink otherwise.
const LOGOUT: PromptOption = {
  id: choiceIds.logout,
  key: 'menu.choice.logout',
  words: ['keluar', 'logout', 'putus', 'putuskan', 'unlink'],
};
// Linked chats only, after "keluar" so the numbers before it never move (flows/progress-report).
const REPORT_BUSINESS: PromptOption = {
  id: choiceIds.reportBusiness,
  key: 'menu.choice.reportBusiness',
  words: ['usaha', 'perkembangan', 'omzet', 'omset', 'business'],
};

const LANGUAGE: readonly PromptOption[] = [
  { id: choiceIds.languageId, key: 'language.choice.id', words: ['indonesia', 'indo', 'id'] },
  { id: choiceIds.languageEn, key: 'language.choice.en', words: ['english', 'inggris', 'en'] },
];

const MENU_CHOICE: PromptOption = { id: choiceIds.menu, key: 'common.choice.menu', words: ['menu'] };

const REJECTED: readonly PromptOption[] = [
  { id: choiceIds.retry, key: 'verify.choice.retry', words: ['coba', 'lagi', 'ulang', 'ulangi', 'retry'] },
  MENU_CHOICE,
];

const NIK_TROUBLE: readonly PromptOption[] = [
  { id: choiceIds.retry, key: 'nik.trouble.choice.retry', words: ['coba', 'lagi', 'ulang', 'ulangi', 'ketik', 'retry'] },
  { id: choiceIds.help, key: 'nik.trouble.choice.help', words: ['faq', 'tanya', 'info', 'panduan'] },
  MENU_CHOICE,
];

/** The options of a prompt, in the order they are numbered. */
export function promptOptions(prompt: PromptName, linked: boolean): readonly PromptOption[] {
  switch (prompt) {
    case 'menu':
      return linked ? [...MENU, LOGOUT, REPORT_BUSINESS] : MENU;
    case 'language':
      return LANGUAGE;
    case 'rejected':
      return REJECTED;
    case 'nikTrouble':
      return NIK_TROUBLE;
  }
}

/** The prompt's options as reply choices. */
export function choicesOf(prompt: PromptName, linked: boolean): NonNullable<ReplySpec['choices']> {
  return promptOptions(prompt, linked).map(({ id, key }) => ({ id, key }));
}

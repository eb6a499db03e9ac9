import { choiceIds } from './choice-ids.js';
import type { FlowEvent, FlowInboundContent, Language } from './contract.js';
import { normaliseText } from './normalise-text.js';

type GlobalEvent = Extract<FlowEvent, { type: 'MENU' | 'HELP' | 'LANGUAGE' | 'LOGOUT' | 'ERASE' | 'REMINDERS' }>;

/** Whole messages that are a command wherever the person is (after `normaliseText`). */
const COMMANDS: ReadonlyArray<[GlobalEvent, readonly string[]]> = [
  [{ type: 'MENU' }, ['menu', 'menu utama', 'main menu', 'kembali', 'mulai lagi', 'ulang', 'start', 'home', 'back', '/start', '/menu']],
  [{ type: 'MENU', reason: 'cancel' }, ['batal', 'batalkan', 'cancel', 'gak jadi', 'nggak jadi', 'tidak jadi', 'ga jadi', '/batal', '/cancel']],
  [{ type: 'HELP' }, ['bantuan', 'faq', 'help', 'tolong', '/help', '/bantuan', '/faq']],
  [{ type: 'LANGUAGE' }, ['bahasa', 'ganti bahasa', 'pilih bahasa', 'language', 'change language', '/bahasa', '/language']],
  [{ type: 'LANGUAGE', language: 'en' }, ['english', 'inggris', 'bahasa inggris', 'in english', 'english please']],
  [{ type: 'LANGUAGE', language: 'id' }, ['bahasa indonesia', 'indonesia', 'indonesian']],
  [{ type: 'LOGOUT' }, ['keluar', 'logout', 'log out', 'unlink', '/keluar', '/logout']],
  // Reminders and broadcasts: BERHENTI stops them, MULAI resumes them (and shows the menu).
  [{ type: 'REMINDERS', on: false, word: 'berhenti' }, ['berhenti']],
  [{ type: 'REMINDERS', on: false, word: 'stop' }, ['stop']],
  [{ type: 'REMINDERS', on: false }, ['berhenti pengingat', 'stop pengingat', 'berhenti pengumuman', 'unsubscribe', '/stop', '/berhenti']],
  [{ type: 'REMINDERS', on: true }, ['mulai', 'mulai pengingat', 'aktifkan pengingat', 'resume', 'subscribe', '/mulai']],
  [{ type: 'ERASE' }, ['hapus data saya', 'hapus data', 'hapus semua data saya', 'hapus data chat saya', 'hapus chat saya', 'delete my data', 'erase my data', 'forget me', '/hapus', '/hapusdata', '/erase']],
];

/**
 * Greetings open the menu: someone who says "halo" mid-step wants to start over, not to have
 * "halo" read as a NIK or a name. Words of address ("kak", "min", "pak") may follow.
 */
const SALAMS = new Set([
  'assalamualaikum', 'assalamu alaikum', 'asalamualaikum', 'assalamualaikum wr wb', 'assalamualaikum warahmatullahi wabarakatuh',
  'assalamu alaikum warahmatullahi wabarakatuh', 'assalamualaikum warahmatullah', 'assalamu alaikum wr wb', 'salamualaikum',
  'samlekom', 'ass', 'askum', 'aslm', 'assalamualaikum wr', 'assalamu alaikum wr',
]);
const GREETINGS = new Set([
  'halo', 'hallo', 'helo', 'hello', 'hai', 'hay', 'hi', 'hey', 'p', 'ping', 'permisi', 'salam',
  'selamat pagi', 'selamat siang', 'selamat sore', 'selamat malam', 'met pagi', 'met siang', 'met sore', 'met malam',
  'good morning', 'good afternoon', 'good evening',
]);
const ADDRESS_WORDS = new Set([
  'kak', 'ka', 'kakak', 'min', 'admin', 'mimin', 'pak', 'bapak', 'bu', 'ibu', 'mas', 'mbak', 'mba', 'bang',
  'gan', 'sis', 'bot', 'semua', 'wr', 'wb', 'there',
]);

const CHOICE_COMMANDS: Readonly<Record<string, GlobalEvent>> = {
  [choiceIds.menu]: { type: 'MENU' },
  [choiceIds.help]: { type: 'HELP' },
  [choiceIds.language]: { type: 'LANGUAGE' },
  [choiceIds.languageId]: { type: 'LANGUAGE', language: 'id' satisfies Language },
  [choiceIds.languageEn]: { type: 'LANGUAGE', language: 'en' satisfies Language },
  [choiceIds.logout]: { type: 'LOGOUT' },
};

/**
 * Turns what a person sent into the event the flow understands; global commands are
 * recognised here so every step honours them alike.
 *
 * @example toFlowEvent({ kind: 'text', text: 'Batal' }) // { type: 'MENU', reason: 'cancel' }
 */
export function toFlowEvent(content: FlowInboundContent): FlowEvent {
  switch (content.kind) {
    case 'text':
      return commandOf(content.text) ?? { type: 'TEXT', text: content.text };
    case 'choice': {
      const command = CHOICE_COMMANDS[content.choiceId];
      return command ? { ...command } : { type: 'CHOICE', choiceId: content.choiceId };
    }
    case 'image':
      return content.caption === undefined
        ? { type: 'IMAGE', mediaRef: content.mediaRef }
        : { type: 'IMAGE', mediaRef: content.mediaRef, caption: content.caption };
    case 'location':
      return { type: 'LOCATION', latitude: content.latitude, longitude: content.longitude };
    case 'unsupported':
      return { type: 'UNSUPPORTED' };
  }
}

function commandOf(text: string): GlobalEvent | null {
  const normalised = normaliseText(text);
  // Telegram adds the bot's name ("/start@KpmBot") or a deep-link payload ("/start abc").
  const phrase = normalised.startsWith('/') ? (normalised.split(' ')[0] ?? '') : normalised;
  for (const [event, phrases] of COMMANDS) {
    if (phrases.includes(phrase)) return { ...event };
  }
  const greeting = withoutAddress(normalised);
  // A salam is answered with a salam: the menu is told why it is shown.
  if (SALAMS.has(greeting)) return { type: 'MENU', reason: 'salam' };
  return GREETINGS.has(greeting) ? { type: 'MENU' } : null;
}

/** The message without the words of address that may follow a greeting ("halo kak"). */
function withoutAddress(normalised: string): string {
  const words = normalised.split(' ');
  while (words.length > 1 && ADDRESS_WORDS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

import type { Choice } from '../channel-port.js';
import { CLOUD_LIMITS, type Interactive } from './cloud-message.js';

/**
 * Choices as tappable WhatsApp controls: up to three reply buttons when every label fits a
 * button title, else a list of up to ten rows (a cut title keeps the whole label in the row's
 * description). Undefined when neither fits; the caller then writes numbered text. Labels
 * already carry their number ("1. Cek kelayakan"), so a tap and a typed "1" read alike.
 */
export function interactiveFor(body: string, choices: Choice[]): Interactive | undefined {
  if (choices.length === 0 || body.length > CLOUD_LIMITS.interactiveBody || !distinct(choices.map((choice) => choice.id))) {
    return undefined;
  }
  if (fitsButtons(choices)) {
    return {
      type: 'button',
      body: { text: body },
      action: { buttons: choices.map((choice) => ({ type: 'reply', reply: { id: choice.id, title: choice.label } })) },
    };
  }
  if (choices.length > CLOUD_LIMITS.listRows || choices.some((choice) => choice.id.length > CLOUD_LIMITS.rowId)) return undefined;
  const rows = choices.map((choice) => {
    const title = cut(choice.label, CLOUD_LIMITS.rowTitle);
    return title === choice.label ? { id: choice.id, title } : { id: choice.id, title, description: cut(choice.label, CLOUD_LIMITS.rowDescription) };
  });
  if (!distinct(rows.map((row) => row.title))) return undefined;
  return { type: 'list', body: { text: body }, action: { button: listButtonText(choices.length), sections: [{ rows }] } };
}

function fitsButtons(choices: Choice[]): boolean {
  return (
    choices.length <= CLOUD_LIMITS.replyButtons &&
    choices.every((choice) => choice.label.trim() !== '' && choice.label.length <= CLOUD_LIMITS.buttonTitle && choice.id.length <= CLOUD_LIMITS.buttonId) &&
    distinct(choices.map((choice) => choice.label))
  );
}

/**
 * The button that opens the list. Flows give no words for it, and code holds no user-facing
 * sentences, so it names the numbers it offers ("☰ 1–5"), which reads the same in any language.
 */
function listButtonText(count: number): string {
  return `☰ 1–${count}`;
}

/** At most `max` UTF-16 units, ending in "…" when shortened, never splitting an emoji. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const before = text.charCodeAt(end - 1);
  if (before >= 0xd800 && before <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

function distinct(values: string[]): boolean {
  return new Set(values).size === values.length;
}

import type { Language, LineSpec, LocalizedText, ReplySpec } from '../../flows/kpm-assistant/contract.js';
import type { Choice, OutboundContent } from '../channels/channel-port.js';
import type { Translate, TranslationValues } from './create-translator.js';

/**
 * Turns a flow's `ReplySpec` into a message: lines translated and joined by newlines, choices
 * labelled with their position ("1. Cek kelayakan"), so typing "1" and tapping a button agree.
 */
export function renderReply(spec: ReplySpec, language: Language, t: Translate): OutboundContent {
  const text = spec.lines.map((line) => t(language, line.key, resolveParams(line.params, language))).join('\n');
  if (!spec.choices?.length) return { kind: 'text', text };
  const choices: Choice[] = spec.choices.map((choice, index) => ({
    id: choice.id,
    label: `${index + 1}. ${t(language, choice.key, resolveParams(choice.params, language))}`,
  }));
  return { kind: 'text', text, choices };
}

function resolveParams(params: LineSpec['params'], language: Language): TranslationValues | undefined {
  if (!params) return undefined;
  const values: TranslationValues = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] = value === null ? '' : isLocalized(value) ? value[language] : value;
  }
  return values;
}

function isLocalized(value: string | number | LocalizedText): value is LocalizedText {
  return typeof value === 'object';
}

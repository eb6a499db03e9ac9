import type { OutboundContent } from './channel-port.js';

/** For channels without buttons: the body, a blank line, then one numbered choice per line. */
export function renderChoicesAsText(content: Extract<OutboundContent, { kind: 'text' }>): string {
  if (!content.choices?.length) return content.text;
  return `${content.text}\n\n${content.choices.map((choice) => choice.label).join('\n')}`;
}

/**
 * The message objects this adapter posts to `POST /{phone-number-id}/messages`, without the
 * envelope (`messaging_product`, `to`) that `postMessage` adds. Only the shapes we send.
 */

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export type Interactive =
  | { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } }
  | { type: 'list'; body: { text: string }; action: { button: string; sections: Array<{ rows: ListRow[] }> } };

export type CloudMessage =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'interactive'; interactive: Interactive }
  | { type: 'image'; image: { id: string; caption?: string } }
  | {
      type: 'template';
      template: {
        name: string;
        language: { code: string };
        components?: Array<{ type: 'body'; parameters: Array<{ type: 'text'; text: string }> }>;
      };
    };

/** Limits the Cloud API enforces on what we send (characters). */
export const CLOUD_LIMITS = {
  text: 4096,
  interactiveBody: 1024,
  caption: 1024,
  replyButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  listButton: 20,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
} as const;

export function textMessage(body: string): CloudMessage {
  // No link previews: they cost data on cheap plans and a preview can misrepresent a link.
  return { type: 'text', text: { body, preview_url: false } };
}

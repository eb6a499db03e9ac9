import type { ContactView, LineSpec, ReplySpec } from '../contract.js';
import type { Topic } from '../read-topic.js';
import { contactLines } from './contact-lines.js';
import { menuReply } from './menu-reply.js';

/** What each topic says before the contact; the FAQ is the short list of questions. */
const TOPIC_LINES: Record<Topic, LineSpec[]> = {
  faq: [
    { key: 'help.title' },
    { key: 'help.what' },
    { key: 'help.privacy' },
    { key: 'help.erase' },
    { key: 'help.cut' },
    { key: 'help.register' },
    { key: 'help.facilitator' },
    { key: 'help.contact' },
  ],
  report: [{ key: 'topic.report' }, { key: 'topic.reportHow' }, { key: 'topic.contactIntro' }],
  lostCard: [{ key: 'topic.lostCard' }, { key: 'topic.contactIntro' }],
  schedule: [{ key: 'topic.schedule' }, { key: 'topic.contactIntro' }],
  register: [{ key: 'topic.register' }, { key: 'topic.registerCheck' }, { key: 'topic.contactIntro' }],
  facilitator: [{ key: 'topic.facilitator' }, { key: 'topic.contactIntro' }],
};

/**
 * The FAQ, or a pointer for a request the bot cannot serve itself (reporting cut aid, a lost
 * KKS card, mentoring schedules, being registered, the facilitator's number), each ending with
 * the contact that fits the chat: its KPM's regency, else the province.
 */
export function helpReply(linked: boolean, topic: Topic | null, contact: ContactView | null): ReplySpec {
  return menuReply(linked, [...TOPIC_LINES[topic ?? 'faq'], ...contactLines(contact)]);
}

import { askNameReply, nameIsNikReply, nameProblemReply } from '../../replies/verification-replies.js';
import { smallTalkReply } from '../../replies/simple-replies.js';
import { readName } from '../../read-name.js';
import { smallTalkOf } from '../../read-small-talk.js';
import { kpmSetup, reply } from '../../setup.js';

/** The second factor where the platform does not vouch for the phone: the name on the KTP. */
export const askingNameState = kpmSetup.createStateConfig({
  entry: reply(askNameReply),
  on: {
    TEXT: [
      // "ok", "terima kasih" are not names: checking them would waste an attempt.
      {
        guard: 'smallTalk',
        actions: {
          type: 'reply',
          params: ({ event }) => smallTalkReply(smallTalkOf(event.text) ?? 'yes', [{ key: 'name.ask' }]),
        },
      },
      // The NIK again (people resend it when unsure): say that it is the NIK and the name comes next.
      { guard: 'validNik', actions: reply(nameIsNikReply) },
      { guard: 'validName', target: 'checkingName' },
      {
        actions: {
          type: 'reply',
          params: ({ event }) => {
            const reading = readName(event.text);
            return reading.ok ? askNameReply() : nameProblemReply(reading.problem);
          },
        },
      },
    ],
    CHOICE: { actions: reply(askNameReply) },
  },
});

import { askNameReply, nameProblemReply } from '../../replies/verification-replies.js';
import { readName } from '../../read-name.js';
import { kpmSetup, reply } from '../../setup.js';

/** The second factor where the platform does not vouch for the phone: the name on the KTP. */
export const askingNameState = kpmSetup.createStateConfig({
  entry: reply(askNameReply),
  on: {
    TEXT: [
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

import { choiceIds } from '../choice-ids.js';
import { choicesOf } from '../prompts.js';
import { chooseAgainReply, chooseLanguageReply } from '../replies/simple-replies.js';
import { kpmSetup, reply } from '../setup.js';

function onLanguageInput() {
  return [
    {
      guard: { type: 'picked', params: { prompt: 'language', id: choiceIds.languageId } },
      actions: kpmSetup.raise({ type: 'LANGUAGE', language: 'id' }),
    },
    {
      guard: { type: 'picked', params: { prompt: 'language', id: choiceIds.languageEn } },
      actions: kpmSetup.raise({ type: 'LANGUAGE', language: 'en' }),
    },
    { actions: reply(() => chooseAgainReply(choicesOf('language', false))) },
  ] as const;
}

/** "1 Bahasa Indonesia / 2 English"; the choice itself is applied by the root LANGUAGE handler. */
export const choosingLanguageState = kpmSetup.createStateConfig({
  entry: reply(() => chooseLanguageReply()),
  on: { TEXT: onLanguageInput(), CHOICE: onLanguageInput() },
});

/**
 * Ids of the numbered choices the flow offers. Ids that name a global command are turned into
 * that command by `toFlowEvent`, so an old button still works at any step.
 */
export const choiceIds = {
  eligibility: 'eligibility',
  status: 'status',
  help: 'help',
  language: 'language',
  logout: 'logout',
  reportBusiness: 'reportBusiness',
  menu: 'menu',
  retry: 'retry',
  languageId: 'language-id',
  languageEn: 'language-en',
} as const;

export type ChoiceId = (typeof choiceIds)[keyof typeof choiceIds];

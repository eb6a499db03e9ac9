import { kpmSetup } from '../../setup.js';
import { askingKkState } from './asking-kk-state.js';
import { askingNameState } from './asking-name-state.js';
import { askingNikState } from './asking-nik-state.js';
import { checkingGateState } from './checking-gate-state.js';
import { checkingKkState } from './checking-kk-state.js';
import { checkingNameState } from './checking-name-state.js';
import { checkingNikState } from './checking-nik-state.js';
import { nikTroubleState } from './nik-trouble-state.js';

/**
 * Proving who you are: gate (is this chat locked?), NIK, then — when the platform does not vouch
 * for the phone — the name on the KTP, or the KK number while name checks on that NIK are
 * slowed (too many failures on it, possibly from other chats). The NIK lives in context only inside this state: leaving
 * it, whichever way (verified, rejected, locked, error, MENU, idle reset), forgets it.
 */
export const verificationState = kpmSetup.createStateConfig({
  initial: 'checkingGate',
  entry: 'resetInvalidNiks',
  exit: 'forgetNik',
  states: {
    checkingGate: checkingGateState,
    askingNik: askingNikState,
    nikTrouble: nikTroubleState,
    checkingNik: checkingNikState,
    askingName: askingNameState,
    checkingName: checkingNameState,
    askingKk: askingKkState,
    checkingKk: checkingKkState,
  },
});

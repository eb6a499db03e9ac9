import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { fromMessageUpdate, fromReceiptUpdate } from '../../../src/channels/whatsapp-baileys/to-delivery-update.js';
import { RATE_LIMIT_WAIT_MS, toSendResult } from '../../../src/channels/whatsapp-baileys/to-send-result.js';
import { reconnectDelayMs } from '../../../src/channels/whatsapp-baileys/reconnect-delay.js';
import { baileysErrors, boomError } from '../../support/baileys-stand-in.js';
import { SITI_PN_JID } from '../../support/baileys-messages.js';

describe('Baileys send errors → SendResult', () => {
  it('rate-overlimit waits a long minute', () => {
    expect(toSendResult(baileysErrors.rateOverlimit())).toEqual({ status: 'rate-limited', retryAfterMs: RATE_LIMIT_WAIT_MS, reason: 'whatsapp 429: rate-overlimit' });
    expect(RATE_LIMIT_WAIT_MS).toBeGreaterThanOrEqual(30_000);
  });

  it('a closed or replaced connection, a timeout, a logout, network trouble: try again later', () => {
    for (const error of [
      baileysErrors.connectionClosed(),
      baileysErrors.connectionLost(),
      baileysErrors.restartRequired(),
      baileysErrors.loggedOut(),
      boomError('Timed Out', { statusCode: 408 }),
      boomError('Stream Errored (conflict)', { statusCode: 440 }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ]) {
      expect(toSendResult(error).status).toBe('transient-error');
    }
  });

  it('an unknown recipient, a bad JID, an account restriction: failed for good', () => {
    expect(toSendResult(baileysErrors.itemNotFound())).toEqual({ status: 'failed', reason: 'whatsapp 404: item-not-found' });
    expect(toSendResult(baileysErrors.badRequest())).toEqual({ status: 'failed', reason: 'whatsapp 400' });
    expect(toSendResult(boomError('not-acceptable', { data: 406 })).status).toBe('failed');
    expect(toSendResult(boomError('', { data: 463 })).status).toBe('failed');
    expect(toSendResult(new TypeError("Cannot read properties of undefined (reading 'id')"))).toEqual({ status: 'failed', reason: 'unexpected error: TypeError' });
  });

  it('never copies an error message that could hold a JID into the reason', () => {
    const result = toSendResult(boomError(`Unable to resolve LID for PN JID: ${SITI_PN_JID}`, { statusCode: 400 }));
    expect(result.reason).not.toContain('6281200000001');
  });
});

describe('Baileys receipts → delivery updates', () => {
  const key = { remoteJid: SITI_PN_JID, fromMe: true, id: '3EB0SENT' };
  const Status = proto.WebMessageInfo.Status;

  it('maps server ack, delivery, read and played; ignores pending and other people’s messages', () => {
    expect(fromMessageUpdate({ key, update: { status: Status.SERVER_ACK } })).toEqual({ channel: 'whatsapp', externalId: '3EB0SENT', status: 'sent' });
    expect(fromMessageUpdate({ key, update: { status: Status.DELIVERY_ACK } })?.status).toBe('delivered');
    expect(fromMessageUpdate({ key, update: { status: Status.READ } })?.status).toBe('read');
    expect(fromMessageUpdate({ key, update: { status: Status.PLAYED } })?.status).toBe('read');
    expect(fromMessageUpdate({ key, update: { status: Status.PENDING } })).toBeUndefined();
    expect(fromMessageUpdate({ key, update: { message: null } })).toBeUndefined();
    expect(fromMessageUpdate({ key: { ...key, fromMe: false }, update: { status: Status.READ } })).toBeUndefined();
  });

  it('an error ack is a failure carrying WhatsApp’s code', () => {
    expect(fromMessageUpdate({ key, update: { status: Status.ERROR, messageStubParameters: ['463'] } })).toEqual({
      channel: 'whatsapp',
      externalId: '3EB0SENT',
      status: 'failed',
      reason: 'whatsapp error 463',
    });
  });

  it('reads per-user receipts too', () => {
    expect(fromReceiptUpdate({ key, receipt: { userJid: SITI_PN_JID, receiptTimestamp: 1_732_150_000 } })?.status).toBe('delivered');
    expect(fromReceiptUpdate({ key, receipt: { userJid: SITI_PN_JID, receiptTimestamp: 1, readTimestamp: 2 } })?.status).toBe('read');
    expect(fromReceiptUpdate({ key, receipt: { userJid: SITI_PN_JID } })).toBeUndefined();
  });
});

describe('reconnect backoff', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles from the first wait and stops at about a minute', () => {
    const middle = (failures: number) => reconnectDelayMs(failures, policy, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(middle)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('spreads attempts by ±20% but never past the cap', () => {
    expect(reconnectDelayMs(3, policy, () => 0)).toBe(3_200);
    expect(reconnectDelayMs(3, policy, () => 0.999999)).toBe(4_800);
    expect(reconnectDelayMs(12, policy, () => 0.999999)).toBe(60_000);
  });
});

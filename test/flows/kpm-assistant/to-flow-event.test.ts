import { describe, expect, it } from 'vitest';
import type { InboundContent } from '../../../src/channels/channel-port.js';
import { toFlowEvent } from '../../../flows/kpm-assistant/to-flow-event.js';

const text = (value: string) => toFlowEvent({ kind: 'text', text: value });

describe('toFlowEvent', () => {
  it.each([
    ['menu', { type: 'MENU' }],
    ['MENU', { type: 'MENU' }],
    ['Batal', { type: 'MENU', reason: 'cancel' }],
    ['kembali!', { type: 'MENU' }],
    ['mulai', { type: 'REMINDERS', on: true }],
    ['/start', { type: 'MENU' }],
    ['/start@KpmBantuanBot', { type: 'MENU' }],
    ['/start ref-123', { type: 'MENU' }],
    ['halo', { type: 'MENU' }],
    ['Halo min', { type: 'MENU' }],
    ['hai kak', { type: 'MENU' }],
    ['Assalamualaikum wr wb', { type: 'MENU', reason: 'salam' }],
    ['Selamat siang, Bu', { type: 'MENU' }],
    ['p', { type: 'MENU' }],
    ['bantuan', { type: 'HELP' }],
    ['FAQ', { type: 'HELP' }],
    ['help', { type: 'HELP' }],
    ['/help', { type: 'HELP' }],
    ['bahasa', { type: 'LANGUAGE' }],
    ['language', { type: 'LANGUAGE' }],
    ['English', { type: 'LANGUAGE', language: 'en' }],
    ['bahasa indonesia', { type: 'LANGUAGE', language: 'id' }],
    ['keluar', { type: 'LOGOUT' }],
    ['logout', { type: 'LOGOUT' }],
  ])('"%s" is %o', (input, event) => {
    expect(text(input)).toEqual(event);
  });

  it.each(['status bantuan', 'cek bantuan', 'halo saya mau cek', 'selamat', 'Siti Aminah', '3604011508850001', 'menu 1', '/unknown'])(
    '"%s" stays TEXT for the current step',
    (input) => {
      expect(text(input)).toEqual({ type: 'TEXT', text: input });
    },
  );

  it('maps buttons that name a global command to that command, others to CHOICE', () => {
    expect(toFlowEvent({ kind: 'choice', choiceId: 'menu' })).toEqual({ type: 'MENU' });
    expect(toFlowEvent({ kind: 'choice', choiceId: 'help' })).toEqual({ type: 'HELP' });
    expect(toFlowEvent({ kind: 'choice', choiceId: 'language' })).toEqual({ type: 'LANGUAGE' });
    expect(toFlowEvent({ kind: 'choice', choiceId: 'language-en' })).toEqual({ type: 'LANGUAGE', language: 'en' });
    expect(toFlowEvent({ kind: 'choice', choiceId: 'logout' })).toEqual({ type: 'LOGOUT' });
    expect(toFlowEvent({ kind: 'choice', choiceId: 'status', text: 'Status bantuan' })).toEqual({ type: 'CHOICE', choiceId: 'status' });
  });

  it('passes media, locations and anything else through as their own events', () => {
    expect(toFlowEvent({ kind: 'image', mediaRef: 'm/1', caption: 'menu' })).toEqual({ type: 'IMAGE', mediaRef: 'm/1', caption: 'menu' });
    expect(toFlowEvent({ kind: 'image', mediaRef: 'm/1' })).toEqual({ type: 'IMAGE', mediaRef: 'm/1' });
    expect(toFlowEvent({ kind: 'location', latitude: -6.12, longitude: 106.15 })).toEqual({ type: 'LOCATION', latitude: -6.12, longitude: 106.15 });
    expect(toFlowEvent({ kind: 'unsupported', platformType: 'sticker' })).toEqual({ type: 'UNSUPPORTED' });
  });

  it('accepts the channel port InboundContent as it is (structural typing)', () => {
    const content: InboundContent = { kind: 'image', mediaRef: 'm/2', mimeType: 'image/jpeg' };
    expect(toFlowEvent(content)).toEqual({ type: 'IMAGE', mediaRef: 'm/2' });
  });
});

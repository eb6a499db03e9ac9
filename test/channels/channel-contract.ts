import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, OutboundContent, SendResult } from '../../src/channels/channel-port.js';

/**
 * The contract every channel adapter passes (Telegram, WhatsApp via Baileys, WhatsApp Cloud
 * API, console). Each adapter's test file calls `runChannelContract` with a harness that
 * builds the adapter against its stand-in platform, reads back what the "platform" received,
 * and injects failures. A case an adapter cannot meet is skipped by name, with the reason.
 *
 * @example
 * runChannelContract({
 *   name: 'console',
 *   makeHarness: async () => ({ channel, chatId: 'c1', received: async () => lines, dispose: async () => {} }),
 *   skip: [{ reason: 'the console has no message ids', tests: ['reports the platform message id'] }],
 * });
 */

/** One message as the platform holds it, reduced to what a person sees. */
export interface PlatformMessage {
  /** Body text (or an image's caption). */
  text?: string;
  /** Labels of tappable buttons shown with this message, in order. */
  buttons?: string[];
  /** Set when the message is an image. */
  image?: true;
  /** The platform's id for the message, when it gives one. */
  externalId?: string;
}

/** A failure the harness makes the platform answer to the next send to `chatId`. */
export type InjectedFailure =
  /** The person blocked the bot / cannot be messaged. */
  | 'blocked'
  /** The platform asks us to slow down. */
  | 'rate-limited'
  /** A 5xx or network trouble. */
  | 'transient'
  /** The platform refuses this message for good (a bad request). */
  | 'rejected';

export interface ChannelHarness {
  channel: ChannelAdapter;
  /** A chat the platform will deliver to. */
  chatId: string;
  /** Everything the platform received for `chatId` so far, oldest first. */
  received(): Promise<PlatformMessage[]>;
  /** Makes only the next send to `chatId` fail. Leave out if the platform cannot fail that way, and skip those cases. */
  injectFailure?(failure: InjectedFailure): void | Promise<void>;
  /** An image the platform can deliver (an adapter-specific media reference). */
  deliverableImage?: string;
  dispose(): Promise<void>;
}

export interface ChannelContractOptions {
  name: string;
  makeHarness(): Promise<ChannelHarness>;
  skip?: { reason: string; tests: string[] }[];
}

/** Text with several lines, each numbered so their order can be checked. */
function numberedLines(count: number, width: number): string[] {
  return Array.from({ length: count }, (_, i) => `${String(i + 1).padStart(5, '0')} ${'kata '.repeat(width).trim()}`);
}

function reasonOf(result: SendResult): string | undefined {
  return result.status === 'sent' ? undefined : result.reason;
}

export function runChannelContract({ name, makeHarness, skip = [] }: ChannelContractOptions): void {
  describe(`channel contract: ${name}`, () => {
    const caseNames = new Set<string>();
    let harness: ChannelHarness;
    let created = false;

    const contractCase = (title: string, body: () => Promise<void>) => {
      caseNames.add(title);
      it(title, body);
    };

    beforeEach(async ({ task, skip: skipCase }) => {
      const skipped = skip.find((entry) => entry.tests.includes(task.name));
      if (skipped) skipCase(skipped.reason);
      harness = await makeHarness();
      created = true;
    });
    afterEach(async () => {
      if (created) await harness.dispose();
      created = false;
    });

    async function inject(failure: InjectedFailure): Promise<void> {
      if (!harness.injectFailure) {
        throw new Error(`the ${name} harness cannot inject '${failure}': skip this case with a reason instead`);
      }
      await harness.injectFailure(failure);
    }

    /** Sends, and holds the adapter to "a 'sent' result means the platform got something new". */
    async function sendChecked(content: OutboundContent): Promise<{ result: SendResult; arrived: PlatformMessage[] }> {
      const before = (await harness.received()).length;
      const result = await harness.channel.send(harness.chatId, content);
      const arrived = (await harness.received()).slice(before);
      if (result.status === 'sent') expect(arrived.length, 'a sent result with nothing delivered').toBeGreaterThan(0);
      else expect(reasonOf(result), 'a failure without a reason').toMatch(/\S/);
      return { result, arrived };
    }

    contractCase('sends plain text', async () => {
      const { result, arrived } = await sendChecked({ kind: 'text', text: 'Selamat datang di layanan informasi bansos.' });
      expect(result.status).toBe('sent');
      expect(arrived).toHaveLength(1);
      expect(arrived[0]?.text).toBe('Selamat datang di layanan informasi bansos.');
    });

    contractCase('sends choices so a person can pick them', async () => {
      const choices = [
        { id: 'cek', label: '1. Cek kelayakan' },
        { id: 'status', label: '2. Status bantuan' },
        { id: 'aduan', label: '3. Lapor pemotongan' },
      ];
      const { result, arrived } = await sendChecked({ kind: 'text', text: 'Pilih layanan:', choices });
      expect(result.status).toBe('sent');
      const last = arrived.at(-1)!;
      expect(arrived.map((message) => message.text ?? '').join('\n')).toContain('Pilih layanan:');
      if (harness.channel.capabilities.buttons) {
        expect(last.buttons).toEqual(choices.map((choice) => choice.label));
      } else {
        // Without buttons, each numbered label stands on its own line, in order, after the question.
        const lines = (last.text ?? '').split('\n');
        const positions = choices.map((choice) => lines.indexOf(choice.label));
        expect(positions.every((position) => position > 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }
    });

    contractCase('keeps each message within maxTextLength, losing no line', async () => {
      const max = harness.channel.capabilities.maxTextLength;
      const lines = numberedLines(Math.ceil((max * 2.5) / 60), 10);
      const text = lines.join('\n');
      expect(text.length).toBeGreaterThan(max * 2);
      const { result, arrived } = await sendChecked({ kind: 'text', text });
      expect(result.status).toBe('sent');
      for (const message of arrived) expect((message.text ?? '').length).toBeLessThanOrEqual(max);
      expect(arrived.flatMap((message) => (message.text ?? '').split('\n')).filter((line) => line !== '')).toEqual(lines);
    });

    contractCase('reports the platform message id', async () => {
      const first = await sendChecked({ kind: 'text', text: 'Satu' });
      const second = await sendChecked({ kind: 'text', text: 'Dua' });
      for (const { result, arrived } of [first, second]) {
        expect(result.status).toBe('sent');
        expect(result.status === 'sent' && result.externalId).toBe(arrived.at(-1)?.externalId);
        expect(result.status === 'sent' && result.externalId).toMatch(/\S/);
      }
      expect(first.arrived[0]?.externalId).not.toBe(second.arrived[0]?.externalId);
    });

    contractCase('sends an image', async () => {
      if (!harness.deliverableImage) throw new Error(`the ${name} harness names no deliverable image: skip this case with a reason`);
      const { result, arrived } = await sendChecked({ kind: 'image', mediaRef: harness.deliverableImage, caption: 'Bukti terima' });
      expect(result.status).toBe('sent');
      expect(arrived[0]?.image).toBe(true);
      expect(arrived.map((message) => message.text).join('\n')).toContain('Bukti terima');
    });

    contractCase('classifies a blocked chat as blocked', async () => {
      await inject('blocked');
      const { result, arrived } = await sendChecked({ kind: 'text', text: 'Pengingat bimtek besok' });
      expect(result.status).toBe('blocked');
      expect(arrived).toEqual([]);
    });

    contractCase('classifies rate limiting as rate-limited, with a wait', async () => {
      await inject('rate-limited');
      const { result } = await sendChecked({ kind: 'text', text: 'Pengingat bimtek besok' });
      expect(result.status).toBe('rate-limited');
      expect(result.status === 'rate-limited' && result.retryAfterMs).toBeGreaterThan(0);
    });

    contractCase('classifies platform trouble as transient-error', async () => {
      await inject('transient');
      const { result } = await sendChecked({ kind: 'text', text: 'Pengingat bimtek besok' });
      expect(result.status).toBe('transient-error');
    });

    contractCase('classifies a refused message as failed', async () => {
      await inject('rejected');
      const { result } = await sendChecked({ kind: 'text', text: 'Pengingat bimtek besok' });
      expect(result.status).toBe('failed');
    });

    contractCase('sends again once an injected failure has passed', async () => {
      await inject('transient');
      expect((await sendChecked({ kind: 'text', text: 'Coba lagi' })).result.status).not.toBe('sent');
      const { result, arrived } = await sendChecked({ kind: 'text', text: 'Coba lagi' });
      expect(result.status).toBe('sent');
      expect(arrived[0]?.text).toBe('Coba lagi');
    });

    contractCase('rejects nothing silently', async () => {
      // Content the adapter may be unable to deliver: it must say so, never claim success or throw.
      for (const content of [
        { kind: 'text', text: '' },
        { kind: 'text', text: ' \n ' },
        { kind: 'image', mediaRef: 'media:does-not-exist' },
      ] satisfies OutboundContent[]) {
        const { result, arrived } = await sendChecked(content);
        if (result.status !== 'sent') expect(arrived).toEqual([]);
      }
    });

    contractCase('calls the dispatch hook for a message that goes, never for one that cannot leave', async () => {
      // The outbox journals a bulk send when this hook runs, and then never sends it again.
      let dispatched = 0;
      const onDispatch = () => (dispatched += 1);
      const sent = await harness.channel.send(harness.chatId, { kind: 'text', text: 'Pengumuman untuk semua KPM.' }, { onDispatch });
      expect(sent.status).toBe('sent');
      expect(dispatched).toBeGreaterThanOrEqual(1);
      dispatched = 0;
      for (const content of [{ kind: 'text', text: ' \n ' }, { kind: 'image', mediaRef: 'media:does-not-exist' }] satisfies OutboundContent[]) {
        const result = await harness.channel.send(harness.chatId, content, { onDispatch });
        if (result.status !== 'sent') expect(dispatched, `dispatched ${content.kind} that was refused before it left`).toBe(0);
      }
    });

    // A typo in a skip list would quietly run nothing; refuse it.
    const unknown = skip.flatMap((entry) => entry.tests).filter((title) => !caseNames.has(title));
    if (unknown.length > 0) throw new Error(`channel contract: unknown cases in skip list: ${unknown.join(', ')}`);
  });
}

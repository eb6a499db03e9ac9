import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/outbox/clock.js';
import { SendSlots } from '../../src/outbox/send-slots.js';

/** A clock whose sleeps never end unless aborted: no send here turns slow. */
const stillClock: Clock = {
  now: () => 0,
  sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })),
};

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SendSlots', () => {
  it('lets waiting sends on the wire one free place at a time, first come first served', async () => {
    const slots = new SendSlots(stillClock, 1, 1_000);
    const order: string[] = [];
    const names = ['a', 'b', 'c', 'd'];
    const gates = new Map(names.map((name) => [name, gate()]));
    for (const name of names) {
      slots.run((slot) => slot.onWire(async () => {
        order.push(name);
        await gates.get(name)!.opened;
      }));
    }
    for (const [index, name] of names.entries()) {
      await settle();
      expect(order).toEqual(names.slice(0, index + 1));
      expect(slots.onWireNow).toBe(1);
      gates.get(name)!.open();
    }
    await slots.drain();
    expect(slots.onWireNow).toBe(0);
  });
});

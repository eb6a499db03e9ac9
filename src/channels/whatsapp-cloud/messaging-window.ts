/** Meta's customer service window: free-form messages only within 24 hours of the person's last message. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** True when a free-form message may still go: the person wrote less than 24 hours ago. Unknown counts as closed. */
export function windowIsOpen(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < MESSAGING_WINDOW_MS;
}

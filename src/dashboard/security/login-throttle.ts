import type { PrismaClient } from '../../storage/generated/client.js';

export interface ThrottlePolicy {
  windowMs: number;
  /** Failed logins for one username within the window before it is locked. */
  perAccount: number;
  /** Failed logins from one address within the window before it is locked. */
  perAddress: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

/** Counts failed logins in the database, so the limit holds across restarts and processes. */
export function createLoginThrottle(prisma: PrismaClient, policy: ThrottlePolicy, now: () => Date) {
  const since = () => new Date(now().getTime() - policy.windowMs);
  return {
    async isLocked(username: string, address: string): Promise<boolean> {
      const [byAccount, byAddress] = await Promise.all([
        prisma.staffLoginAttempt.count({ where: { username, succeeded: false, at: { gte: since() } } }),
        prisma.staffLoginAttempt.count({ where: { address, succeeded: false, at: { gte: since() } } }),
      ]);
      return byAccount >= policy.perAccount || byAddress >= policy.perAddress;
    },
    async record(username: string, address: string, succeeded: boolean): Promise<void> {
      await prisma.staffLoginAttempt.create({ data: { at: now(), username, address, succeeded } });
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../storage/generated/client.js';
import type { Role } from '../access/roles.js';

export interface SessionPolicy {
  /** Ends a session nobody used for this long. */
  idleMs: number;
  /** Ends every session this long after login, used or not. */
  absoluteMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  user: StaffPrincipal;
}

/** The cookie carries the token; the database keeps only its SHA-256, so a leaked table opens no session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionStore(prisma: PrismaClient, policy: SessionPolicy, now: () => Date) {
  return {
    /** A new session (a new token at every login: the session id is rotated). Returns the cookie value. */
    async create(staffUserId: number): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await prisma.staffSession.create({
        data: {
          tokenHash: hashToken(token),
          staffUserId,
          csrfSecret: randomBytes(32).toString('base64url'),
          createdAt: at,
          lastSeenAt: at,
          expiresAt: new Date(at.getTime() + policy.absoluteMs),
        },
      });
      return token;
    },

    /** The live session for a cookie value, touched; undefined when unknown, expired, idle or the account is disabled. */
    async resolve(token: string | undefined): Promise<ActiveSession | undefined> {
      if (!token || token.length > 200) return undefined;
      const tokenHash = hashToken(token);
      const session = await prisma.staffSession.findUnique({ where: { tokenHash }, include: { staffUser: true } });
      if (!session) return undefined;
      const at = now();
      const idle = at.getTime() - session.lastSeenAt.getTime() > policy.idleMs;
      if (idle || at >= session.expiresAt || session.staffUser.disabled) {
        await prisma.staffSession.deleteMany({ where: { tokenHash } });
        return undefined;
      }
      // Touch at most once a minute: a page view should not always cost a write.
      if (at.getTime() - session.lastSeenAt.getTime() > 60_000) {
        await prisma.staffSession.update({ where: { tokenHash }, data: { lastSeenAt: at } });
      }
      const user = session.staffUser;
      return {
        tokenHash,
        csrfToken: session.csrfSecret,
        user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role as Role, mustChangePassword: user.mustChangePassword },
      };
    },

    async destroy(tokenHash: string): Promise<void> {
      await prisma.staffSession.deleteMany({ where: { tokenHash } });
    },

    /** Ends every session of one account (disabled, password reset). */
    async destroyAllOf(staffUserId: number): Promise<void> {
      await prisma.staffSession.deleteMany({ where: { staffUserId } });
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

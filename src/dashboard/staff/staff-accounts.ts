import { z } from 'zod';
import type { PrismaClient } from '../../storage/generated/client.js';
import { ROLES, type Role } from '../access/roles.js';
import { generateOneTimePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../security/password.js';

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,32}$/);
export const displayNameSchema = z.string().trim().min(1).max(80);
export const roleSchema = z.enum(ROLES);

export type AccountProblem = 'username' | 'display-name' | 'role' | 'password' | 'taken' | 'unknown-user';

export type AccountResult = { ok: true; id: number; oneTimePassword?: string } | { ok: false; problem: AccountProblem };

/**
 * Creates an account. Without `password` a one-time password is generated (returned once, to
 * be handed over) and must be changed at first login.
 */
export async function createStaffUser(
  prisma: PrismaClient,
  input: { username: string; displayName: string; role: string; password?: string },
): Promise<AccountResult> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) return { ok: false, problem: 'username' };
  const displayName = displayNameSchema.safeParse(input.displayName);
  if (!displayName.success) return { ok: false, problem: 'display-name' };
  const role = roleSchema.safeParse(input.role);
  if (!role.success) return { ok: false, problem: 'role' };
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, problem: 'password' };
  const oneTime = input.password === undefined ? generateOneTimePassword() : undefined;
  const existing = await prisma.staffUser.findUnique({ where: { username: username.data }, select: { id: true } });
  if (existing) return { ok: false, problem: 'taken' };
  const created = await prisma.staffUser.create({
    data: {
      username: username.data,
      displayName: displayName.data,
      role: role.data as Role,
      passwordHash: await hashPassword(input.password ?? oneTime!),
      mustChangePassword: oneTime !== undefined,
    },
  });
  return { ok: true, id: created.id, ...(oneTime ? { oneTimePassword: oneTime } : {}) };
}

/** A new one-time password; every session of the account ends. */
export async function resetStaffPassword(prisma: PrismaClient, username: string): Promise<AccountResult> {
  const user = await prisma.staffUser.findUnique({ where: { username: username.trim().toLowerCase() } });
  if (!user) return { ok: false, problem: 'unknown-user' };
  const oneTimePassword = generateOneTimePassword();
  await prisma.$transaction([
    prisma.staffUser.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true } }),
    prisma.staffSession.deleteMany({ where: { staffUserId: user.id } }),
  ]);
  return { ok: true, id: user.id, oneTimePassword };
}

/** Disables (or re-enables) an account; disabling ends its sessions at once. */
export async function setStaffDisabled(prisma: PrismaClient, username: string, disabled: boolean): Promise<AccountResult> {
  const user = await prisma.staffUser.findUnique({ where: { username: username.trim().toLowerCase() } });
  if (!user) return { ok: false, problem: 'unknown-user' };
  await prisma.$transaction([
    prisma.staffUser.update({ where: { id: user.id }, data: { disabled } }),
    ...(disabled ? [prisma.staffSession.deleteMany({ where: { staffUserId: user.id } })] : []),
  ]);
  return { ok: true, id: user.id };
}

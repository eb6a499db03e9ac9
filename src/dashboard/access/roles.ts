/** Dashboard roles. Enforced on the server for every route (capabilities) and every record (scope). */
export const ROLES = ['admin', 'operator', 'facilitator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Capability =
  | 'overview'
  | 'recipients.read'
  | 'recipients.reveal'
  | 'stages.change'
  | 'imports'
  | 'exports'
  | 'groups.manage'
  | 'audit.read'
  | 'users.manage'
  | 'broadcasts'
  /** Mentoring sessions (jadwal pendampingan): facilitators within their own groups. */
  | 'sessions'
  /** Laporan usaha: KPM's monthly business reports (facilitators: their groups only). */
  | 'reports.read'
  /** UMK figures per regency and year (the graduation yardstick). */
  | 'wages.manage'
  /** Reminder rules (Pengingat): facilitators for their own groups, operators for any target. */
  | 'reminders'
  /** Quiet hours per regency (Jam tenang): operators only. */
  | 'quietHours.manage';

// The one table of who may do what. Facilitators read recipients only within their scope
// (see recipient-scope.ts); auditors read the audit log and nothing personal besides.
const GRANTS: Record<Role, readonly Capability[]> = {
  admin: ['overview', 'recipients.read', 'recipients.reveal', 'stages.change', 'imports', 'exports', 'groups.manage', 'audit.read', 'users.manage', 'broadcasts', 'sessions', 'reports.read', 'wages.manage', 'reminders', 'quietHours.manage'],
  operator: ['overview', 'recipients.read', 'recipients.reveal', 'stages.change', 'imports', 'exports', 'groups.manage', 'broadcasts', 'sessions', 'reports.read', 'wages.manage', 'reminders', 'quietHours.manage'],
  facilitator: ['recipients.read', 'recipients.reveal', 'exports', 'broadcasts', 'sessions', 'reminders', 'reports.read'],
  auditor: ['overview', 'audit.read'],
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Where a role lands after login. */
export function homePath(role: Role): string {
  if (role === 'auditor') return '/dashboard/audit';
  if (role === 'facilitator') return '/dashboard/penerima';
  return '/dashboard/ringkasan';
}

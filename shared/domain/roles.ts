/**
 * Who may do what. The roles are those of DOMAIN.md; a permission names an
 * action, so a screen asks `can(role, 'devices.edit')` rather than testing
 * roles itself.
 */
export const ROLES = ['admin', 'docOfficer', 'duty', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** The home page (工作台): each role sees its own. */
  'home.view': ['admin', 'docOfficer', 'duty', 'auditor'],
  'devices.view': ['admin', 'duty', 'auditor', 'docOfficer'],
  'devices.edit': ['admin'],
  'accounts.manage': ['admin'],
  'unit.edit': ['admin'],
  'integrity.verify': ['admin', 'auditor'],
  'settings.edit': ['admin'],
  'calendar.edit': ['admin'],
  'checkins.write': ['docOfficer'],
  'checkins.view': ['docOfficer', 'admin', 'auditor', 'duty'],
  'ledgers.view': ['admin', 'duty', 'auditor', 'docOfficer'],
  'duty.write': ['admin', 'duty'],
  /** Duty staff report faults (第十二条) and follow them up. */
  'faults.write': ['admin', 'duty'],
  'ledgers.write': ['admin'],
  /** Every export is a copy that files itself (第二十条), whoever makes it. */
  'copies.file': ['admin', 'duty', 'auditor', 'docOfficer'],
  'backup.manage': ['admin'],
  /** The unit key and signed export bundles for the information office. */
  'bundles.export': ['admin'],
  /** The year's 年度自评 and its 自查报告: the administrator's, seen by the unit's staff. */
  'evaluation.self': ['admin'],
  'evaluation.view': ['admin', 'auditor', 'duty', 'docOfficer'],
  /** The office's console: enrol unit keys, import bundles, the aggregated view. */
  'console.use': ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

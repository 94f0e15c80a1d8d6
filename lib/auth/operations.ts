import { hasPermission, type Permission } from "./permissions";

/**
 * Every operation the console offers and the one permission it needs. Server actions, REST routes, pages (and the
 * buttons they show) and the authorization matrix all read this table, so an operation's rule lives here alone.
 * Write operations carry their server action's name; reads start with "view".
 */
export const OPERATIONS = {
  viewTls: "settings:view",
  /** The expiry overview; its all-organizations scope also needs lib/auth/all-orgs.ts. */
  viewExpiry: "settings:view",

  viewClientProfiles: "settings:view",
  createClientProfile: "settings:manage",
  updateClientProfile: "settings:manage",
  deleteClientProfiles: "settings:manage",

  /** "Test connection" from a client profile and "Check with a client profile" from a server profile (issue 9). */
  testClientProfile: "settings:manage",
  checkServerProfile: "settings:manage",
  /** Their kept results: public certificates and words only. */
  viewConnectionTests: "settings:view",

  viewServerProfiles: "settings:view",
  createServerProfile: "settings:manage",
  updateServerProfile: "settings:manage",
  deleteServerProfiles: "settings:manage",

  viewKeystores: "settings:view",
  previewKeystore: "settings:manage",
  /** Also generating a key (and its CSR or a self-signed certificate) for a new keystore. */
  createKeystore: "settings:manage",
  /** Uploading the signed certificate of a keystore awaiting it (ADR 024). */
  completeKeystore: "settings:manage",
  updateKeystore: "settings:manage",
  rotateKeystore: "settings:manage",
  deleteKeystores: "settings:manage",
  duplicateKeystore: "settings:manage",
  /** Staged rotation (ADR 026): pending material, its activation (now or scheduled), and roll back to a version. */
  prepareKeystoreRotation: "settings:manage",
  completeKeystoreRotation: "settings:manage",
  activateKeystoreRotation: "settings:manage",
  cancelKeystoreActivation: "settings:manage",
  discardKeystoreRotation: "settings:manage",
  restoreKeystoreVersion: "settings:manage",

  viewTruststores: "settings:view",
  previewTruststore: "settings:manage",
  createTruststore: "settings:manage",
  updateTruststore: "settings:manage",
  addTruststoreCertificates: "settings:manage",
  removeTruststoreCertificate: "settings:manage",
  deleteTruststores: "settings:manage",
  duplicateTruststore: "settings:manage",
  restoreTruststoreVersion: "settings:manage",

  // Notification settings name addresses and webhook URLs: reading them needs Settings: Manage too.
  manageNotifications: "settings:manage",
  saveNotificationSettings: "settings:manage",
  createWebhook: "settings:manage",
  deleteWebhook: "settings:manage",
  sendTestNotification: "settings:manage",
  runExpiryCheck: "settings:manage",
  /** The Settings → Calendar feed page and its list: who may create and revoke feeds sees them. */
  manageCalendarFeeds: "settings:manage",
  createCalendarFeed: "settings:manage",
  revokeCalendarFeed: "settings:manage",
  /** What a feed's creator must still hold for its secret URL to answer (ADR 021). */
  viewExpiryCalendar: "settings:view",

  /** The organization's TLS policy and what breaks it (ADR 027): every TLS reader may know the rules. */
  viewTlsPolicy: "settings:view",
  /** What a proposed policy would break, before saving it: computed, nothing written. */
  viewTlsPolicyPreview: "settings:view",
  /** Setting the policy binds every Settings: Manage holder, so it needs its own permission. */
  saveTlsPolicy: "policy:manage",

  viewMembers: "members:manage",
  createRole: "members:manage",
  assignRole: "members:manage",
  inviteMember: "members:manage",
  revokeInvitation: "members:manage",
} as const satisfies Record<string, Permission>;

export type Operation = keyof typeof OPERATIONS;

/** Whether a role's stored permissions allow `operation`: for showing the controls a role may use. */
export const may = (storedPermissions: string, operation: Operation) =>
  hasPermission(storedPermissions, OPERATIONS[operation]);

/** Signing in and out, who the caller is, changing one's password, and invitations (the invited side). */
import * as v from 'valibot';
import { PasswordChangeRequest } from '../password-change.ts';
import { Text } from '../sync/text.ts';
import { ProjectRole } from './common.ts';

export const SignIn = v.strictObject({
  username: v.pipe(Text, v.trim(), v.toLowerCase(), v.minLength(1, 'enter your username'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'enter your password'), v.maxLength(1_000)),
});

export const SignedOutEverywhere = v.object({ ok: v.literal(true), sessions: v.number() });

/** GET /api/me: the account, its projects with the role in each, and the device when a device token called. */
export const Me = v.object({
  protocol: v.number(),
  user: v.object({ id: v.string(), username: v.string(), displayName: v.string(), isAdmin: v.boolean() }),
  deviceId: v.optional(v.string()),
  projects: v.array(v.object({ id: v.string(), name: v.string(), role: ProjectRole })),
});
export type Me = v.InferOutput<typeof Me>;

export { PasswordChangeRequest };
export const PasswordChanged = v.object({ ok: v.literal(true), sessionsEnded: v.number() });

const Code = v.pipe(v.string(), v.trim(), v.minLength(1, 'enter the code'), v.maxLength(64));
export const AcceptInvitation = v.strictObject({ code: Code });
export const AcceptNewInvitation = v.strictObject({
  code: Code,
  password: v.pipe(v.string(), v.minLength(12, 'a password needs at least 12 characters'), v.maxLength(1_000)),
});
/** What an accepted invitation joined: the project, the role in it, and the account's name. */
export const InvitationAccepted = v.object({ projectId: v.string(), projectName: v.string(), role: ProjectRole, username: v.string() });
export type InvitationAccepted = v.InferOutput<typeof InvitationAccepted>;

/** POST /api/enrol: a one-time code from a coordinator, redeemed for the device's id and token. */
export const Enrol = v.strictObject({
  code: v.pipe(Text, v.trim(), v.minLength(1, 'enter the code'), v.maxLength(64)),
});
export const Enrolled = v.object({ deviceId: v.string(), token: v.string(), expiresAt: v.string() });

/** GET /api/health: for load balancers; the body of a 503 carries the error too. */
export const Health = v.object({
  status: v.picklist(['ok', 'unavailable']),
  version: v.string(),
  protocol: v.number(),
  database: v.object({ engine: v.string(), reachable: v.boolean() }),
});

/** The quick wipe's last step (POST /api/clear-site-data): the answer's Clear-Site-Data header does the work. */
export const SiteDataCleared = v.object({ cleared: v.literal(true) });

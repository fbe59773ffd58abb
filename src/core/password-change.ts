import * as v from 'valibot';

/** The shortest password a person may choose (generated ones are 20 characters); the app checks it before sending. */
export const MIN_PASSWORD_LENGTH = 12;

/** POST /api/auth/password: a signed-in person replaces their own password. */
export const PasswordChangeRequest = v.strictObject({
  currentPassword: v.pipe(v.string(), v.minLength(1, 'enter your current password'), v.maxLength(1_000)),
  newPassword: v.pipe(v.string(), v.minLength(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`), v.maxLength(1_000)),
});
export type PasswordChangeRequest = v.InferOutput<typeof PasswordChangeRequest>;

/** The answer: how many of the person's other sessions were ended. */
export interface PasswordChangeResponse {
  readonly ok: true;
  readonly sessionsEnded: number;
}

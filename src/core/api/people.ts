/** Projects and their people: invitations, members, case assignments, and accounts an administrator manages. */
import * as v from 'valibot';
import { Text } from '../sync/text.ts';
import { Uuid } from '../sync/protocol.ts';
import { NextPage, ProjectRole, Timestamp } from './common.ts';

/** The same rule as the server's USERNAME_PATTERN (src/server/users.ts), which checks accounts made elsewhere too. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export const NewProject = v.strictObject({ name: v.pipe(Text, v.trim(), v.minLength(1, 'the name is empty'), v.maxLength(200)) });
export const ProjectCreated = v.object({ id: v.string(), name: v.string() });

export const NewPerson = v.strictObject({
  username: v.pipe(Text, v.trim(), v.toLowerCase(), v.regex(USERNAME, 'a username is 2-64 lower-case letters, digits, dots, dashes or underscores')),
  displayName: v.optional(v.pipe(Text, v.trim(), v.minLength(1), v.maxLength(200))),
  role: v.picklist(['observer', 'coordinator'], 'role is observer or coordinator'),
});

export const ProjectPerson = v.object({ id: v.string(), username: v.string(), displayName: v.string(), role: ProjectRole, disabled: v.boolean() });
export type ProjectPerson = v.InferOutput<typeof ProjectPerson>;
export const PeopleList = v.object({ people: v.array(ProjectPerson) });

/** An invitation just issued: its code is shown this once (the server keeps only its hash). */
export const InvitationIssued = v.object({ username: v.string(), role: ProjectRole, code: v.string(), expiresAt: Timestamp, acceptPath: v.string() });
export type InvitationIssued = v.InferOutput<typeof InvitationIssued>;

/** An account attached directly; `password` only when the account was made now (shown once). */
export const MemberAdded = v.object({ id: v.string(), username: v.string(), role: ProjectRole, password: v.exactOptional(v.string()) });

export const CaseAssignments = v.object({ id: v.string(), code: v.string(), court: v.string(), observers: v.array(v.string()) });
export type CaseAssignments = v.InferOutput<typeof CaseAssignments>;
export const AssignmentList = v.object({ cases: v.array(CaseAssignments), next: NextPage });
export const CaseObserverParams = v.strictObject({ projectId: Uuid, caseId: Uuid });
export const Assignment = v.strictObject({ userId: Uuid, assigned: v.boolean() });

export const SessionsRevoked = v.object({ ok: v.literal(true), sessions: v.number() });

/** What a coordinator sees of an invitation still open: never its code (shown once) nor the code's hash. */
export const PendingInvitation = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.nullable(v.string()),
  role: ProjectRole,
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type PendingInvitation = v.InferOutput<typeof PendingInvitation>;
export const PendingInvitationList = v.object({ invitations: v.array(PendingInvitation) });
export const InvitationParams = v.strictObject({ projectId: Uuid, invitationId: Uuid });

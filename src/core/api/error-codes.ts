import { formatFormFault, isFormFault, type FormFaultCode } from '../forms/load-faults.ts';
import { formatInputIssue, isInputIssue, type InputIssue } from './input-issues.ts';

/**
 * Every error the server can answer, by stable code: its HTTP status, its parameters and an English
 * template (for logs, the command line and API users). The app translates from `code` + `params`
 * instead of showing `message`, so a code and its parameter names never change once shipped; add new
 * codes instead. Templates name parameters as `{name}`; an enumerated parameter (`what`) carries a
 * stable key on the wire and its English words here.
 */

/**
 * A parameter: a number, free text (a name, an id, a path), a kind of input fault (`issue`: a key of
 * INPUT_ISSUES, whose own parameters such as `max` travel beside it in the same params), a fault of a
 * form definition (`form_fault`: a key of FORM_FAULTS, its parameters beside it likewise), or one of a
 * fixed set of keys with their English words.
 */
export type ErrorParamType = 'number' | 'string' | 'issue' | 'form_fault' | { readonly [key: string]: string };

export interface ErrorCodeSpec {
  readonly status: number;
  readonly params: { readonly [name: string]: ErrorParamType };
  readonly en: string;
}

/** What a 403 `forbidden` refuses, as a stable key. */
const FORBIDDEN_WHAT = {
  cases: 'cases (coordinators only)',
  reports_list: 'the reports list (coordinators only)',
  project_people: 'the people and devices of this project (its coordinators only)',
  admin_only: 'this (administrators only)',
  publishing: 'publishing checklists (coordinators only)',
  project_publishing: "publishing this project's checklists (its coordinators only)",
  attachment_settings: "this project's attachment settings (coordinators only)",
  sent_retention: "how long this project's phones keep sent reports (coordinators only)",
  regional_standards: "this project's regional standards (coordinators only)",
  audit_log: 'the audit log (coordinators and administrators only)',
  device_revokes_device: 'revoking devices from a device',
  device_wipes_device: 'ordering wipes from a device',
  invitation_from_device: 'accepting an invitation from an enrolled device (sign in with your password)',
  // Sealed projects' keys (k11, issue 11)
  project_keys: "this project's keys (its coordinators only)",
  keys_from_device: 'keys from an enrolled device (sign in with your password)',
} as const;

/** What a 404 `not_found` did not find (or will not admit exists), as a stable key. */
const NOT_FOUND_WHAT = {
  attachment: 'The attachment',
  case: 'The case',
  command: 'The command',
  device: 'The device',
  invitation: 'The invitation',
  project: 'The project',
  report: 'The report',
  register_entry: 'The register entry',
  upload: 'The upload',
  user: 'The user',
  address: 'This address',
} as const;

export type ForbiddenWhat = keyof typeof FORBIDDEN_WHAT;
export type NotFoundWhat = keyof typeof NOT_FOUND_WHAT;

export const ERROR_CODES = {
  // Who is calling
  not_signed_in: { status: 401, params: {}, en: 'Sign in first.' },
  bad_credentials: { status: 401, params: {}, en: 'The username or password is wrong.' },
  account_disabled: { status: 401, params: {}, en: 'Your account is disabled. Contact your coordinator.' },
  bad_device_token: { status: 401, params: {}, en: 'This device is not enrolled. Enrol it with a code from your coordinator, or sign in.' },
  device_revoked: { status: 401, params: {}, en: 'This device was revoked by your coordinator and can no longer sync. Ask your coordinator for a new enrolment code.' },
  device_token_expired: { status: 401, params: {}, en: "This device's enrolment has expired. Ask your coordinator for a new enrolment code." },
  session_required: { status: 403, params: {}, en: 'Sign in with your password to change it.' },
  device_mismatch: { status: 403, params: {}, en: 'This request names another device than the one enrolled. Reset the app and enrol it again.' },
  device_of_another_user: { status: 403, params: {}, en: 'This device is registered to another user. Sign in as that user, or reset the app.' },
  cross_site_request: { status: 403, params: {}, en: 'This request came from a page on another site or address. The server accepts changes only from its own pages.' },
  forbidden: { status: 403, params: { what: FORBIDDEN_WHAT }, en: 'You may not access {what}.' },
  not_found: { status: 404, params: { what: NOT_FOUND_WHAT }, en: '{what} was not found.' },
  rate_limited: { status: 429, params: { seconds: 'number' }, en: 'Too many attempts. Wait {seconds} seconds and try again.' },

  // The request itself
  invalid_input: { status: 400, params: { part: 'string', path: 'string', issue: 'issue' }, en: 'The {part} is not valid: {path}: {issue}.' },
  bad_json: { status: 400, params: {}, en: 'The request body is not valid JSON.' },
  bad_request: { status: 400, params: { detail: 'string' }, en: 'The request is not valid: {detail}' },
  body_too_large: { status: 413, params: { kib: 'number' }, en: 'The request is larger than {kib} KiB. Send fewer items at once.' },
  unsupported_media_type: { status: 415, params: { expected: { json: 'JSON, with content-type application/json', octets: 'the raw bytes, with content-type application/octet-stream' } }, en: 'Send the request body as {expected}.' },
  headers_too_large: { status: 431, params: {}, en: "The request headers are too large. Sign out and in again, or clear this site's cookies, and try again." },
  request_timeout: { status: 408, params: {}, en: 'The request took too long to arrive. Try again.' },
  bad_cursor: { status: 400, params: {}, en: 'This page cursor is not one the server gave: start again from the first page.' },

  // The server
  server_error: { status: 500, params: {}, en: 'The server failed to handle this request. Nothing was stored; try again later.' },
  database_unreachable: { status: 503, params: {}, en: 'The server cannot reach its database. Check that the database is running and reachable.' },

  // People, invitations, passwords
  username_taken: { status: 409, params: { username: 'string' }, en: 'An account "{username}" exists already. If it is yours, sign in and accept the invitation there; otherwise ask your coordinator for an invitation under another username.' },
  bad_username: { status: 400, params: {}, en: 'A username is 2-64 lower-case letters, digits, dots, dashes or underscores.' },
  password_too_short: { status: 400, params: { min: 'number' }, en: 'A password needs at least {min} characters.' },
  bad_project_name: { status: 400, params: {}, en: 'A project name is 1-200 characters.' },
  project_exists: { status: 409, params: { name: 'string' }, en: 'A project named "{name}" exists already.' },
  not_an_observer: { status: 400, params: {}, en: 'This person is not an observer of this project: only observers are assigned to its cases and enrol devices.' },
  cannot_disable_self: { status: 400, params: {}, en: 'You cannot disable your own account.' },
  bad_invitation_code: { status: 400, params: {}, en: 'This invitation code is wrong, used already or expired. Ask your coordinator for a new one.' },
  invitation_for_another_account: { status: 403, params: { username: 'string' }, en: 'This invitation is for the account "{username}". Sign in as that account to accept it.' },
  invitation_accepted: { status: 409, params: {}, en: 'This invitation has been accepted already: the person is a member of the project now.' },
  wrong_password: { status: 403, params: {}, en: 'The current password is wrong. Nothing was changed.' },
  same_password: { status: 400, params: {}, en: 'The new password is the same as the current one. Choose a different one.' },

  // Devices
  bad_enrolment_code: { status: 400, params: {}, en: 'This code is wrong, used already or expired. Ask your coordinator for a new one.' },
  enrol_disabled_account: { status: 400, params: {}, en: 'This account is disabled: enable it before enrolling a device.' },

  // Reviews, forms
  comment_required: { status: 400, params: {}, en: 'Say what needs clarification: a comment is required.' },
  comment_id_required: { status: 400, params: {}, en: 'A comment needs the id the app made for it (commentId).' },
  register_code_taken: { status: 409, params: { code: 'string' }, en: "The code {code} already names another person in this case's register: choose another code, or change that entry." },
  comment_id_taken: { status: 409, params: {}, en: 'Another comment already has this id: reload the page and write it again.' },
  project_required: { status: 400, params: {}, en: 'Say which of your projects the checklist is for (?projectId=...); only administrators publish for every project.' },
  invalid_form: { status: 400, params: { faults: 'number', path: 'string', issue: 'form_fault' }, en: 'The form has {faults} fault(s), first at {path}: {issue}.' },
  version_published: { status: 409, params: { form: 'string', next: 'number' }, en: '{form} is already published with other content. Published versions never change: give your form version {next}.' },

  // Attachments
  attachment_kind_forbidden: { status: 403, params: { kind: 'string' }, en: 'This project does not accept {kind} attachments (its coordinators switched them off). Remove the file from the report.' },
  attachment_too_large: { status: 413, params: { kib: 'number', maxKib: 'number' }, en: 'This file is {kib} KiB; this project accepts files up to {maxKib} KiB. Remove it or send a smaller one.' },
  attachment_incomplete: { status: 409, params: { received: 'number', size: 'number' }, en: "Only {received} of {size} bytes have arrived; the observer's device sends the rest on its next sync." },
  upload_of_another_person: { status: 409, params: {}, en: 'Another person of this project is sending this same file. Your device tries again later and will find it stored once their upload is complete.' },
  size_mismatch: { status: 409, params: { stored: 'number', sent: 'number' }, en: 'A file with this SHA-256 is already stored with {stored} bytes, not {sent}. Check the file and try again.' },
  upload_not_started: { status: 404, params: {}, en: 'No upload of this file was started. Start it first (POST /api/attachments).' },
  wrong_offset: { status: 409, params: { received: 'number' }, en: 'The server has {received} bytes of this file; send the chunk that starts there.' },
  bad_chunk_size: { status: 400, params: { expected: 'number', chunk: 'number', sent: 'number' }, en: 'This chunk must be {expected} bytes (chunks are {chunk} bytes, the last one what remains); it was {sent}.' },
  upload_incomplete: { status: 409, params: { received: 'number', size: 'number' }, en: 'The server has {received} of {size} bytes; send the rest before completing.' },
  hash_mismatch: { status: 422, params: {}, en: 'The bytes received do not match the SHA-256 the file was sent under, so they were discarded. Send the file again from the start.' },

  // Cases opened and merged by coordinators (c2, issue 13 part 5)
  merge_into_itself: { status: 400, params: {}, en: 'A case cannot be merged into itself: choose the other case of the pair. Nothing was changed.' },
  merge_across_projects: { status: 400, params: {}, en: 'These cases belong to different projects: only cases of one project can be merged. Nothing was changed.' },
  merge_register_conflict: { status: 409, params: { code: 'string' }, en: "The code {code} names different people in the two cases' registers: change one of them first, then merge. Nothing was changed." },

  // Sealed projects' keys (k11, issue 11: src/server/domain/project-keys.ts)
  bad_public_key: { status: 400, params: {}, en: 'This is not a P-256 public key (a JWK with kty EC, crv P-256, x and y on the curve). Nothing was stored.' },
  bad_sealed_key: { status: 400, params: {}, en: 'The sealed key is not a sealed box this server knows. Nothing was stored.' },
  grant_for_another_key: { status: 400, params: {}, en: "This grant is not sealed to the personal key of the coordinator it is for: they could never open it. Reload and grant again. Nothing was stored." },
  personal_key_required: { status: 409, params: {}, en: 'Set your personal key first (with your passphrase): the project key is granted to it. Nothing was stored.' },
  personal_key_has_grants: { status: 409, params: { grants: 'number' }, en: 'Your personal key holds {grants} project key(s): a new key pair would lose them. Change only your passphrase, or discard them on purpose. Nothing was changed.' },
  project_already_sealed: { status: 409, params: {}, en: 'This project is sealed already: its key cannot be replaced. Nothing was changed.' },
  project_not_sealed: { status: 409, params: {}, en: 'This project is not sealed: seal it first. Nothing was stored.' },
  no_project_key: { status: 403, params: {}, en: "You do not hold this project's key, so you cannot grant it. Ask a coordinator who holds it, or restore it from the recovery file. Nothing was stored." },
  grantee_not_coordinator: { status: 400, params: {}, en: "Only coordinators of this project can be granted its key. Nothing was stored." },
  grantee_without_key: { status: 409, params: {}, en: 'This coordinator has not set a personal key yet: ask them to open the sealing screen once, then grant the key. Nothing was stored.' },
  // Re-sealing stored readable versions (issue 11 part 5: src/server/domain/reseal.ts)
  reseal_box_malformed: { status: 400, params: { report: 'string' }, en: 'The sealed version of report {report} is not a sealed box for this project\'s key alone. Nothing was changed.' },
} as const satisfies Readonly<Record<string, ErrorCodeSpec>>;

export type ErrorCode = keyof typeof ERROR_CODES;

type ParamValue<T> = T extends 'number' ? number : T extends 'string' ? string : T extends 'issue' ? InputIssue : T extends 'form_fault' ? FormFaultCode : Extract<keyof T, string>;

/** The parameters a code carries, typed from the catalogue. */
export type ErrorParams<C extends ErrorCode> = { readonly [K in keyof (typeof ERROR_CODES)[C]['params']]: ParamValue<(typeof ERROR_CODES)[C]['params'][K]> };

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The English sentence of a code with its parameters (unknown placeholders stay visible, so a missing parameter shows). */
export function formatError<C extends ErrorCode>(code: C, params: ErrorParams<C>): string {
  const spec: ErrorCodeSpec = ERROR_CODES[code];
  const values = params as Readonly<Record<string, string | number>>;
  return spec.en.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const type = spec.params[name];
    const value = values[name];
    if (type === undefined || value === undefined) return whole;
    if (type === 'issue') return isInputIssue(String(value)) ? formatInputIssue(String(value) as InputIssue, values) : String(value);
    if (type === 'form_fault') return isFormFault(String(value)) ? formatFormFault(String(value) as FormFaultCode, values) : String(value);
    return typeof type === 'object' ? (type[String(value)] ?? String(value)) : String(value);
  });
}

// The push's refusals have a catalogue of their own (sync-refusals.ts), which the phone's first screens need
// without this one's form and input faults; re-exported here for the server.
export { SYNC_REFUSALS, formatRefusal, isSyncRefusal, refusalCode, type RefusalParams, type SyncRefusal } from './sync-refusals.ts';

// The administrator's commands (`npm run admin -- <command>`), separate from the process entry point so
// tests run them against SQLite and PostgreSQL alike.
import { parseArgs } from 'node:util';
import { renderUnicodeCompact } from 'uqr';
import { DEFAULT_PROJECT } from './bootstrap.ts';
import type { Db } from './db/connect.ts';
import type { ProjectRole } from './db/schema.ts';
import { cliActor, listAudit, type Actor } from './domain/audit.ts';
import { casesByCodeOrId } from './domain/cases.ts';
import { issueDeviceCode, listAllDevices, managedDevice, orderWipe, revokeDevice, type ManagedDevice } from './domain/devices-enrolment.ts';
import { addAdministrator, addPerson, addProject, assignObserver, grantRole, listProjects, listUsersWithRoles, resetPassword, revokeSessions, setUserDisabled } from './domain/people.ts';
import { ApiError } from './errors.ts';
import { findProject, findUser, UserInputError } from './users.ts';

export const ADMIN_HELP = `Usage: npm run admin -- <command> [options]

Projects and people:
  add-project <name>             Creates a project.
  add-user <username> --role observer|coordinator [--project NAME] [--name "Display name"]
      Creates an account in a project (default: "${DEFAULT_PROJECT}") and prints its password once.
  add-admin <username> [--name "Display name"]
      Creates an administrator (all projects) and prints the password once.
  grant <username> --project NAME --role observer|coordinator
      Gives an existing account a role in a project (also: add-member).
  assign <username> --case CODE_OR_ID        Assigns an observer to a case (unassign: the same, --remove).
  list [users|projects|devices]  Lists accounts and roles (default), projects, or devices and their state.

Sign-in:
  reset-password <username>      Sets a new generated password and prints it once.
  revoke-sessions <username>     Signs the user out everywhere (their devices keep their tokens).
  disable-user <username>        The user can no longer sign in or sync; their sessions end now.
  enable-user <username>         Undoes disable-user.

Devices:
  issue-code <username> --project NAME [--url https://server]
      A one-time enrolment code for an observer's device (24 hours); with --url (default: PUBLIC_URL), also the link as a QR code.
  revoke-device <device-id>      The device's token stops working at once.
  wipe-device <device-id>        On its next sync the device deletes everything the app keeps.

  audit [--project NAME] [--limit N]         The newest audit log entries (default 50).
  help                           Shows this text.

Every command that changes something takes --as USERNAME (an administrator's account): the audit log and
the rows it changes (revoked_by, created_by) then name that person instead of "the command line".`;

/** Runs one command; `print` receives each line of output. Throws UserInputError for a wrong command or argument. */
/**
 * Runs one command; `print` receives each line of output. Throws UserInputError for a wrong command or
 * argument, and the domain's ApiError (its English message) for a refused operation. Every operation is the
 * one the API runs (src/server/domain), so a revoke or a wipe from here stores what the route stores.
 */
export async function runAdminCommand(database: Db, argv: readonly string[], print: (line: string) => void, settings: { readonly publicUrl?: string | undefined } = {}): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      project: { type: 'string' },
      name: { type: 'string' },
      case: { type: 'string' },
      remove: { type: 'boolean', default: false },
      limit: { type: 'string' },
      url: { type: 'string' },
      as: { type: 'string' },
    },
  });
  const [command = 'help', arg] = positionals;
  const { db } = database;
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new UserInputError('missing_argument', { command, what });
    return value;
  };
  const role = (): ProjectRole => {
    const value = need(values.role, '--role observer or --role coordinator');
    if (value !== 'observer' && value !== 'coordinator') throw new UserInputError('bad_role', {});
    return value;
  };
  const actor = async (): Promise<Actor> => {
    if (values.as === undefined) return cliActor();
    const user = await db.selectFrom('users').select(['id', 'is_admin', 'disabled_at']).where('username', '=', values.as.trim().toLowerCase()).executeTakeFirst();
    if (user === undefined || user.is_admin !== 1 || user.disabled_at !== null) throw new UserInputError('not_an_administrator', { username: values.as });
    return cliActor(user.id);
  };
  const device = async (id: string): Promise<ManagedDevice> => {
    try {
      return await managedDevice(db, 'administrator', id);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') throw new UserInputError('no_device', { id });
      throw error;
    }
  };

  switch (command) {
    case 'add-user': {
      const userRole = role();
      const project = await findProject(db, values.project ?? DEFAULT_PROJECT);
      const user = await addPerson(db, await actor(), { projectId: project.id, username: need(arg, 'a username'), displayName: values.name, role: userRole });
      print(`Created ${userRole} "${user.username}" in "${project.name}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-admin': {
      const user = await addAdministrator(db, await actor(), { username: need(arg, 'a username'), displayName: values.name });
      print(`Created administrator "${user.username}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-project': {
      const project = await addProject(db, await actor(), need(arg, 'a project name'));
      print(`Created project "${project.name}" (${project.id}).`);
      return;
    }
    case 'grant':
    case 'add-member': {
      const userRole = role();
      const project = await findProject(db, need(values.project, '--project'));
      const user = await findUser(db, need(arg, 'a username'));
      await grantRole(db, await actor(), { projectId: project.id, userId: user.id, role: userRole });
      print(`"${user.username}" is now ${userRole} in "${project.name}".`);
      return;
    }
    case 'assign': {
      const user = await findUser(db, need(arg, 'a username'));
      const key = need(values.case, '--case CODE_OR_ID');
      const cases = await casesByCodeOrId(db, key);
      if (cases.length !== 1) throw cases.length === 0 ? new UserInputError('no_case', { key }) : new UserInputError('ambiguous_case', { key, ids: cases.map((c) => c.id).join(', ') });
      const [kase] = cases;
      if (kase === undefined) return;
      const changed = await assignObserver(db, await actor(), { kase, userId: user.id, assigned: !values.remove });
      print(`"${user.username}" is ${values.remove ? 'no longer assigned to' : 'assigned to'} case ${kase.code}${changed ? '' : ' (no change)'}.`);
      return;
    }
    case 'reset-password': {
      const user = await findUser(db, need(arg, 'a username'));
      const password = await resetPassword(db, await actor(), user.id);
      print(`New password for "${user.username}" (shown once): ${password}`);
      return;
    }
    case 'revoke-sessions': {
      const user = await findUser(db, need(arg, 'a username'));
      const count = await revokeSessions(db, await actor(), user.id);
      print(`Ended ${count} session(s) of "${user.username}".`);
      return;
    }
    case 'disable-user':
    case 'enable-user': {
      const user = await findUser(db, need(arg, 'a username'));
      const disabled = command === 'disable-user';
      await setUserDisabled(db, await actor(), user.id, disabled);
      print(`"${user.username}" is ${disabled ? 'disabled: no sign-in, no sync' : 'enabled again'}.`);
      return;
    }
    case 'issue-code': {
      const user = await findUser(db, need(arg, 'a username'));
      const project = await findProject(db, need(values.project, '--project'));
      const issued = await issueDeviceCode(db, await actor(), { projectId: project.id, userId: user.id });
      print(`Enrolment code for "${user.username}" (one use, until ${issued.expiresAt}): ${issued.code}`);
      const base = values.url ?? settings.publicUrl;
      if (base === undefined) {
        print(`Or open: <server address>/enrol#code=${issued.code} (set PUBLIC_URL or give --url to print it with a QR code)`);
      } else {
        const link = new URL(`/enrol#code=${issued.code}`, base).href;
        print(`Or scan the QR code of ${link}:\n${renderUnicodeCompact(link)}`);
      }
      return;
    }
    case 'revoke-device': {
      const row = await device(need(arg, 'a device id'));
      await revokeDevice(db, await actor(), row);
      print(`Device ${row.id} is revoked: its token no longer works.`);
      return;
    }
    case 'wipe-device': {
      const row = await device(need(arg, 'a device id'));
      await orderWipe(db, await actor(), row);
      print(`Device ${row.id} will wipe itself on its next sync.`);
      return;
    }
    case 'list':
      await list(database, arg ?? 'users', print);
      return;
    case 'list-users':
      await list(database, 'users', print);
      return;
    case 'audit': {
      const limit = Number(values.limit ?? '50');
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UserInputError('bad_limit', {});
      const project = values.project === undefined ? undefined : await findProject(db, values.project);
      const { entries } = await listAudit(db, { projects: project === undefined ? undefined : [project.id], limit, everyKind: true });
      for (const entry of entries) print(`${entry.at}  ${entry.action}  by ${entry.actor?.username ?? '(command line or anonymous)'}${entry.target === null ? '' : `  on ${entry.target}`}  ${JSON.stringify(entry.detail)}`);
      return;
    }
    case 'help':
      print(ADMIN_HELP);
      return;
    default:
      throw new UserInputError('unknown_command', { command, help: ADMIN_HELP });
  }
}

async function list(database: Db, what: string, print: (line: string) => void): Promise<void> {
  const { db } = database;
  if (what === 'users') {
    for (const row of await listUsersWithRoles(db)) {
      print(`${row.username}${row.is_admin === 1 ? ' (administrator)' : ''}${row.disabled_at === null ? '' : ' (disabled)'}${row.role === null ? '' : `  ${row.role} in "${row.name ?? ''}"`}`);
    }
  } else if (what === 'projects') {
    for (const row of await listProjects(db)) print(`${row.name}  (${row.id})`);
  } else if (what === 'devices') {
    for (const row of await listAllDevices(db)) {
      const state = row.revoked_at !== null ? 'revoked' : row.enrolled_at !== null ? 'enrolled' : 'password session';
      print(`${row.id}  ${row.username}  ${state}  last sync: ${row.last_sync_at ?? 'never'}`);
    }
  } else {
    throw new UserInputError('list_what', {});
  }
}

// The administrator's commands (`npm run admin -- <command>`), separate from the process entry point so
// tests run them against SQLite and PostgreSQL alike.
import { parseArgs } from 'node:util';
import { renderUnicodeCompact } from 'uqr';
import { uuidv7 } from 'uuidv7';
import { audit } from './audit/audit-log.ts';
import { issueEnrolmentCode } from './auth/enrolment-codes.ts';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import { revokeUserSessions } from './auth/sessions.ts';
import { setCaseObserver } from './assignments.ts';
import { DEFAULT_PROJECT } from './bootstrap.ts';
import type { Db } from './db/connect.ts';
import type { ProjectRole } from './db/schema.ts';
import { addMember, createProject, createUser, findProject, findUser, setDisabled, UserInputError } from './users.ts';

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
  help                           Shows this text.`;

/** Runs one command; `print` receives each line of output. Throws UserInputError for a wrong command or argument. */
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
    },
  });
  const [command = 'help', arg] = positionals;
  const { db } = database;
  const cli = { actorId: null, detail: { via: 'cli' } } as const;
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new UserInputError(`${command} needs ${what}. See: npm run admin -- help`);
    return value;
  };
  const role = (): ProjectRole => {
    const value = need(values.role, '--role observer or --role coordinator');
    if (value !== 'observer' && value !== 'coordinator') throw new UserInputError('--role is observer or coordinator');
    return value;
  };
  const device = async (id: string): Promise<{ id: string; project_id: string | null }> => {
    const row = await db.selectFrom('devices').select(['id', 'project_id']).where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new UserInputError(`no device "${id}" (see: npm run admin -- list devices)`);
    return row;
  };

  switch (command) {
    case 'add-user': {
      const userRole = role();
      const project = await findProject(db, values.project ?? DEFAULT_PROJECT);
      const user = await createUser(db, { username: need(arg, 'a username'), ...(values.name === undefined ? {} : { displayName: values.name }) });
      await addMember(db, project.id, user.id, userRole);
      await audit(db, { ...cli, action: 'user.created', projectId: project.id, target: user.id });
      await audit(db, { ...cli, action: 'role.granted', projectId: project.id, target: user.id, detail: { via: 'cli', role: userRole } });
      print(`Created ${userRole} "${user.username}" in "${project.name}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-admin': {
      const user = await createUser(db, { username: need(arg, 'a username'), isAdmin: true, ...(values.name === undefined ? {} : { displayName: values.name }) });
      await audit(db, { ...cli, action: 'user.created', target: user.id, detail: { via: 'cli', admin: true } });
      print(`Created administrator "${user.username}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-project': {
      const id = await createProject(db, need(arg, 'a project name'));
      await audit(db, { ...cli, action: 'project.created', projectId: id, target: id });
      print(`Created project "${arg ?? ''}" (${id}).`);
      return;
    }
    case 'grant':
    case 'add-member': {
      const userRole = role();
      const project = await findProject(db, need(values.project, '--project'));
      const user = await findUser(db, need(arg, 'a username'));
      await addMember(db, project.id, user.id, userRole);
      await audit(db, { ...cli, action: 'role.granted', projectId: project.id, target: user.id, detail: { via: 'cli', role: userRole } });
      print(`"${user.username}" is now ${userRole} in "${project.name}".`);
      return;
    }
    case 'assign': {
      const user = await findUser(db, need(arg, 'a username'));
      const key = need(values.case, '--case CODE_OR_ID');
      const cases = await db.selectFrom('cases').select(['id', 'project_id', 'code']).where((eb) => eb.or([eb('id', '=', key), eb('code', '=', key)])).execute();
      if (cases.length !== 1) throw new UserInputError(cases.length === 0 ? `no case "${key}"` : `several cases have the code "${key}": give the id (${cases.map((c) => c.id).join(', ')})`);
      const [kase] = cases;
      if (kase === undefined) return;
      const member = await db.selectFrom('memberships').select('role').where('project_id', '=', kase.project_id).where('user_id', '=', user.id).executeTakeFirst();
      if (member?.role !== 'observer') throw new UserInputError(`"${user.username}" is not an observer in the case's project: grant the role first`);
      const changed = await setCaseObserver(db, kase, user.id, !values.remove);
      if (changed) await audit(db, { ...cli, action: values.remove ? 'case.observer_unassigned' : 'case.observer_assigned', projectId: kase.project_id, target: kase.id, detail: { via: 'cli', userId: user.id } });
      print(`"${user.username}" is ${values.remove ? 'no longer assigned to' : 'assigned to'} case ${kase.code}${changed ? '' : ' (no change)'}.`);
      return;
    }
    case 'reset-password': {
      const user = await findUser(db, need(arg, 'a username'));
      const password = generatePassword();
      await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', user.id).execute();
      print(`New password for "${user.username}" (shown once): ${password}`);
      return;
    }
    case 'revoke-sessions': {
      const user = await findUser(db, need(arg, 'a username'));
      const count = await revokeUserSessions(db, user.id);
      await audit(db, { ...cli, action: 'auth.sessions_revoked', target: user.id, detail: { via: 'cli', sessions: count } });
      print(`Ended ${count} session(s) of "${user.username}".`);
      return;
    }
    case 'disable-user':
    case 'enable-user': {
      const user = await findUser(db, need(arg, 'a username'));
      const disabled = command === 'disable-user';
      await setDisabled(db, user.id, disabled);
      await audit(db, { ...cli, action: disabled ? 'user.disabled' : 'user.enabled', target: user.id });
      print(`"${user.username}" is ${disabled ? 'disabled: no sign-in, no sync' : 'enabled again'}.`);
      return;
    }
    case 'issue-code': {
      const user = await findUser(db, need(arg, 'a username'));
      const project = await findProject(db, need(values.project, '--project'));
      const member = await db.selectFrom('memberships').select('role').where('project_id', '=', project.id).where('user_id', '=', user.id).executeTakeFirst();
      if (member?.role !== 'observer') throw new UserInputError(`"${user.username}" is not an observer in "${project.name}"`);
      const issued = await issueEnrolmentCode(db, { userId: user.id, projectId: project.id, createdBy: null });
      await audit(db, { ...cli, action: 'device.code_issued', projectId: project.id, target: user.id });
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
      await db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).where('id', '=', row.id).where('revoked_at', 'is', null).execute();
      await audit(db, { ...cli, action: 'device.revoked', projectId: row.project_id, target: row.id });
      print(`Device ${row.id} is revoked: its token no longer works.`);
      return;
    }
    case 'wipe-device': {
      const row = await device(need(arg, 'a device id'));
      const pending = await db.selectFrom('device_commands').select('id').where('device_id', '=', row.id).where('acknowledged_at', 'is', null).executeTakeFirst();
      if (pending === undefined) {
        await db.insertInto('device_commands').values({ id: uuidv7(), device_id: row.id, command: 'wipe', created_by: null, created_at: new Date().toISOString(), delivered_at: null, acknowledged_at: null }).execute();
        await audit(db, { ...cli, action: 'device.wipe_ordered', projectId: row.project_id, target: row.id });
      }
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
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UserInputError('--limit is a whole number from 1 to 10000');
      const project = values.project === undefined ? undefined : await findProject(db, values.project);
      const rows = await db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.actor_id')
        .select(['audit_log.at', 'audit_log.action', 'users.username', 'audit_log.target', 'audit_log.detail'])
        .$if(project !== undefined, (q) => q.where('audit_log.project_id', '=', project?.id ?? ''))
        .orderBy('audit_log.id', 'desc')
        .limit(limit)
        .execute();
      for (const row of rows) print(`${row.at}  ${row.action}  by ${row.username ?? '(command line or anonymous)'}${row.target === null ? '' : `  on ${row.target}`}  ${row.detail}`);
      return;
    }
    case 'help':
      print(ADMIN_HELP);
      return;
    default:
      throw new UserInputError(`unknown command "${command}"\n\n${ADMIN_HELP}`);
  }
}

async function list(database: Db, what: string, print: (line: string) => void): Promise<void> {
  const { db } = database;
  if (what === 'users') {
    const rows = await db
      .selectFrom('users')
      .leftJoin('memberships', 'memberships.user_id', 'users.id')
      .leftJoin('projects', 'projects.id', 'memberships.project_id')
      .select(['users.username', 'users.is_admin', 'users.disabled_at', 'memberships.role', 'projects.name'])
      .orderBy('users.username')
      .execute();
    for (const row of rows) {
      print(`${row.username}${row.is_admin === 1 ? ' (administrator)' : ''}${row.disabled_at === null ? '' : ' (disabled)'}${row.role === null ? '' : `  ${row.role} in "${row.name ?? ''}"`}`);
    }
  } else if (what === 'projects') {
    for (const row of await db.selectFrom('projects').select(['id', 'name']).orderBy('name').execute()) print(`${row.name}  (${row.id})`);
  } else if (what === 'devices') {
    const rows = await db
      .selectFrom('devices')
      .innerJoin('users', 'users.id', 'devices.user_id')
      .select(['devices.id', 'users.username', 'devices.last_sync_at', 'devices.revoked_at', 'devices.enrolled_at'])
      .orderBy('devices.created_at')
      .execute();
    for (const row of rows) {
      const state = row.revoked_at !== null ? 'revoked' : row.enrolled_at !== null ? 'enrolled' : 'password session';
      print(`${row.id}  ${row.username}  ${state}  last sync: ${row.last_sync_at ?? 'never'}`);
    }
  } else {
    throw new UserInputError('list what? users, projects or devices');
  }
}

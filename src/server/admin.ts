// `npm run admin -- <command>`: administrator tasks on the same database the server uses (DATABASE_URL / DATA_DIR).
import { parseArgs } from 'node:util';
import { generatePassword, hashPassword } from './auth/passwords.ts';
import { bootstrapEmptyDatabase, DEFAULT_PROJECT } from './bootstrap.ts';
import { readConfig } from './config.ts';
import { connect, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { ProjectRole } from './db/schema.ts';
import { addMember, createProject, createUser, findProject, UserInputError } from './users.ts';

const HELP = `Usage: npm run admin -- <command> [options]

Commands:
  add-user <username> --role observer|coordinator [--project NAME] [--name "Display name"]
      Creates an account in a project (default: "${DEFAULT_PROJECT}") and prints its password once.
  add-admin <username> [--name "Display name"]
      Creates an administrator (all projects) and prints the password once.
  add-project <name>             Creates a project.
  add-member <username> --project NAME --role observer|coordinator
      Gives an existing account a role in another project.
  reset-password <username>      Sets a new generated password and prints it once.
  list-users                     Lists accounts and their roles.
  help                           Shows this text.`;

async function run(database: Db, argv: readonly string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { role: { type: 'string' }, project: { type: 'string' }, name: { type: 'string' } },
  });
  const [command = 'help', arg] = positionals;
  const { db } = database;
  const need = (value: string | undefined, what: string): string => {
    if (value === undefined || value === '') throw new UserInputError(`${command} needs ${what}. See: npm run admin -- help`);
    return value;
  };
  const role = (): ProjectRole => {
    const value = need(values.role, '--role observer or --role coordinator');
    if (value !== 'observer' && value !== 'coordinator') throw new UserInputError('--role is observer or coordinator');
    return value;
  };

  switch (command) {
    case 'add-user': {
      const userRole = role();
      const project = await findProject(db, values.project ?? DEFAULT_PROJECT);
      const user = await createUser(db, { username: need(arg, 'a username'), ...(values.name === undefined ? {} : { displayName: values.name }) });
      await addMember(db, project.id, user.id, userRole);
      console.log(`Created ${userRole} "${user.username}" in "${project.name}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-admin': {
      const user = await createUser(db, { username: need(arg, 'a username'), isAdmin: true, ...(values.name === undefined ? {} : { displayName: values.name }) });
      console.log(`Created administrator "${user.username}".\nPassword (shown once): ${user.password}`);
      return;
    }
    case 'add-project': {
      const id = await createProject(db, need(arg, 'a project name'));
      console.log(`Created project "${arg ?? ''}" (${id}).`);
      return;
    }
    case 'add-member': {
      const userRole = role();
      const project = await findProject(db, need(values.project, '--project'));
      const user = await db.selectFrom('users').select('id').where('username', '=', need(arg, 'a username')).executeTakeFirst();
      if (user === undefined) throw new UserInputError(`no user "${arg ?? ''}"`);
      await addMember(db, project.id, user.id, userRole);
      console.log(`"${arg ?? ''}" is now ${userRole} in "${project.name}".`);
      return;
    }
    case 'reset-password': {
      const password = generatePassword();
      const result = await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('username', '=', need(arg, 'a username')).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new UserInputError(`no user "${arg ?? ''}"`);
      console.log(`New password for "${arg ?? ''}" (shown once): ${password}`);
      return;
    }
    case 'list-users': {
      const rows = await db
        .selectFrom('users')
        .leftJoin('memberships', 'memberships.user_id', 'users.id')
        .leftJoin('projects', 'projects.id', 'memberships.project_id')
        .select(['users.username', 'users.is_admin', 'memberships.role', 'projects.name'])
        .orderBy('users.username')
        .execute();
      for (const row of rows) console.log(`${row.username}${row.is_admin === 1 ? ' (administrator)' : ''}${row.role === null ? '' : `  ${row.role} in "${row.name ?? ''}"`}`);
      return;
    }
    case 'help':
      console.log(HELP);
      return;
    default:
      throw new UserInputError(`unknown command "${command}"\n\n${HELP}`);
  }
}

const config = readConfig();
const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database);
  const admin = await bootstrapEmptyDatabase(database.db);
  if (admin !== undefined) console.log(`The database was empty: created administrator "${admin.username}" with the password: ${admin.password}\n`);
  await run(database, process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UserInputError || (error instanceof TypeError && 'code' in error) ? `Error: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await database.close();
}

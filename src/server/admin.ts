// `npm run admin -- <command>`: administrator tasks on the same database the server uses (DATABASE_URL / DATA_DIR).
import { runAdminCommand } from './admin-commands.ts';
import { bootstrapEmptyDatabase } from './bootstrap.ts';
import { readConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { ApiError } from './errors.ts';
import { UserInputError } from './users.ts';

const config = readConfig();
const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateToLatest(database);
  const admin = await bootstrapEmptyDatabase(database.db);
  if (admin !== undefined) console.log(`The database was empty: created administrator "${admin.username}" with the password: ${admin.password}\n`);
  await runAdminCommand(database, process.argv.slice(2), (line) => console.log(line), { publicUrl: config.publicUrl });
} catch (error) {
  console.error(error instanceof UserInputError || error instanceof ApiError || (error instanceof TypeError && 'code' in error) ? `Error: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await database.close();
}

// `npm run import -- FILE --project NAME`: loads a JSON archive exported from this or another server.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { cliActor } from './domain/audit.ts';
import { importCases } from './domain/import.ts';
import { ApiError } from './errors.ts';
import { ImportError } from './import/import-archive.ts';
import { findProject, UserInputError } from './users.ts';

const HELP = 'Usage: npm run import -- ARCHIVE.zip --project NAME_OR_ID\nImports all of it or nothing; cases and reports keep their ids, and what is already here is skipped.';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { project: { type: 'string' }, help: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (values.help || file === undefined || values.project === undefined) {
    console.log(HELP);
    if (!values.help) process.exitCode = 1;
    return;
  }
  const config = readConfig();
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    const project = await findProject(database.db, values.project);
    const outcome = await importCases(database.db, cliActor(), new Uint8Array(await readFile(file)), project.id, (step) => console.log(`${step}...`));
    console.log(`Imported into "${project.name}": ${outcome.forms} form(s), ${outcome.cases} case(s), ${outcome.reports} report(s); ${outcome.skipped} already here.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ImportError || error instanceof UserInputError || error instanceof ApiError ? `Error: ${error.message} Nothing was imported.` : error);
  process.exitCode = 1;
});

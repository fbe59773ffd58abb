// `npm start`: the one-process server on the embedded SQLite database, or on PostgreSQL with DATABASE_URL.
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { bootstrapEmptyDatabase } from './bootstrap.ts';
import { ConfigError, readConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { publishBuiltInForms } from './forms/publish.ts';
import { reachabilityLines } from './reachability.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database);
  const forms = await publishBuiltInForms(database.db, pathToFileURL(`${config.formsDir}/`));
  const admin = await bootstrapEmptyDatabase(database.db);

  const app = await buildApp({ database, staticDir: config.staticDir, secureCookies: config.secureCookies, publicUrl: config.publicUrl, trustedProxies: config.trustedProxies, appIdentity: config.appIdentity, sealingRequired: config.sealingRequired, logger: { level: config.logLevel } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => database.close()).finally(() => process.exit(0));
    });
  }
  await app.listen({ port: config.port, host: config.host });
  const where = database.engine === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`\nTrial Monitor is running at http://${shown}:${port} (${where}).`);
  for (const line of reachabilityLines(config, port)) console.log(line);
  if (forms.published.length > 0) console.log(`Published forms: ${forms.published.join(', ')}.`);
  for (const key of forms.differing) console.warn(`Warning: ${key} in forms/ differs from the published version; published versions never change. Give the edited form a new version.`);
  if (admin !== undefined) {
    console.log(`\nFirst start: an administrator was created.\n  Sign in at ${config.publicUrl ?? `http://${shown}:${port}`} as "${admin.username}" with the password: ${admin.password}`);
    console.log('  Write the password down now: it is not shown again. Add people with `npm run admin -- help`.\n');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});

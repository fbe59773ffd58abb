// `npm run export -- --case CODE --format docx|csv|xlsx|json [--key-file FILE]`: a case's monitoring report or data, for automation.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS } from '../core/export/export-formats.ts';
import { exportFileNameOf } from '../core/export/redact-bundle.ts';
import { writeCaseExport } from '../core/export/write-case-export.ts';
import { readStandards } from '../core/forms/standards.ts';
import { CliError, type CliErrorCode } from './cli-errors.ts';
import { readConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { cliActor } from './domain/audit.ts';
import { casesByCodeOrId, exportCase } from './domain/cases.ts';
import { exportKey, KeyError, RECOVERY_CODE_VARIABLE } from './export-key.ts';
import { openCaseBundle, UnopenedReportsError, type SealedCaseBundle } from '../core/seal/open-case-bundle.ts';
import type { UnlockedKey } from '../core/seal/keys.ts';
import { serverSealCrypto } from './seal-crypto.ts';

const HELP = `Usage: npm run export -- --case CODE_OR_ID --format ${EXPORT_FORMATS.join('|')} [options]

Options:
  --out FILE              where to write (default: <case code>.<format> in this folder)
  --language en|ru        language of labels and answers (default: en)
  --codes-only            redaction: observers by code, registered names replaced by codes
  --include-interviews    include interview records (left out by default: they are restricted)
  --include-unapproved    docx: include reports not yet approved, marked (approved only by default)
  --key-file FILE         a sealed project: its recovery file (the key file the sealing screen downloads);
                          the recovery code is asked for at the terminal (or read from ${RECOVERY_CODE_VARIABLE},
                          or the first line of standard input). Wrong file or code: exit code 2, nothing written.`;

/** A wrong command-line argument, coded in cli-errors.ts like the other tools' refusals. */
class UsageError<C extends CliErrorCode = CliErrorCode> extends CliError<C> {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      case: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      language: { type: 'string', default: 'en' },
      'codes-only': { type: 'boolean', default: false },
      'include-interviews': { type: 'boolean', default: false },
      'include-unapproved': { type: 'boolean', default: false },
      'key-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const format = EXPORT_FORMATS.find((f) => f === values.format);
  if (values.case === undefined || format === undefined) throw new UsageError('export_usage', { help: HELP });
  if (values.language !== 'en' && values.language !== 'ru') throw new UsageError('bad_language', {});

  const config = readConfig();
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    const matches = await casesByCodeOrId(database.db, values.case);
    if (matches.length === 0) throw new UsageError('no_case', { key: values.case });
    if (matches.length > 1) throw new UsageError('ambiguous_case', { key: values.case, ids: matches.map((m) => m.id).join(', ') });
    const kase = matches[0];
    if (kase === undefined) return;
    // The key first: a wrong file or code stops before the export is read and audited.
    const key = values['key-file'] === undefined ? undefined : await exportKey(database.db, values['key-file'], await projectOf(database.db, kase.project_id));
    console.log(`Reading case ${kase.code}...`);
    const settings = { language: values.language, codesOnly: values['codes-only'], includeInterviews: values['include-interviews'], includeUnapproved: values['include-unapproved'] };
    // Reading the bundle is the export, audited as the API's is (the same domain operation).
    const served = await exportCase(database.db, cliActor(), kase, { format, codesOnly: settings.codesOnly, includeInterviews: settings.includeInterviews, includeUnapproved: settings.includeUnapproved, ...(key === undefined ? {} : { keyFile: true }) });
    const bundle = await opened(served, key);
    const { rights } = readStandards(JSON.parse(await readFile(join(config.formsDir, 'standards.json'), 'utf8')) as unknown);
    console.log(`Writing ${bundle.reports.length} report(s) as ${format}...`);
    const bytes = await writeCaseExport(bundle, format, settings, rights, new Date(), (step) => console.log(`  ${step}...`));
    const out = values.out ?? exportFileNameOf(bundle, format, settings.codesOnly);
    await writeFile(out, bytes);
    console.log(`Wrote ${out} (${Math.ceil(bytes.length / 1024)} KiB).`);
  } finally {
    await database.close();
  }
}

/** The project's id and name, for the key file's checks and their messages. */
function projectOf(db: Parameters<typeof exportKey>[0], projectId: string): Promise<{ id: string; name: string }> {
  return db.selectFrom('projects').select(['id', 'name']).where('id', '=', projectId).executeTakeFirstOrThrow();
}

/** The bundle with its sealed reports opened (as an open project's), or a refusal: never an export with sealed reports left empty. */
async function opened(bundle: SealedCaseBundle, key: UnlockedKey | undefined): Promise<SealedCaseBundle> {
  const sealed = bundle.reports.filter((r) => r.sealed !== undefined).length;
  if (sealed === 0) return bundle;
  if (key === undefined) throw new KeyError('sealed_case_needs_key', { code: bundle.case.code, reports: sealed });
  console.log(`Opening ${sealed} sealed report(s)...`);
  try {
    return await openCaseBundle(serverSealCrypto, key, bundle, (done, total) => {
      if (done % 100 === 0 || done === total) console.log(`  ${done} of ${total}`);
    });
  } catch (error) {
    if (error instanceof UnopenedReportsError) throw new KeyError('sealed_reports_unopened', { ids: error.reportIds.join(', ') });
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError || error instanceof KeyError ? `Error: ${error.message}` : error);
  // 2: the key of a sealed project (wrong file or code, or none given); 1: anything else.
  process.exitCode = error instanceof KeyError ? 2 : 1;
});

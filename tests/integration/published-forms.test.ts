import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishBuiltInForms } from '../../src/server/forms/publish.ts';
import { publishedForms } from '../../src/server/sync/published-forms.ts';
import { createTestDb, testEngines, type TestDb } from '../helpers/databases.ts';

describe.each(testEngines())('form definitions for pulls on %s', (engine) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb(engine);
    await publishBuiltInForms(database.db, pathToFileURL(`${process.cwd()}/forms/`));
  });
  afterAll(async () => {
    await database.cleanup();
  });
  const stored = (file: string): unknown => JSON.parse(readFileSync(`forms/${file}`, 'utf8')) as unknown;

  it('reads the published definitions asked for in one go and leaves out versions never published', async () => {
    const found = await database.db.transaction().execute((trx) => publishedForms(database.db, trx, ['hearing@1', 'incident@1', 'hearing@99']));
    expect([...found.keys()]).toEqual(['hearing@1', 'incident@1']);
    expect(found.get('hearing@1')).toEqual({ id: 'hearing', version: 1, definition: stored('hearing@1.json') });
    expect(found.get('incident@1')?.definition).toEqual(stored('incident@1.json'));
  });

  it('serves a definition read once from memory afterwards (published versions never change)', async () => {
    const first = await database.db.transaction().execute((trx) => publishedForms(database.db, trx, ['case-file@1']));
    const again = await database.db.transaction().execute((trx) => publishedForms(database.db, trx, ['case-file@1', 'hearing@1']));
    expect(again.get('case-file@1')).toBe(first.get('case-file@1'));
    expect(again.get('hearing@1')?.definition).toEqual(stored('hearing@1.json'));
  });
});

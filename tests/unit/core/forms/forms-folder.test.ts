import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFormsFolder } from '../../../../src/server/forms/forms-folder.ts';
import { FORMS_FOLDER, patched, readJson, smallForm, type Json } from './fixtures.ts';

const folders: string[] = [];

async function folderWith(files: Record<string, unknown>): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), 'forms-'));
  folders.push(dir);
  await writeFile(join(dir, 'standards.json'), JSON.stringify(readJson('standards.json')));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return pathToFileURL(`${dir}/`);
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true })));
});

describe('checkFormsFolder (npm run forms:check)', () => {
  it('passes on the shipped forms', async () => {
    const result = await checkFormsFolder(FORMS_FOLDER);
    expect(result).toMatchObject({ ok: true, forms: 13, faults: 0 });
  });

  it('prints each fault as "file: path: message"', async () => {
    const broken: Json = patched(patched(smallForm(), '/sections/0/items/1/relevant/field', 'nope'), '/sections/0/items/0/concern/rights/0', 'iccpr-99');
    const result = await checkFormsFolder(await folderWith({ 'mini.json': broken, 'bad.json': '{ not json' }));
    expect(result.ok).toBe(false);
    expect(result.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.json: not valid JSON/),
        'mini.json: /sections/0/items/0/concern/rights/0: unknown right "iccpr-99": add it to forms/standards.json or fix the id',
        'mini.json: /sections/0/items/1/relevant/field: unknown field "nope"',
      ]),
    );
    expect(result.faults).toBe(3);
  });

  it('wants each form in a file named after its id (and version)', async () => {
    const result = await checkFormsFolder(await folderWith({ 'mini@2.json': patched(smallForm(), '/version', 2), 'other.json': smallForm() }));
    expect(result.lines).toEqual(['mini@2.json: mini@2 ok', 'other.json: /id: name the file mini.json or mini@1.json']);
  });
});

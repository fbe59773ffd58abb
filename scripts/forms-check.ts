// `npm run forms:check`: validates every form in forms/ and prints each fault with its path, and fails
// while forms/schema.json is not the one the loader's shape generates (`npm run forms:schema`).
import { readFile } from 'node:fs/promises';
import { formJsonSchemaText } from '../src/core/forms/form-json-schema.ts';
import { checkFormsFolder } from '../src/server/forms/forms-folder.ts';

const folder = new URL('../forms/', import.meta.url);
const result = await checkFormsFolder(folder);
for (const line of result.lines) console.log(line);
const schemaCurrent = (await readFile(new URL('schema.json', folder), 'utf8')) === formJsonSchemaText();
if (!schemaCurrent) console.error('schema.json: not generated from src/core/forms/load-shape.ts, or changed by hand since. Run `npm run forms:schema`.');
if (!result.ok || !schemaCurrent) {
  console.error(`forms:check failed: ${result.faults + (schemaCurrent ? 0 : 1)} fault(s). Fix them and run it again.`);
  process.exit(1);
}
console.log(`forms:check: ${result.forms} form(s) valid; schema.json is current.`);

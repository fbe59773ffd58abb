// `npm run forms:schema`: writes forms/schema.json from the loader's shape (src/core/forms/load-shape.ts).
import { writeFile } from 'node:fs/promises';
import { formJsonSchemaText } from '../src/core/forms/form-json-schema.ts';

const target = new URL('../forms/schema.json', import.meta.url);
await writeFile(target, formJsonSchemaText());
console.log('forms:schema: wrote forms/schema.json from src/core/forms/load-shape.ts.');

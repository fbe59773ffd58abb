// `npm run forms:check`: validates every form in forms/ and prints each fault with its path.
import { checkFormsFolder } from '../src/server/forms/forms-folder.ts';

const result = await checkFormsFolder(new URL('../forms/', import.meta.url));
for (const line of result.lines) console.log(line);
if (!result.ok) {
  console.error(`forms:check failed: ${result.faults} fault(s). Fix them and run it again.`);
  process.exit(1);
}
console.log(`forms:check: ${result.forms} form(s) valid.`);

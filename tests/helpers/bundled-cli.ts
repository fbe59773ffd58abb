import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a command-line tool as `npm run admin|export|import` does: the bundle in dist/server under plain
 * Node, no tsx (so a production install can run it). `npm test` builds first; alone, run `npm run build`.
 */
export async function runBundledCli(tool: 'admin' | 'export' | 'import', args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  const bundle = `dist/server/${tool}.js`;
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  return run(process.execPath, [bundle, ...args], { env });
}

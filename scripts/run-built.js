// `npm run admin|export|import -- ...`: runs the bundled tool (dist/server/<name>.js), so that a production
// install (`npm ci --omit=dev`) needs neither tsx nor any other development tool. Plain JavaScript for the
// same reason (type-checked through tsconfig.config.json). In a development checkout (Vite installed) it
// first rebuilds the server bundle when it is missing or older than the sources, as `npm start` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = ['admin', 'export', 'import'];
const root = fileURLToPath(new URL('..', import.meta.url));
const [tool = '', ...args] = process.argv.slice(2);
if (!TOOLS.includes(tool)) {
  console.error(`Usage: node scripts/run-built.js ${TOOLS.join('|')} [arguments]`);
  process.exit(2);
}
const bundle = join(root, 'dist', 'server', `${tool}.js`);

/** @param {string} path @returns {number} the newest modification time of a file or of any file below a folder (0: absent) */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const canBuild = existsSync(join(root, 'node_modules', 'vite'));
const built = existsSync(bundle);
const stale = built && canBuild && ['src/server', 'src/core', 'vite.server.config.ts', 'package-lock.json'].some((p) => newest(join(root, p)) > statSync(bundle).mtimeMs);
if (!built && !canBuild) {
  console.error(`${bundle} is missing and this install has no build tools: build on a full install (npm ci && npm run build), then copy dist/ here.`);
  process.exit(1);
}
if (!built || stale) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.server.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', bundle, ...args], { stdio: 'inherit' });
process.exitCode = run.status ?? 1;

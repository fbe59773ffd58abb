import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Probe files written into the real folders and linted with the project's own eslint.config.js, as
 * `npm run lint` would: each holds one crossing of a boundary, or none. One lint run for all of them,
 * because type-aware lint loads each folder's TypeScript project once.
 */
const PROBES = {
  coreDom: { folder: 'src/core/forms', code: 'export const title: string = document.title;\n' },
  coreNode: { folder: 'src/core/forms', code: 'export const here: string = process.cwd();\n' },
  coreClean: { folder: 'src/core/forms', code: "import { formKey } from './types.ts';\n\nexport const key: string = formKey({ id: 'hearing', version: 1 });\n" },
  coreImportsApp: { folder: 'src/core/forms', code: "export { formatDay } from '../../app/base/i18n/dates.ts';\n" },
  coreImportsNode: { folder: 'src/core/forms', code: "export { readFile } from 'node:fs/promises';\n" },
  swWindow: { folder: 'src/sw', code: 'export const page: unknown = window;\n' },
  swImportsApp: { folder: 'src/sw', code: "export { formatDay } from '../app/base/i18n/dates.ts';\n" },
  appImportsServer: { folder: 'src/app/db', code: "export { loadFormsFolder } from '../../server/forms/forms-folder.ts';\n" },
  serverImportsApp: { folder: 'src/server/forms', code: "export { formatDay } from '../../app/base/i18n/dates.ts';\n" },
  // The app's layers: shell, screens, the device's services, the base.
  baseImportsDb: { folder: 'src/app/base', code: "export { openDeviceDatabase } from '../db/database.ts';\n" },
  serviceImportsScreen: { folder: 'src/app/sync', code: "export { CaseList } from '../screens/case-list.tsx';\n" },
  observerImportsCoordinator: { folder: 'src/app/form', code: "export { useText } from '../coordinator/text.ts';\n" },
  screenImportsShell: { folder: 'src/app/coordinator', code: "export { App } from '../app.tsx';\n" },
  layersClean: { folder: 'src/app/screens', code: "export { formatDay } from '../base/i18n/dates.ts';\nexport { openDeviceDatabase } from '../db/database.ts';\n" },
} as const;
type Probe = keyof typeof PROBES;

type Messages = { ruleId: string | null; message: string }[];
const paths = new Map<Probe, string>();

/** Writes the probes, lints them, removes them. Run once, by the first test that asks (within its own time limit). */
async function lintProbes(): Promise<Map<Probe, Messages>> {
  const tag = randomUUID().slice(0, 8);
  for (const [name, probe] of Object.entries(PROBES) as [Probe, (typeof PROBES)[Probe]][]) {
    mkdirSync(`${ROOT}${probe.folder}`, { recursive: true });
    const path = `${ROOT}${probe.folder}/lint-probe-${name}-${tag}.ts`;
    writeFileSync(path, probe.code);
    paths.set(name, path);
  }
  try {
    const results = await new ESLint({ cwd: ROOT }).lintFiles([...paths.values()]);
    return new Map([...paths].map(([name, path]) => [name, results.find((r) => r.filePath === path)?.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) ?? []]));
  } finally {
    for (const path of paths.values()) rmSync(path, { force: true });
  }
}

let linted: Promise<Map<Probe, Messages>> | undefined;
const messagesOf = async (probe: Probe): Promise<Messages | undefined> => (await (linted ??= lintProbes())).get(probe);
const rulesOf = async (probe: Probe): Promise<(string | null)[]> => ((await messagesOf(probe)) ?? []).map((m) => m.ruleId);

afterAll(() => {
  for (const path of paths.values()) rmSync(path, { force: true });
});

describe('lint keeps the runtimes apart', () => {
  it('refuses a DOM global in src/core, and a Node one', async () => {
    expect(await messagesOf('coreDom')).toContainEqual({ ruleId: 'no-restricted-globals', message: expect.stringMatching(/^Unexpected use of 'document'\. src\/core runs in the browser/) as unknown });
    expect(await rulesOf('coreNode')).toContain('no-restricted-globals');
    // The type-aware rules cannot resolve them either: src/core is compiled without DOM and Node types.
    expect(await rulesOf('coreDom')).toContain('@typescript-eslint/no-unsafe-member-access');
  });

  it('passes a clean file in src/core (so the refusals above are the boundary, not the probe)', async () => {
    expect(await messagesOf('coreClean')).toEqual([]);
  });

  it('keeps src/core to itself, the forms folder and packages, Node\'s modules excepted', async () => {
    expect(await messagesOf('coreImportsApp')).toEqual([{ ruleId: 'boundaries/import-zones', message: expect.stringMatching(/^src\/core may not import src\/app\/base\/i18n\/dates\.ts/) as unknown }]);
    expect(await rulesOf('coreImportsNode')).toEqual(['no-restricted-imports']);
  });

  it('refuses page globals and app imports in the service worker', async () => {
    expect(await rulesOf('swWindow')).toEqual(['no-restricted-globals']);
    expect(await rulesOf('swImportsApp')).toEqual(['boundaries/import-zones']);
  });

  it('refuses server code in the app and app code in the server', async () => {
    expect(await messagesOf('appImportsServer')).toEqual([{ ruleId: 'boundaries/import-zones', message: expect.stringMatching(/^src\/app may not import src\/server\/forms\/forms-folder\.ts/) as unknown }]);
    expect(await rulesOf('serverImportsApp')).toEqual(['boundaries/import-zones']);
  });
});

describe('lint keeps the app in layers, from the shell down to the base', () => {
  it('refuses the base importing the device database, a service importing a screen, a screen importing the shell', async () => {
    expect(await messagesOf('baseImportsDb')).toEqual([{ ruleId: 'boundaries/import-zones', message: expect.stringMatching(/^src\/app\/base may not import src\/app\/db\/database\.ts/) as unknown }]);
    expect(await rulesOf('serviceImportsScreen')).toEqual(['boundaries/import-zones']);
    expect(await rulesOf('screenImportsShell')).toEqual(['boundaries/import-zones']);
  });

  it("refuses the observer's screens importing the coordinator's", async () => {
    expect(await messagesOf('observerImportsCoordinator')).toEqual([{ ruleId: 'boundaries/import-zones', message: expect.stringMatching(/^src\/app\/form may not import src\/app\/coordinator\/text\.ts: the observer's phone/) as unknown }]);
  });

  it('passes a screen that imports downwards', async () => {
    expect(await messagesOf('layersClean')).toEqual([]);
  });
});

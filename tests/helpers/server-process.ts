import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundledCli } from './bundled-cli.ts';

/** The built server (dist/server/main.js, what `npm start` runs) as a real process on a free port. */
export interface ServerProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly admin: { readonly username: string; readonly password: string };
  /** The server's process id (the benches read its CPU time). */
  readonly pid: number | undefined;
  /** Runs `npm run admin -- ...` against this server's database and returns what it printed. */
  adminCli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL (a power cut, an OOM kill): no shutdown, no cleanup; the data folder stays. */
  crash(): Promise<void>;
}

/**
 * Starts the server on a new temporary database, or on `env.DATA_DIR` when given: then `existing`
 * names the administrator's password (printed only on a first start) and the folder is left in place.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  existing?: { password: string; keepDataDir: boolean },
  options: { readonly nodeArgs?: readonly string[] } = {},
): Promise<ServerProcess> {
  const dataDir = env['DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'tm-e2e-'));
  // nodeArgs: flags for node itself, such as the benches' --cpu-prof (NODE_OPTIONS refuses that one).
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/server/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = await new Promise<{ url: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const check = (): void => {
      const url = /running at (http:\/\/[^\s]+) /.exec(output)?.[1];
      const password = existing?.password ?? /with the password: (\S+)/.exec(output)?.[1];
      if (url !== undefined && password !== undefined) {
        clearTimeout(timer);
        resolve({ url: url.replace('localhost', '127.0.0.1'), password });
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url: started.url,
    dataDir,
    pid: child.pid,
    admin: { username: 'admin', password: started.password },
    adminCli: async (...args) => {
      const { stdout } = await runBundledCli('admin', args, { ...process.env, DATA_DIR: dataDir });
      return stdout;
    },
    crash: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (existing?.keepDataDir !== true) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the one-time password that `npm run admin -- add-user` prints. */
export function printedPassword(output: string): string {
  const password = /Password \(shown once\): (\S+)/.exec(output)?.[1];
  if (password === undefined) throw new Error(`no password in:\n${output}`);
  return password;
}

/** A port that was free a moment ago: a restarted server takes the same one, as behind a proxy. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** DATABASE_URL for a server process that must work in one PostgreSQL schema (the test's own). */
export function postgresUrlInSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

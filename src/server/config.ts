import { resolve } from 'node:path';

/** Everything the server reads from its environment, with the embedded defaults. See README "Configuration". */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** postgres://... to use PostgreSQL; undefined for the embedded SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly staticDir: string;
  readonly formsDir: string;
  readonly logLevel: string;
  /** Set the Secure flag on cookies: on whenever the server is reached over HTTPS (behind a proxy). */
  readonly secureCookies: boolean;
  /**
   * The address people and phones use to reach the server (https://monitor.example.org), as an origin;
   * undefined when unset. Enrolment links and QR codes are built on it, never on whatever address the
   * coordinator's browser happened to use (127.0.0.1 on the server's own laptop reaches no phone).
   */
  readonly publicUrl: string | undefined;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`PORT must be a port number, not "${env['PORT'] ?? ''}"`);
  const databaseUrl = env['DATABASE_URL'] === undefined || env['DATABASE_URL'] === '' ? undefined : env['DATABASE_URL'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  const publicUrl = readPublicUrl(env['PUBLIC_URL']);
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    databaseUrl,
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    staticDir: resolve(env['STATIC_DIR'] ?? 'dist/app'),
    formsDir: resolve(env['FORMS_DIR'] ?? 'forms'),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    secureCookies: env['SECURE_COOKIES'] === '1' || env['SECURE_COOKIES'] === 'true',
    publicUrl,
  };
}

/** PUBLIC_URL as an origin (scheme, host and port): the app is served at the root, so a path would break every link. */
function readPublicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`PUBLIC_URL must be the address phones use to reach the server, like https://monitor.example.org (no path), not "${value}"`);
  }
  return url.origin;
}

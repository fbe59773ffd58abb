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
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`PORT must be a port number, not "${env['PORT'] ?? ''}"`);
  const databaseUrl = env['DATABASE_URL'] === undefined || env['DATABASE_URL'] === '' ? undefined : env['DATABASE_URL'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    databaseUrl,
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    staticDir: resolve(env['STATIC_DIR'] ?? 'dist/app'),
    formsDir: resolve(env['FORMS_DIR'] ?? 'forms'),
    logLevel: env['LOG_LEVEL'] ?? 'info',
    secureCookies: env['SECURE_COOKIES'] === '1' || env['SECURE_COOKIES'] === 'true',
  };
}

import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { DEFAULT_APP_NAME, type AppIdentity } from './http/app-identity.ts';

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
  /** The reverse proxies believed about the client's address (X-Forwarded-For): addresses, CIDR ranges or proxy-addr's names. */
  readonly trustedProxies: readonly string[];
  /** APP_NAME and APP_ICON: what the installed app is called and looks like on a phone (app-identity.ts). */
  readonly appIdentity: AppIdentity;
  /**
   * REQUIRE_SEALED_PROJECTS (issue 11 part 6): every project must be sealed before it receives reports.
   * The coordinator's screens say so and offer sealing first; the push refuses every readable report
   * version (src/server/sync/seal-policy.ts), so reports wait on the phones until their project is sealed.
   */
  readonly sealingRequired: boolean;
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
    trustedProxies: readTrustedProxies(env['TRUSTED_PROXY'] ?? ''),
    appIdentity: readAppIdentity(env['APP_NAME'], env['APP_ICON']),
    sealingRequired: readFlag('REQUIRE_SEALED_PROJECTS', env['REQUIRE_SEALED_PROJECTS']),
  };
}

/**
 * APP_NAME (discretion, issue 10 item 6): a neutral name such as "Notes" for the home screen, the page title
 * and the lock screen. Setting it alone also switches to the neutral icon, since the scales would give the
 * name away; APP_ICON=standard keeps the scales, APP_ICON=neutral uses the plain one with the default name.
 */
export function readAppIdentity(name: string | undefined, icon: string | undefined): AppIdentity {
  const named = name !== undefined && name.trim() !== '';
  const trimmed = named ? name.trim() : DEFAULT_APP_NAME;
  // Control characters and angle brackets have no place in a name shown on a home screen.
  if (trimmed.length > 30 || /[\p{Cc}<>]/u.test(trimmed)) {
    throw new ConfigError(`APP_NAME must be a short name of at most 30 characters, like Notes, not "${name ?? ''}"`);
  }
  if (icon !== undefined && icon !== '' && icon !== 'standard' && icon !== 'neutral') {
    throw new ConfigError(`APP_ICON must be neutral or standard, not "${icon}"`);
  }
  const chosen = icon === 'standard' || icon === 'neutral' ? icon : named ? 'neutral' : 'standard';
  return { name: trimmed, icon: chosen };
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

/** A yes/no setting: 1 or true, 0 or false, or unset (no); anything else is a mistake worth stopping for. */
function readFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ConfigError(`${name} must be 1 (or true) or 0 (or false), not "${value}"`);
}

/** Names that proxy-addr (Fastify's trustProxy) expands: 127.0.0.0/8 and ::1; 169.254.0.0/16 and fe80::/10; private ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUSTED_PROXY: a comma-separated list of the proxies in front of the server, as addresses
 * (`10.0.0.5`), CIDR ranges (`10.0.0.0/8`) or the names above. Empty (the default) trusts nobody, so a
 * client cannot pick its own address with an X-Forwarded-For header.
 */
function readTrustedProxies(value: string): string[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const version = isIP(address);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (!RANGE_NAMES.has(entry) && (version === 0 || !prefixOk || extra !== undefined)) {
      throw new ConfigError(`TRUSTED_PROXY must list proxy addresses or ranges such as 10.0.0.5 or 10.0.0.0/8, separated by commas; "${entry}" is neither`);
    }
  }
  return entries;
}

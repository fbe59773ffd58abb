import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { PROTOCOL_VERSION } from '../core/sync/protocol.ts';
import type { Db } from './db/connect.ts';
import { ApiError, apiError, errorBody, fromFastifyError, notFound } from './errors.ts';
import { FormCache } from './forms/form-cache.ts';
import { authHook } from './http/auth-hook.ts';
import { appShellRoutes, appShellSource, DEFAULT_APP_NAME, sendIndexHtml, SHELL_FILES, type AppIdentity, type AppShell } from './http/app-identity.ts';
import { applyBodyLimit } from './http/body-limits.ts';
import { clientErrorHandler } from './http/client-errors.ts';
import { crossSiteHook } from './http/cross-site.ts';
import { noStoreHook } from './http/no-store.ts';
import { securityHeadersHook } from './http/security-headers.ts';
import { checkResponseHook, registerRoute } from './http/register-route.ts';
import { contract } from '../core/api/contract.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { sentRetentionRoutes } from './routes/sent-retention.ts';
import { regionalStandardsRoutes } from './routes/regional-standards.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { caseRoutes } from './routes/cases.ts';
import { caseRegisterRoutes } from './routes/case-register.ts';
import { clearSiteDataRoutes } from './routes/clear-site-data.ts';
import { deviceRoutes } from './routes/devices.ts';
import { enrolRoutes } from './routes/enrol.ts';
import { formRoutes } from './routes/forms.ts';
import { passwordRoutes } from './routes/password.ts';
import { peopleRoutes } from './routes/people.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { pendingInvitationRoutes } from './routes/pending-invitations.ts';
import { themeRoutes } from './routes/themes.ts';
import { reportRoutes } from './routes/reports.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { projectKeyRoutes } from './routes/project-keys.ts';
import { syncRoutes } from './routes/sync.ts';
import { resealRoutes } from './routes/reseal.ts';
import { SERVER_VERSION } from './version.ts';

export interface AppOptions {
  readonly database: Db;
  /** The built PWA (dist/app); when missing, only the API is served. */
  readonly staticDir?: string;
  readonly secureCookies?: boolean;
  /** PUBLIC_URL: the origin that enrolment links and QR codes use (see config.ts). */
  readonly publicUrl?: string | undefined;
  /** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For names the real client (TRUSTED_PROXY). */
  readonly trustedProxies?: readonly string[];
  /** APP_NAME and APP_ICON: the name and icon the served app shows (the default: Trial Monitor, the scales). */
  readonly appIdentity?: AppIdentity;
  /** REQUIRE_SEALED_PROJECTS: every project must be sealed before it receives reports (config.ts). */
  readonly sealingRequired?: boolean;
  readonly logger?: FastifyServerOptions['logger'];
  /** Told of every route as it is added: the fuzz test enumerates the API with it, so new routes are fuzzed too. */
  readonly onRoute?: (route: RouteOptions) => void;
  /** Tests: every answer of a route in the contract table is checked against its response schema (a 500 when it is not). */
  readonly checkResponses?: boolean;
}

/** 1 MiB: a push of 100 finalised reports fits; anything larger is refused before it is parsed. */
export const BODY_LIMIT = 1024 * 1024;


/** Builds the server: the API under /api and the PWA everywhere else. Tests call it without opening a port. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Only the listed proxies are believed about the client's address; by default nobody is.
    trustProxy: options.trustedProxies === undefined || options.trustedProxies.length === 0 ? false : [...options.trustedProxies],
    clientErrorHandler,
  });
  // Fastify logs method, path and status of each request, never bodies or cookies: answers, names and tokens stay out.
  app.addHook('onRoute', applyBodyLimit);
  app.addHook('onSend', noStoreHook);
  if (options.onRoute !== undefined) app.addHook('onRoute', options.onRoute);
  if (options.checkResponses === true) app.addHook('preSerialization', checkResponseHook);

  app.addHook(
    'onRequest',
    securityHeadersHook({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Plain HTTP on a laptop must keep working; HSTS belongs to the TLS proxy in front.
      hsts: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  await app.register(cookie);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const answer = error instanceof ApiError ? error : fromFastifyError(error, request.routeOptions.bodyLimit ?? BODY_LIMIT);
    if (answer.code === 'server_error') request.log.error({ err: error }, 'request failed');
    return reply.status(answer.status).send(errorBody(answer));
  });

  app.addHook('onRequest', crossSiteHook(options.secureCookies ?? false));
  app.addHook('onRequest', authHook(options.database));
  const forms = new FormCache();
  authRoutes(app, options.database, options.secureCookies ?? false);
  passwordRoutes(app, options.database);
  syncRoutes(app, options.database, forms, options.sealingRequired ?? false);
  reportRoutes(app, options.database);
  caseRoutes(app, options.database);
  caseRegisterRoutes(app, options.database);
  themeRoutes(app, options.database);
  formRoutes(app, options.database);
  reviewRoutes(app, options.database);
  attachmentRoutes(app, options.database);
  sentRetentionRoutes(app, options.database);
  regionalStandardsRoutes(app, options.database);
  peopleRoutes(app, options.database);
  invitationRoutes(app, options.database);
  pendingInvitationRoutes(app, options.database);
  deviceRoutes(app, options.database, options.publicUrl);
  enrolRoutes(app, options.database);
  auditRoutes(app, options.database);
  clearSiteDataRoutes(app);
  projectKeyRoutes(app, options.database, options.sealingRequired ?? false);
  resealRoutes(app, options.database);
  // For load balancers and monitoring: no sign-in, no secrets (no URL, path or user names), only whether it works.
  registerRoute(app, contract.health, async (_input, request, reply) => {
    const engine = options.database.engine;
    const base = { version: SERVER_VERSION, protocol: PROTOCOL_VERSION };
    try {
      await options.database.db.selectFrom('counters').select('value').limit(1).execute();
      return { status: 'ok', ...base, database: { engine, reachable: true } };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      // The health answer and the common error body together: monitors read the first, clients the second.
      void reply.status(503);
      return { status: 'unavailable', ...base, database: { engine, reachable: false }, ...errorBody(apiError('database_unreachable', {})) };
    }
  });

  const staticDir = options.staticDir;
  const index = staticDir === undefined ? undefined : join(staticDir, 'index.html');
  let shell: (() => AppShell) | undefined;
  if (staticDir !== undefined && index !== undefined && existsSync(index)) {
    shell = appShellSource(staticDir, options.appIdentity ?? { name: DEFAULT_APP_NAME, icon: 'standard' });
    appShellRoutes(app, shell);
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      // These carry the app's name and icon: appShellRoutes serves them as configured, never as built.
      globIgnore: [...SHELL_FILES],
      setHeaders: (res, path) => {
        // Hashed assets never change; the shell, the service worker and the manifest must be revalidated.
        res.header('Cache-Control', path.includes(join(staticDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || shell === undefined) {
      return reply.status(404).send(errorBody(notFound('address')));
    }
    // Client-side routes (/cases/..., /reports/...) all load the app shell.
    return sendIndexHtml(reply, shell);
  });

  return app;
}

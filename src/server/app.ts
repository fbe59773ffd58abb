import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { PROTOCOL_VERSION, type ApiErrorBody } from '../core/sync/protocol.ts';
import type { Db } from './db/connect.ts';
import { ApiError } from './errors.ts';
import { FormCache } from './forms/form-cache.ts';
import { authHook } from './http/auth-hook.ts';
import { applyBodyLimit } from './http/body-limits.ts';
import { clientErrorHandler } from './http/client-errors.ts';
import { crossSiteHook } from './http/cross-site.ts';
import { noStoreHook } from './http/no-store.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { caseRoutes } from './routes/cases.ts';
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
import { syncRoutes } from './routes/sync.ts';
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
  readonly logger?: FastifyServerOptions['logger'];
  /** Told of every route as it is added: the fuzz test enumerates the API with it, so new routes are fuzzed too. */
  readonly onRoute?: (route: RouteOptions) => void;
}

/** 1 MiB: a push of 100 finalised reports fits; anything larger is refused before it is parsed. */
export const BODY_LIMIT = 1024 * 1024;

const errorBody = (code: string, message: string, issues?: ApiErrorBody['error']['issues']): ApiErrorBody => ({
  error: { code, message, ...(issues === undefined ? {} : { issues }) },
});

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

  await app.register(helmet, {
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
  });
  await app.register(cookie);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.issues));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send(errorBody('server_error', 'The server failed to handle this request. Nothing was stored; try again later.'));
    }
    const code =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
            ? 'bad_json'
            : 'bad_request';
    const message =
      code === 'body_too_large'
        ? `The request is larger than ${(request.routeOptions.bodyLimit ?? BODY_LIMIT) / 1024} KiB. Send fewer items at once.`
        : code === 'bad_json'
          ? 'The request body is not valid JSON.'
          : error.message;
    return reply.status(status).send(errorBody(code, message));
  });

  app.addHook('onRequest', crossSiteHook(options.secureCookies ?? false));
  app.addHook('onRequest', authHook(options.database));
  const forms = new FormCache();
  authRoutes(app, options.database, options.secureCookies ?? false);
  passwordRoutes(app, options.database);
  syncRoutes(app, options.database, forms);
  reportRoutes(app, options.database);
  caseRoutes(app, options.database);
  themeRoutes(app, options.database);
  formRoutes(app, options.database);
  reviewRoutes(app, options.database);
  attachmentRoutes(app, options.database);
  peopleRoutes(app, options.database);
  invitationRoutes(app, options.database);
  pendingInvitationRoutes(app, options.database);
  deviceRoutes(app, options.database, options.publicUrl);
  enrolRoutes(app, options.database);
  auditRoutes(app, options.database);
  clearSiteDataRoutes(app);
  // For load balancers and monitoring: no sign-in, no secrets (no URL, path or user names), only whether it works.
  app.get('/api/health', async (request, reply) => {
    const engine = options.database.engine;
    const base = { version: SERVER_VERSION, protocol: PROTOCOL_VERSION };
    try {
      await options.database.db.selectFrom('counters').select('value').limit(1).execute();
      return { status: 'ok', ...base, database: { engine, reachable: true } };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.status(503).send({
        status: 'unavailable',
        ...base,
        database: { engine, reachable: false },
        ...errorBody('database_unreachable', 'The server cannot reach its database. Check that the database is running and reachable.'),
      });
    }
  });

  const staticDir = options.staticDir;
  const index = staticDir === undefined ? undefined : join(staticDir, 'index.html');
  if (staticDir !== undefined && index !== undefined && existsSync(index)) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      setHeaders: (res, path) => {
        // Hashed assets never change; the shell, the service worker and the manifest must be revalidated.
        res.header('Cache-Control', path.includes(join(staticDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || index === undefined || !existsSync(index)) {
      return reply.status(404).send(errorBody('not_found', `Nothing at ${request.method} ${request.url.split('?')[0] ?? ''}.`));
    }
    // Client-side routes (/cases/..., /reports/...) all load the app shell.
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });

  return app;
}

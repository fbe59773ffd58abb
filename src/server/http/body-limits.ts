import type { RouteOptions } from 'fastify';

/**
 * Body limits below the server-wide one (BODY_LIMIT, sized for a push of 100 reports) for routes that
 * only ever carry a few fields: a stranger cannot make the server read and parse a megabyte to sign in.
 * A route that sets its own bodyLimit keeps it.
 */
const SMALL = 16 * 1024;
const TEXT = 64 * 1024;
const LIMITS: Readonly<Record<string, number>> = {
  'POST /api/auth/sign-in': SMALL,
  'POST /api/auth/sign-out': SMALL,
  'POST /api/auth/sign-out-everywhere': SMALL,
  'POST /api/enrol': SMALL,
  'POST /api/invitations/accept': SMALL,
  'POST /api/invitations/accept-new': SMALL,
  'POST /api/attachments': SMALL,
  'PUT /api/projects/:projectId/attachment-settings': SMALL,
  'PUT /api/projects/:projectId/sent-retention': SMALL,
  'POST /api/cases/:id/decisions': TEXT,
  'PUT /api/cases/:id/assessments/:right': TEXT,
  'POST /api/reports/:id/review': TEXT,
  'POST /api/reports/:id/comments': TEXT,
};

/** An onRoute hook: gives the routes above their limit. */
export function applyBodyLimit(route: RouteOptions): void {
  if (route.bodyLimit !== undefined) return;
  const limit = [route.method].flat().map((method) => LIMITS[`${method} ${route.url}`]).find((l) => l !== undefined);
  if (limit !== undefined) route.bodyLimit = limit;
}

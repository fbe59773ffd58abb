import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError, type ApiError } from '../errors.ts';

/**
 * Refuses state-changing API requests that a page on another origin could have made with the browser's
 * session cookie (SameSite=Strict does not stop a sibling subdomain: it is the same site). Two checks:
 * - the request must come from the server's own origin: `Origin`, when the browser sends it (it always does
 *   on POST and PUT), names this host; `Sec-Fetch-Site`, when sent, is not same-site or cross-site;
 * - its body must be JSON (or raw file bytes for a chunk): types a form or a `no-cors` fetch cannot send,
 *   so another origin could only send them after a CORS preflight, which this server never grants.
 * A request carrying a device token (Authorization: Bearer) is not cookie-borne and no other page can add
 * that header without a preflight, so it is not checked. Requests with no Origin and no Sec-Fetch-Site
 * come from programs, not browsers, and carry no victim's cookie.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Not CORS-safelisted, so never sent cross-origin without a preflight; the routes' parsers take it from here. */
const ACCEPTED_TYPES = new Set(['application/json', 'application/octet-stream']);

const crossSite = (): ApiError =>
  apiError('cross_site_request', {});
const wrongType = (): ApiError =>
  apiError('unsupported_media_type', { expected: 'json' });

export function crossSiteHook(secureCookies: boolean) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    if (request.headers.authorization?.startsWith('Bearer ') === true) return;
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite === 'same-site' || fetchSite === 'cross-site') throw crossSite();
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, request.host, secureCookies)) throw crossSite();
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_TYPES.has(type)) throw wrongType();
  };
}

/**
 * Whether `origin` is this server as the browser reached it. The host (and port) must be the one the
 * request was sent to (the Host header, or X-Forwarded-Host from a trusted proxy). The scheme is not
 * compared, because behind a TLS proxy the server speaks plain HTTP; with SECURE_COOKIES set, users reach
 * it over HTTPS only, so an http: origin is refused. "null" (sandboxed frames, some redirects) is refused.
 */
function isOwnOrigin(origin: string, host: string, secureCookies: boolean): boolean {
  let parsed: URL;
  let own: URL;
  try {
    parsed = new URL(origin);
    // The origin's scheme decides which port is the default one ("localhost" and "localhost:80" are one host over http).
    own = new URL(`${parsed.protocol}//${host}`);
  } catch {
    return false;
  }
  const schemes = secureCookies ? ['https:'] : ['http:', 'https:'];
  return schemes.includes(parsed.protocol) && parsed.host === own.host && parsed.origin === origin;
}

import type { onRequestHookHandler } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (the content security policy, nosniff, frame and referrer rules) on every
 * answer. The policy is built once here: the Fastify plugin built it again for every request (parsing
 * and checking each directive), which was a fortieth of the server's time under sync load; what each
 * request now does is set the headers.
 */
export function securityHeadersHook(options: HelmetOptions): onRequestHookHandler {
  const setHeaders = helmet(options);
  return (request, reply, done) => {
    // Helmet 8 throws rather than passing an error on; it calls back with none.
    setHeaders(request.raw, reply.raw, () => done());
  };
}

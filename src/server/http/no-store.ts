import type { onSendHookHandler } from 'fastify';

/**
 * Every API answer may carry personal data (reports, cases, threads, people, a new password), errors
 * included: none may be kept in the browser's HTTP cache, where it would outlive a wipe and sit readable
 * in the profile folder, nor in a proxy's. One onSend hook, so a new route cannot forget it.
 */
export const noStoreHook: onSendHookHandler = (request, reply, payload, done) => {
  if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  done(null, payload);
};

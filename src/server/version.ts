/**
 * The server's release, reported by /api/health so an administrator can see what runs behind the proxy.
 * Kept equal to package.json's "version" (tests/integration/health.test.ts checks it): the bundled server
 * cannot rely on finding package.json at run time.
 */
export const SERVER_VERSION = '0.1.0';

import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/**
 * What `npm start` says about where people reach the server. A phone cannot use "localhost", and a phone
 * on plain HTTP gets no offline mode (service workers need HTTPS), so say both before anyone enrols one.
 */
export function reachabilityLines(
  settings: { readonly host: string; readonly publicUrl: string | undefined },
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  if (settings.publicUrl !== undefined) return [`People and phones use ${settings.publicUrl} (PUBLIC_URL); enrolment links and QR codes carry it.`];
  if (!WILDCARD_HOSTS.has(settings.host)) return [`Only this address reaches it (HOST=${settings.host}); set HOST=0.0.0.0 for phones on the network.`];
  const lan = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i.address}:${port}`);
  if (lan.length === 0) return [];
  return [
    `Phones on the same network: ${lan.join(', ')}. That is plain HTTP: the app works there only while online.`,
    '  For phones that work offline, put HTTPS in front and set PUBLIC_URL (see docs/administrator.md).',
  ];
}

/** Why a phone may not get on with an enrolment link: it cannot reach the address, or it gets no offline mode there. */
export type EnrolmentLinkWarning = 'loopback' | 'plain-http';

/**
 * The link an observer's phone opens to enrol: on the server's PUBLIC_URL when it has one, else on the
 * address this browser used, which may be 127.0.0.1 on the server's own laptop. Warns when a phone
 * cannot use it: a loopback address reaches no phone, and on plain HTTP (outside localhost) browsers
 * refuse service workers, so the app would not open offline.
 */
export function enrolmentLink(enrolPath: string, publicUrl: string | null, pageOrigin: string): { link: string; warning: EnrolmentLinkWarning | undefined } {
  const url = new URL(enrolPath, publicUrl ?? pageOrigin);
  const warning = isLoopback(url.hostname) ? 'loopback' : url.protocol === 'http:' ? 'plain-http' : undefined;
  return { link: url.href, warning };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/server/config.ts';
import { reachabilityLines } from '../../../src/server/reachability.ts';

describe('PUBLIC_URL', () => {
  it('is unset by default and kept as an origin when given', () => {
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ PUBLIC_URL: '' }).publicUrl).toBeUndefined();
    expect(readConfig({ PUBLIC_URL: 'https://monitor.example.org/' }).publicUrl).toBe('https://monitor.example.org');
    expect(readConfig({ PUBLIC_URL: 'http://192.168.1.20:8080' }).publicUrl).toBe('http://192.168.1.20:8080');
  });

  it.each(['monitor.example.org', 'ftp://monitor.example.org', 'https://monitor.example.org/app', 'https://user:pw@monitor.example.org', 'https://monitor.example.org/?x=1', 'https://'])('refuses %s with a clear message', (value) => {
    expect(() => readConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
    expect(() => readConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL must be the address phones use/);
  });
});

describe('what the server prints about reaching it', () => {
  const lan = { eth0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: false, cidr: '192.168.1.20/24' }], lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] };

  it('names PUBLIC_URL when it is set', () => {
    expect(reachabilityLines({ host: '0.0.0.0', publicUrl: 'https://monitor.example.org' }, 8080, lan)).toEqual(['People and phones use https://monitor.example.org (PUBLIC_URL); enrolment links and QR codes carry it.']);
  });

  it('otherwise gives the network addresses a phone can use, and says plain HTTP has no offline mode', () => {
    const lines = reachabilityLines({ host: '0.0.0.0', publicUrl: undefined }, 8080, lan);
    expect(lines[0]).toBe('Phones on the same network: http://192.168.1.20:8080. That is plain HTTP: the app works there only while online.');
    expect(lines.join('\n')).toContain('set PUBLIC_URL');
  });

  it('says when only one address is listened on', () => {
    expect(reachabilityLines({ host: '127.0.0.1', publicUrl: undefined }, 8080, lan)).toEqual(['Only this address reaches it (HOST=127.0.0.1); set HOST=0.0.0.0 for phones on the network.']);
  });
});

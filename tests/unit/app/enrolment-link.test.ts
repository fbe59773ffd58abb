import { describe, expect, it } from 'vitest';
import { enrolmentLink } from '../../../src/app/coordinator/enrolment-link.ts';

describe('the enrolment link a coordinator shows a phone', () => {
  it('is built on the server’s PUBLIC_URL, not on the address this browser used', () => {
    expect(enrolmentLink('/enrol#code=abcd-efgh-jkmn', 'https://monitor.example.org', 'http://127.0.0.1:8080')).toEqual({ link: 'https://monitor.example.org/enrol#code=abcd-efgh-jkmn', warning: undefined });
  });

  it('falls back to this browser’s address when PUBLIC_URL is unset', () => {
    expect(enrolmentLink('/enrol#code=x', null, 'https://monitor.example.org')).toEqual({ link: 'https://monitor.example.org/enrol#code=x', warning: undefined });
  });

  it.each(['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080', 'https://app.localhost', 'http://127.1.2.3'])('warns that %s reaches no phone', (origin) => {
    expect(enrolmentLink('/enrol#code=x', null, origin).warning).toBe('loopback');
    expect(enrolmentLink('/enrol#code=x', origin, 'https://monitor.example.org').warning).toBe('loopback');
  });

  it.each(['http://192.168.1.20:8080', 'http://monitor.lan', 'http://10.0.0.5'])('warns that plain HTTP on %s gives a phone no offline mode', (origin) => {
    expect(enrolmentLink('/enrol#code=x', origin, 'https://elsewhere.example').warning).toBe('plain-http');
  });
});

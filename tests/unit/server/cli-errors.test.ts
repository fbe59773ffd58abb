import { describe, expect, it } from 'vitest';
import { CLI_ERRORS, formatCliError } from '../../../src/server/cli-errors.ts';
import { UserInputError } from '../../../src/server/users.ts';

describe('the command-line tools’ refusals', () => {
  it('name in each template exactly the parameters their code carries', () => {
    for (const [code, spec] of Object.entries(CLI_ERRORS)) {
      const named = [...spec.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(named, code).toEqual([...spec.params].sort());
    }
  });

  it('carry a stable code and parameters, with the catalogue’s English as the message', () => {
    const error = new UserInputError('ambiguous_case', { key: 'KG-1', ids: 'a, b' });
    expect(error).toMatchObject({ code: 'ambiguous_case', params: { key: 'KG-1', ids: 'a, b' } });
    expect(error.message).toBe('several cases have the code "KG-1": give the id (a, b)');
    expect(formatCliError('no_user', { username: 'ana' })).toBe('no user "ana"');
  });
});

import * as v from 'valibot';
import { codeProblem, nameProblem, NAME_MAX, PERSON_ROLES, problemText } from '../export/redact-register.ts';
import { Uuid } from '../sync/protocol.ts';
import { Text } from '../sync/text.ts';

/**
 * The requests and answers of a case's register of people (src/server/routes/case-register.ts), for the
 * API contract table: GET /api/cases/:id/people, POST /api/cases/:id/people, PUT
 * /api/cases/:id/people/:personId, POST /api/cases/:id/people/remove. The code and name rules are the
 * register's own (src/core/export/redact-register.ts), so the screens and the server refuse the same entries.
 */
export const CaseParams = v.strictObject({ id: Uuid });
export const PersonParams = v.strictObject({ id: Uuid, personId: Uuid });

/** A code such as D1 or W2 (lower case is taken as upper case). */
export const PersonCode = v.pipe(
  Text,
  v.trim(),
  v.toUpperCase(),
  v.check(
    (code) => codeProblem(code) === undefined,
    (issue) => problemText(codeProblem(issue.input) ?? { kind: 'code_empty' }),
  ),
);

export const PersonName = v.pipe(
  Text,
  v.trim(),
  v.maxLength(NAME_MAX, `a name has at most ${NAME_MAX} characters`),
  v.check(
    (name) => nameProblem(name) === undefined,
    (issue) => problemText(nameProblem(issue.input) ?? { kind: 'name_empty' }),
  ),
);

export const PersonRole = v.picklist(PERSON_ROLES, `role is one of ${PERSON_ROLES.join(', ')}`);

/** Adding or changing an entry: the whole entry each time. */
export const PersonInput = v.strictObject({ code: PersonCode, role: PersonRole, name: PersonName });
export type PersonInput = v.InferOutput<typeof PersonInput>;

export const RemovePersonInput = v.strictObject({ personId: Uuid });

export const RegisterPerson = v.strictObject({
  id: Uuid,
  code: v.string(),
  role: PersonRole,
  name: v.string(),
  updatedAt: v.string(),
});
export type RegisterPerson = v.InferOutput<typeof RegisterPerson>;

export const RegisterResponse = v.strictObject({ people: v.array(RegisterPerson) });
export type RegisterResponse = v.InferOutput<typeof RegisterResponse>;

/** What add and edit answer: the entry as stored. */
export const PersonResponse = v.strictObject({ person: RegisterPerson });
export const RemovedResponse = v.strictObject({ ok: v.literal(true) });

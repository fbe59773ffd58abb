import type { SealedBox } from '../../src/core/seal/envelope.ts';
import type { EcPublicJwk, SealCrypto } from '../../src/core/seal/web-crypto.ts';
import type { PassphraseWrapped } from '../../src/core/seal/keys.ts';
import { createPersonalKey, createProjectKey, grantTo, type UnlockedKey } from '../../src/app/coordinator/sealing/key-flow.ts';
import type { Person, TestServer } from './test-server.ts';

/** Node's WebCrypto, as the browser's key flow takes it (the tests compile with the DOM's types). */
export const nodeCrypto: SealCrypto = globalThis.crypto;

export const KEY_PASSPHRASE = 'a personal key passphrase';

export interface PersonalKeyOf {
  readonly userId: string;
  readonly publicKey: EcPublicJwk;
  readonly wrappedPrivateKey: PassphraseWrapped;
  readonly unlocked: UnlockedKey;
}

/** A person's personal key pair made as the browser makes it (not yet sent). */
export async function personalKeyOf(person: Pick<Person, 'id'>, passphrase = KEY_PASSPHRASE): Promise<PersonalKeyOf> {
  const made = await createPersonalKey(nodeCrypto, person.id, passphrase);
  return { userId: person.id, ...made.body, unlocked: made.unlocked };
}

/** Sets the person's personal key through PUT /api/me/key, as the sealing screen does. */
export async function setPersonalKeyVia(server: TestServer, person: Person, passphrase = KEY_PASSPHRASE): Promise<PersonalKeyOf> {
  const key = await personalKeyOf(person, passphrase);
  const set = await server.request(person, 'PUT', '/api/me/key', { publicKey: key.publicKey, wrappedPrivateKey: key.wrappedPrivateKey });
  if (set.statusCode !== 200) throw new Error(`setting a personal key failed: ${set.body}`);
  return key;
}

/** The grant of a project key to a personal key, sealed as the browser seals it. */
export function grantFor(projectId: string, project: UnlockedKey, to: PersonalKeyOf): Promise<SealedBox> {
  return grantTo(nodeCrypto, projectId, project, { userId: to.userId, kid: to.unlocked.kid, publicKey: to.publicKey });
}

/** A coordinator with a personal key seals the project through the API; answers the project's key pair. */
export async function sealVia(server: TestServer, coordinator: Person, personal: PersonalKeyOf, projectId: string): Promise<{ publicKey: EcPublicJwk; unlocked: UnlockedKey }> {
  const project = await createProjectKey(nodeCrypto);
  const sealed = await server.request(coordinator, 'POST', `/api/projects/${projectId}/seal`, { publicKey: project.publicKey, grant: await grantFor(projectId, project.unlocked, personal) });
  if (sealed.statusCode !== 201) throw new Error(`sealing failed: ${sealed.body}`);
  return project;
}

import { useState } from 'preact/hooks';
import { contract } from '../../../core/api/contract.ts';
import type { MyKeys, ProjectKeys } from '../../../core/api/keys.ts';
import { SealError } from '../../../core/seal/seal-error.ts';
import { call } from '../../base/api/call.ts';
import { errorText } from '../../base/i18n/error-text.ts';
import { useI18n } from '../../base/i18n/messages.ts';
import { saveFile } from '../../base/save-file.ts';
import { browserSealCrypto as crypto } from '../../base/seal-crypto.ts';
import { useSession } from '../../session.ts';
import { ProjectPicker, useCoordinatedProject } from '../project-picker.tsx';
import { useApi } from '../use-api.ts';
import { makeRecovery, openRecovery, RecoveryError } from '../../../core/seal/recovery-file.ts';
import { checkPersonalPassphrase, createPersonalKey, createProjectKey, grantForCoordinator, grantTo, openGrant, unlockPersonalKey, type UnlockedKey } from './key-flow.ts';
import { forgetUnlockedKeys, keepPersonalKey, keepProjectKey, unlockedPersonalKey, useUnlockedProjectKey } from './project-key-store.ts';
import { ResealPanel } from './reseal-panel.tsx';
import { useSealingText, type SealingText } from './text.ts';
import '../coordinator.css';

/**
 * Sealing a project and its key in this browser (docs/coordinator-guide.md "Sealed projects"): create the
 * personal key, seal the project (with the recovery file), unlock sealed reports once per session, grant
 * the key to another coordinator, restore it from the recovery file. A coordinator without the key sees
 * "locked" and nothing else.
 */
export default function SealingScreen() {
  const t = useSealingText();
  const { projects, projectId, choose } = useCoordinatedProject();
  const mine = useApi(contract.getMyKeys, {});
  const keys = useApi(contract.getProjectKeys, projectId === undefined ? undefined : { params: { projectId } });
  const project = projects.find((p) => p.id === projectId);
  const error = mine.error ?? keys.error;
  return (
    <main class="page wide" data-testid="sealing-screen">
      <h1>{t('title')}</h1>
      <p class="help">{t('help')}</p>
      <ProjectPicker projects={projects} projectId={projectId} onChoose={choose} />
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {project !== undefined && mine.data !== undefined && keys.data !== undefined && (
        <ProjectSealing
          key={project.id}
          project={project}
          mine={mine.data}
          keys={keys.data}
          t={t}
          onChanged={() => {
            mine.reload();
            keys.reload();
          }}
        />
      )}
    </main>
  );
}

type Props = { project: { id: string; name: string }; mine: MyKeys; keys: ProjectKeys; t: SealingText; onChanged: () => void };

/** A failure in the reader's words: the seal's and the recovery file's faults by name, the server's by code. */
function useFailureText(t: SealingText): (failure: unknown) => string {
  const i18n = useI18n();
  return (failure) => {
    if (failure instanceof SealError) return failure.fault === 'wrong_passphrase' ? t('wrongPassphrase') : t('cannotOpen');
    if (failure instanceof RecoveryError) return t(failure.fault === 'wrong_code' ? 'wrongCode' : failure.fault === 'other_project' ? 'otherProject' : 'notRecoveryFile');
    return errorText(i18n, failure);
  };
}

function ProjectSealing({ project, mine, keys, t, onChanged }: Props) {
  const { account } = useSession();
  const userId = account.user.id;
  const unlockedProject = useUnlockedProjectKey(project.id);
  const failureText = useFailureText(t);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [recovery, setRecovery] = useState<{ code: string; file: string } | undefined>(undefined);

  const run = async (work: () => Promise<string | undefined>): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      const text = await work();
      if (text !== undefined) setMessage({ ok: true, text });
    } catch (failure) {
      setMessage({ ok: false, text: failureText(failure) });
    } finally {
      setBusy(false);
    }
  };

  /** My personal key, unlocked: from this session, or with the passphrase just typed. */
  const personalKey = async (passphrase: string): Promise<UnlockedKey> => {
    const kept = unlockedPersonalKey(userId);
    if (kept !== undefined) return kept;
    if (mine.personalKey === null) throw new SealError('malformed');
    const unlocked = await unlockPersonalKey(crypto, userId, mine.personalKey, passphrase);
    keepPersonalKey(userId, unlocked);
    return unlocked;
  };

  const seal = (passphrase: string) =>
    run(async () => {
      const personal = await personalKey(passphrase);
      if (mine.personalKey === null) return undefined;
      const made = await createProjectKey(crypto);
      const grant = await grantTo(crypto, project.id, made.unlocked, { userId, kid: personal.kid, publicKey: mine.personalKey.publicKey });
      // The recovery file is made before the seal is stored: a seal without a way back is never the first state.
      const { code, file } = await makeRecovery(crypto, project, made.unlocked, made.publicKey);
      await call(contract.sealProject, { params: { projectId: project.id }, body: { publicKey: made.publicKey, grant } });
      keepProjectKey(project.id, made.unlocked);
      setRecovery({ code, file: JSON.stringify(file, null, 2) });
      onChanged();
      return undefined;
    });

  const unlock = (passphrase: string) =>
    run(async () => {
      const grant = mine.grants.find((g) => g.projectId === project.id);
      if (grant === undefined || keys.seal === null) return undefined;
      const personal = await personalKey(passphrase);
      keepProjectKey(project.id, await openGrant(crypto, userId, personal, grant, keys.seal));
      return t('unlocked');
    });

  const restore = (fileText: string, code: string, passphrase: string) =>
    run(async () => {
      if (keys.seal === null || mine.personalKey === null) return undefined;
      const key = await openRecovery(crypto, fileText, code, project.id, keys.seal);
      const personal = await personalKey(passphrase);
      const sealedKey = await grantTo(crypto, project.id, key, { userId, kid: personal.kid, publicKey: mine.personalKey.publicKey });
      await call(contract.grantProjectKey, { params: { projectId: project.id }, body: { userId, sealedKey } });
      keepProjectKey(project.id, key);
      onChanged();
      return t('unlocked');
    });

  const grant = (coordinatorId: string) =>
    run(async () => {
      const coordinator = keys.coordinators.find((c) => c.userId === coordinatorId);
      if (coordinator === undefined || unlockedProject === undefined) return undefined;
      const sealedKey = await grantForCoordinator(crypto, project.id, unlockedProject, coordinator);
      await call(contract.grantProjectKey, { params: { projectId: project.id }, body: { userId: coordinator.userId, sealedKey } });
      onChanged();
      return t('granted', { name: coordinator.displayName });
    });

  const holdsGrant = mine.grants.some((g) => g.projectId === project.id && g.projectKid === keys.seal?.kid);
  const needsPassphrase = unlockedPersonalKey(userId) === undefined;

  return (
    <section class="card" data-testid={`sealing-${project.name}`}>
      <h2>{project.name}</h2>
      {recovery !== undefined ? (
        <RecoveryStep recovery={recovery} projectName={project.name} t={t} onDone={() => setRecovery(undefined)} />
      ) : mine.personalKey === null ? (
        <>
          {keys.seal === null && <SealNotice keys={keys} t={t} />}
          <PersonalKeyForm t={t} userId={userId} onCreated={onChanged} />
        </>
      ) : keys.seal === null ? (
        <>
          <SealNotice keys={keys} t={t} />
          <p class="warning">{t('sealWarning')}</p>
          <PassphraseAction t={t} label={t('sealButton')} busyLabel={t('sealing')} busy={busy} needsPassphrase={needsPassphrase} onSubmit={(p) => void seal(p)} testId="seal" />
        </>
      ) : (
        <>
          <p>{t('sealedSince', { date: keys.seal.sealedAt.slice(0, 10), name: keys.seal.sealedBy.name })}</p>
          {unlockedProject !== undefined ? (
            <>
              <p class="ok" data-testid="sealing-unlocked">
                {t('unlocked')}
              </p>
              <button type="button" onClick={forgetUnlockedKeys}>
                {t('lockAgain')}
              </button>
            </>
          ) : holdsGrant ? (
            <>
              <h3>{t('unlockTitle')}</h3>
              <p class="help">{t('unlockHelp')}</p>
              <PassphraseAction t={t} label={t('unlock')} busyLabel={t('unlocking')} busy={busy} needsPassphrase={needsPassphrase} onSubmit={(p) => void unlock(p)} testId="unlock" />
            </>
          ) : (
            <p class="warning" data-testid="sealing-locked">
              {t('locked')}
            </p>
          )}
          {unlockedProject === undefined && <RestoreForm t={t} busy={busy} needsPassphrase={needsPassphrase} onRestore={(file, code, p) => void restore(file, code, p)} />}
          <ResealPanel projectId={project.id} seal={keys.seal} unlocked={unlockedProject !== undefined} t={t} />
          <h3>{t('grantTitle')}</h3>
          <ul data-testid="key-coordinators">
            {keys.coordinators.map((c) => (
              <li key={c.userId}>
                {c.displayName} ({c.username}):{' '}
                {c.hasKey ? (
                  t('holdsKey')
                ) : c.personalKey === null ? (
                  t('noPersonalKey')
                ) : unlockedProject !== undefined ? (
                  <button type="button" disabled={busy} onClick={() => void grant(c.userId)} data-testid={`grant-${c.username}`}>
                    {t('grant')}
                  </button>
                ) : (
                  '—'
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {message !== undefined && (
        <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="sealing-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

function SealNotice({ keys, t }: { keys: ProjectKeys; t: SealingText }) {
  return <p class={keys.sealingRequired ? 'error' : 'notice'}>{keys.sealingRequired ? t('sealRequired') : t('sealFirst')}</p>;
}

/** A button that asks for the personal key's passphrase first, unless this session unlocked it already. */
function PassphraseAction({ t, label, busyLabel, busy, needsPassphrase, onSubmit, testId }: { t: SealingText; label: string; busyLabel: string; busy: boolean; needsPassphrase: boolean; onSubmit: (passphrase: string) => void; testId: string }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(passphrase);
        setPassphrase('');
      }}
    >
      {needsPassphrase && (
        <label>
          {t('passphrase')} <input type="password" autocomplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} data-testid={`${testId}-passphrase`} />
        </label>
      )}{' '}
      <button type="submit" disabled={busy} data-testid={`${testId}-button`}>
        {busy ? busyLabel : label}
      </button>
    </form>
  );
}

function PersonalKeyForm({ t, userId, onCreated }: { t: SealingText; userId: string; onCreated: () => void }) {
  const i18n = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const create = async (): Promise<void> => {
    const check = checkPersonalPassphrase(passphrase, again);
    if (!check.ok) {
      setProblem(t(check.problem === 'too_short' ? 'tooShort' : check.problem === 'only_digits' ? 'onlyDigits' : 'mismatch'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const made = await createPersonalKey(crypto, userId, passphrase);
      await call(contract.setPersonalKey, { body: made.body });
      keepPersonalKey(userId, made.unlocked);
      onCreated();
    } catch (failure) {
      setProblem(errorText(i18n, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3>{t('personalTitle')}</h3>
      <p class="help">{t('personalHelp')}</p>
      <label>
        {t('passphrase')} <input type="password" autocomplete="new-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} data-testid="personal-passphrase" />
      </label>{' '}
      <label>
        {t('confirmPassphrase')} <input type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} data-testid="personal-passphrase-again" />
      </label>{' '}
      <button type="submit" disabled={busy} data-testid="personal-create">
        {t('createKey')}
      </button>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The recovery code (shown once) and the key file; both acknowledgements before the step closes. */
function RecoveryStep({ recovery, projectName, t, onDone }: { recovery: { code: string; file: string }; projectName: string; t: SealingText; onDone: () => void }) {
  const [code, setCode] = useState(false);
  const [file, setFile] = useState(false);
  return (
    <div data-testid="recovery-step">
      <h3>{t('recoveryTitle')}</h3>
      <p class="help">{t('recoveryHelp')}</p>
      <p class="recovery-code" data-testid="recovery-code">
        <code>{recovery.code}</code>
      </p>
      <button type="button" data-testid="recovery-download" onClick={() => saveFile(new Blob([recovery.file], { type: 'application/json' }), `${projectName.replace(/[^\p{L}\p{N}]+/gu, '-')}-project-key.json`)}>
        {t('download')}
      </button>
      <p>
        <label>
          <input type="checkbox" checked={code} onChange={(e) => setCode(e.currentTarget.checked)} data-testid="ack-code" /> {t('ackCode')}
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" checked={file} onChange={(e) => setFile(e.currentTarget.checked)} data-testid="ack-file" /> {t('ackFile')}
        </label>
      </p>
      <button type="button" disabled={!code || !file} onClick={onDone} data-testid="recovery-done">
        {t('done')}
      </button>
    </div>
  );
}

function RestoreForm({ t, busy, needsPassphrase, onRestore }: { t: SealingText; busy: boolean; needsPassphrase: boolean; onRestore: (file: string, code: string, passphrase: string) => void }) {
  const [fileText, setFileText] = useState('');
  const [code, setCode] = useState('');
  const [passphrase, setPassphrase] = useState('');
  return (
    <details>
      <summary>{t('restoreTitle')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onRestore(fileText, code, passphrase);
        }}
      >
        <label>
          {t('restoreFile')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            data-testid="restore-file"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              if (chosen !== undefined) void chosen.text().then(setFileText);
            }}
          />
        </label>{' '}
        <label>
          {t('restoreCode')} <input type="text" autocomplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} data-testid="restore-code" />
        </label>{' '}
        {needsPassphrase && (
          <label>
            {t('passphrase')} <input type="password" autocomplete="off" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} data-testid="restore-passphrase" />
          </label>
        )}{' '}
        <button type="submit" disabled={busy} data-testid="restore-button">
          {t('restore')}
        </button>
      </form>
    </details>
  );
}

import { useState } from 'preact/hooks';
import { contract } from '../../../core/api/contract.ts';
import type { ProjectKeys } from '../../../core/api/keys.ts';
import type { ResealCounts } from '../../../core/api/reseal.ts';
import { call } from '../../base/api/call.ts';
import { errorText } from '../../base/i18n/error-text.ts';
import { useI18n } from '../../base/i18n/messages.ts';
import { browserSealCrypto } from '../../base/seal-crypto.ts';
import { useApi } from '../use-api.ts';
import { runReseal, type ResealApi } from './reseal-job.ts';
import type { SealingText } from './text.ts';

type Seal = NonNullable<ProjectKeys['seal']>;

/**
 * A sealed project's readable leftovers (issue 11 part 5): the devices that still send readable versions
 * (they have not received the key yet), and, for a coordinator with the key unlocked, the job that seals
 * the readable versions the server still stores (reseal-job.ts), with its progress. The job keeps nothing:
 * after a reload this panel shows what is left, and sealing again goes on from there.
 */
export function ResealPanel({ projectId, seal, unlocked, t }: { projectId: string; seal: Seal; unlocked: boolean; t: SealingText }) {
  return (
    <>
      <ReadableSenders projectId={projectId} t={t} />
      {unlocked && <ResealJob projectId={projectId} seal={seal} t={t} />}
    </>
  );
}

function ReadableSenders({ projectId, t }: { projectId: string; t: SealingText }) {
  const { data } = useApi(contract.listReadableSenders, { params: { projectId } });
  if (data === undefined || data.devices.length === 0) return null;
  return (
    <>
      <h3>{t('sendersTitle')}</h3>
      <p class="help">{t('sendersHelp')}</p>
      <ul data-testid="readable-senders">
        {data.devices.map((d) => (
          <li key={d.deviceId}>
            {t('sender', { name: d.displayName, device: d.deviceId.slice(-8), count: String(d.readableVersions), date: d.lastReadableAt.slice(0, 10) })}{' '}
            {d.lastSealedAt !== null && d.lastSealedAt > d.lastReadableAt && t('senderHasKey', { date: d.lastSealedAt.slice(0, 10) })}
          </li>
        ))}
      </ul>
    </>
  );
}

function ResealJob({ projectId, seal, t }: { projectId: string; seal: Seal; t: SealingText }) {
  const i18n = useI18n();
  const first = useApi(contract.listReadableVersions, { params: { projectId }, query: {} });
  const [progress, setProgress] = useState<ResealCounts | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const counts = progress ?? first.data?.counts;
  if (counts === undefined) return null;
  const api: ResealApi = {
    page: (after) => call(contract.listReadableVersions, { params: { projectId }, query: after === undefined ? {} : { after } }),
    post: (body) => call(contract.resealVersions, { params: { projectId }, body }),
  };
  const start = async (): Promise<void> => {
    setRunning(true);
    setFailure(undefined);
    try {
      await runReseal(browserSealCrypto, { kid: seal.kid, publicKey: seal.publicKey }, api, setProgress);
    } catch (error) {
      setFailure(errorText(i18n, error));
    } finally {
      setRunning(false);
    }
  };
  const sealedCount = counts.total - counts.readable;
  return (
    <div data-testid="reseal">
      <h3>{t('resealTitle')}</h3>
      {counts.readable === 0 ? (
        <p class="ok" data-testid="reseal-done">
          {t('resealDone', { total: String(counts.total) })}
        </p>
      ) : (
        <>
          <p class="help">{t('resealHelp', { readable: String(counts.readable), total: String(counts.total) })}</p>
          {running && (
            <p role="status">
              <progress max={Math.max(1, counts.total)} value={sealedCount} /> {t('resealProgress', { sealed: String(sealedCount), total: String(counts.total) })}
            </p>
          )}
          <button type="button" disabled={running} onClick={() => void start()} data-testid="reseal-button">
            {running ? t('resealRunning') : t('resealButton', { readable: String(counts.readable) })}
          </button>
        </>
      )}
      {failure !== undefined && (
        <p class="error" role="alert">
          {t('resealFailed', { error: failure })}
        </p>
      )}
    </div>
  );
}

import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { ProjectDevice } from '../../core/api/devices.ts';
import type { ProjectPerson } from '../../core/api/people.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { EnrolmentCode } from './enrolment-code.tsx';
import { useText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** Each device with its user, last sync and state; revoke it, or order a wipe it carries out on its next sync. */
export function DevicesPanel({
  projectId,
  devices,
  observers,
  onChanged,
}: {
  projectId: string;
  devices: readonly ProjectDevice[];
  observers: readonly ProjectPerson[];
  onChanged: () => void;
}) {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const act = async (device: ProjectDevice, action: 'revoke' | 'wipe'): Promise<void> => {
    if (!confirm(t(action === 'revoke' ? 'confirmRevoke' : 'confirmWipe'))) return;
    try {
      await call(action === 'revoke' ? contract.revokeDevice : contract.wipeDevice, { params: { deviceId: device.id } });
    } catch (failure) {
      alert(errorText(i18n, failure));
    }
    onChanged();
  };
  const when = (iso: string | null): string => (iso === null ? t('never') : new Date(iso).toLocaleString(language));

  return (
    <section class="card" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices')}</h2>
      <EnrolmentCode projectId={projectId} observers={observers} onIssued={onChanged} />
      {devices.length === 0 ? (
        <p>{t('noDevices')}</p>
      ) : (
        <table class="table" data-testid="devices">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('lastSync')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id} data-state={d.state}>
                <td>
                  {d.username} <span class="help">{d.id.slice(-8)}</span>
                </td>
                <td>{when(d.lastSyncAt)}</td>
                <td>
                  {t(`state.${d.state}`)}
                  {d.state === 'wipe_pending' && d.wipe?.deliveredAt != null ? ` (${t('wipeDelivered')} ${when(d.wipe.deliveredAt)})` : ''}
                </td>
                <td>
                  {d.state === 'active' && (
                    <button type="button" onClick={() => void act(d, 'revoke')}>
                      {t('revoke')}
                    </button>
                  )}{' '}
                  {d.state !== 'wiped' && d.state !== 'wipe_pending' && (
                    <button type="button" onClick={() => void act(d, 'wipe')}>
                      {t('wipe')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { enrolmentLink, type EnrolmentLinkWarning } from './enrolment-link.ts';
import type { ProjectPerson } from '../../core/api/people.ts';
import { QrCode } from './qr-code.tsx';
import { useText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** Issues a one-time enrolment code for an observer, shown as text and as a QR code of the /enrol link. */
export function EnrolmentCode({ projectId, observers, onIssued }: { projectId: string; observers: readonly ProjectPerson[]; onIssued: () => void }) {
  const t = useText();
  const i18n = useI18n();
  const { language } = i18n;
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string; link: string; warning: EnrolmentLinkWarning | undefined } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const chosen = userId ?? observers[0]?.id;

  const issue = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (chosen === undefined) return;
    setError(undefined);
    try {
      const body = await call(contract.issueEnrolmentCode, { params: { projectId }, body: { userId: chosen } });
      setIssued({ code: body.code, expiresAt: body.expiresAt, ...enrolmentLink(body.enrolPath, body.publicUrl, location.origin) });
      onIssued();
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };

  return (
    <form onSubmit={(e) => void issue(e)}>
      <label for="enrol-observer">{t('enrolFor')}</label>
      <select id="enrol-observer" value={chosen} onChange={(e) => setUserId(e.currentTarget.value)}>
        {observers.map((o) => (
          <option key={o.id} value={o.id}>
            {o.username}
          </option>
        ))}
      </select>
      <button type="submit" disabled={chosen === undefined}>
        {t('issueCode')}
      </button>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {issued !== undefined && (
        <div class="enrolment-code" role="status">
          <p>
            <strong data-testid="enrolment-code">{issued.code}</strong>
          </p>
          <p>
            {t('codeValidUntil')} {new Date(issued.expiresAt).toLocaleString(language)}. {t('codeHelp')}
          </p>
          <QrCode text={issued.link} label={t('qrLabel')} />
          <p class="help" data-testid="enrolment-link">
            {issued.link}
          </p>
          {issued.warning !== undefined && (
            <p class="error" data-testid="enrolment-link-warning">
              {t(`enrolLink.${issued.warning}`)}
            </p>
          )}
        </div>
      )}
    </form>
  );
}

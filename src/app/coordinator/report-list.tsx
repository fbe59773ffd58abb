import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/messages.ts';

interface ReceivedReport {
  readonly id: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly hearingDate: string;
  readonly version: number;
  readonly receivedAt: string;
  readonly caseCode: string;
  readonly court: string;
  readonly author: string;
  readonly project: string;
}

/** The coordinator's first screen: every report received from observers, newest first. */
export default function ReportList() {
  const { t, language } = useI18n();
  const [reports, setReports] = useState<readonly ReceivedReport[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    api<{ reports: ReceivedReport[] }>('/api/reports').then(
      (body) => setReports(body.reports),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, []);
  return (
    <main class="page wide">
      <h1>{t('receivedReports')}</h1>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {reports === undefined ? (
        error === undefined && <p>{t('loading')}</p>
      ) : reports.length === 0 ? (
        <p class="empty">{t('noReceived')}</p>
      ) : (
        <table class="table" data-testid="received-reports">
          <thead>
            <tr>
              <th scope="col">{t('caseCode')}</th>
              <th scope="col">{t('hearingDate')}</th>
              <th scope="col">{t('form')}</th>
              <th scope="col">{t('observer')}</th>
              <th scope="col">{t('received')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/coordinator/reports/${r.id}`}>{r.caseCode}</a>
                </td>
                <td>{r.hearingDate}</td>
                <td>
                  {r.formId}@{r.formVersion}
                  {r.version > 1 ? ` (v${r.version})` : ''}
                </td>
                <td>{r.author}</td>
                <td>{new Date(r.receivedAt).toLocaleString(language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

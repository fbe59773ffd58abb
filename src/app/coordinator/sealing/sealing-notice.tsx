import { contract } from '../../../core/api/contract.ts';
import { useApi } from '../use-api.ts';
import { useCoordinatedProject } from '../project-picker.tsx';
import { useSealingText } from './text.ts';

/**
 * Offers sealing first (issue 11 part 6): on the coordinator's first screen, each project they coordinate
 * that is not sealed yet says so and links to the sealing screen; when the administrator requires sealed
 * projects (REQUIRE_SEALED_PROJECTS), it says reports cannot be received until it is.
 */
export function SealingNotices() {
  const { projects } = useCoordinatedProject();
  return (
    <>
      {projects.map((p) => (
        <SealingNotice key={p.id} projectId={p.id} name={p.name} />
      ))}
    </>
  );
}

function SealingNotice({ projectId, name }: { projectId: string; name: string }) {
  const t = useSealingText();
  const { data } = useApi(contract.getProjectKeys, { params: { projectId } });
  if (data === undefined || data.seal !== null) return null;
  return (
    <p class={data.sealingRequired ? 'error' : 'notice'} data-testid="sealing-notice">
      <strong>{name}:</strong> {data.sealingRequired ? t('sealRequired') : t('sealFirst')} <a href="/coordinator/sealing">{t('sealButton')}</a>
    </p>
  );
}

import { useState } from 'preact/hooks';
import { useSession } from '../session.ts';
import { useText } from './text.ts';

/** The projects this user coordinates (administrators: all), and the one chosen; the first by default. */
export function useCoordinatedProject(): { projects: readonly { id: string; name: string }[]; projectId: string | undefined; choose: (id: string) => void } {
  const { account } = useSession();
  const projects = account.projects.filter((p) => account.user.isAdmin || p.role === 'coordinator');
  const [projectId, choose] = useState<string | undefined>(projects[0]?.id);
  return { projects, projectId, choose };
}

export function ProjectPicker({ projects, projectId, onChoose }: { projects: readonly { id: string; name: string }[]; projectId: string | undefined; onChoose: (id: string) => void }) {
  const t = useText();
  if (projects.length < 2) return null;
  return (
    <p>
      <label for="project-picker">{t('project')}</label>{' '}
      <select id="project-picker" value={projectId} onChange={(e) => onChoose(e.currentTarget.value)}>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </p>
  );
}

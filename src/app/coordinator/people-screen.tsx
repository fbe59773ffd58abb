import { AssignmentsPanel } from './assignments-panel.tsx';
import { DevicesPanel } from './devices-panel.tsx';
import { PeoplePanel } from './people-panel.tsx';
import { contract } from '../../core/api/contract.ts';
import { ProjectPicker, useCoordinatedProject } from './project-picker.tsx';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import './coordinator.css';

/** A project's people and open invitations, their devices (enrol, revoke, wipe) and who follows which case. */
export default function PeopleScreen() {
  const t = useText();
  const { projects, projectId, choose } = useCoordinatedProject();
  const people = useApi(contract.listPeople, projectId === undefined ? undefined : { params: { projectId } });
  const invitations = useApi(contract.listInvitations, projectId === undefined ? undefined : { params: { projectId } });
  const devices = useApi(contract.listDevices, projectId === undefined ? undefined : { params: { projectId } });
  const observers = (people.data?.people ?? []).filter((p) => p.role === 'observer' && !p.disabled);
  const error = people.error ?? invitations.error ?? devices.error;
  return (
    <main class="page wide">
      <h1>{t('people')}</h1>
      <ProjectPicker projects={projects} projectId={projectId} onChoose={choose} />
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {projectId !== undefined && people.data !== undefined && (
        <>
          <PeoplePanel projectId={projectId} people={people.data.people} invitations={invitations.data?.invitations ?? []} onInvitationsChanged={invitations.reload} />
          <DevicesPanel projectId={projectId} devices={devices.data?.devices ?? []} observers={observers} onChanged={devices.reload} />
          <AssignmentsPanel key={projectId} projectId={projectId} observers={observers} />
        </>
      )}
    </main>
  );
}

import { useSession } from '../../auth/hooks/useSession';
import { DemoDataPanel } from './DemoDataPanel';
import { SlaTargetsForm } from './SlaTargetsForm';

export function WorkspaceSettingsPage() {
  const { workspace, user } = useSession();
  return (
    <>
      <section className="panel" aria-labelledby="workspace-heading">
        <h2 className="panel__title" id="workspace-heading">
          Workspace
        </h2>
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{workspace.name}</dd>
          </div>
          <div>
            <dt>Short name</dt>
            <dd>
              <code>{workspace.slug}</code>
            </dd>
          </div>
          <div>
            <dt>Time zone</dt>
            <dd>{workspace.timeZone}</dd>
          </div>
        </dl>
        <p className="panel__note">Times across the dashboard are shown in this time zone.</p>
      </section>
      {/* Settings opens for admins and managers, who may both change the SLA targets. */}
      <SlaTargetsForm canEdit />
      {user.role === 'admin' ? <DemoDataPanel /> : null}
    </>
  );
}

import type { Brand } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { Alert } from '../../../shared/ui/Alert';
import { Badge } from '../../../shared/ui/Badge';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { BrandPicker } from '../../settings/components/BrandPicker';
import { useOwnBrands } from '../../settings/hooks/useOwnBrands';
import { useVoiceGuide } from '../hooks/useVoiceGuide';
import { VoiceGuideForm } from './VoiceGuideForm';

function BrandVoiceGuide({ brand, canEdit }: { brand: Brand; canEdit: boolean }) {
  const { user, workspace } = useSession();
  const { state, reload, replace } = useVoiceGuide(brand.id);
  const guide = state.status === 'ready' ? state.guide : null;
  return (
    <>
      <LoadProblem state={state} loadingLabel="Loading the voice guide…" errorTitle="The voice guide could not be loaded" onRetry={reload} />
      {guide ? (
        <>
          <p className="voice-guide__status">
            {guide.customised ? (
              <>
                <Badge tone="accent">Customised</Badge>{' '}
                {guide.updatedAt ? (
                  <>
                    Last changed <RelativeTime iso={guide.updatedAt} now={new Date()} timeZone={workspace.timeZone} past />
                    {guide.updatedBy ? <> by {guide.updatedBy.name}</> : null}.
                  </>
                ) : null}
              </>
            ) : (
              <>
                <Badge tone="muted">Default guide</Badge> {brand.name} uses Earshot’s default voice guide
                {canEdit ? '; saving a change makes it the brand’s own.' : '.'}
              </>
            )}
          </p>
          <VoiceGuideForm brand={brand} guide={guide} canEdit={canEdit} agent={user} onSaved={replace} />
        </>
      ) : null}
    </>
  );
}

/** Settings › Voice guide: what a brand's public replies may and must say. Managers and admins edit; everyone else reads. */
export function VoiceGuidePage() {
  const { user } = useSession();
  const canEdit = can(user.role, 'editReplySettings');
  const { state, brand, chooseBrand, reload } = useOwnBrands();

  return (
    <section className="stack" aria-labelledby="voice-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="voice-heading">
            Voice guide
          </h2>
          <p className="section-header__description">
            How the brand sounds in public. Every reply is checked against it as the agent types and again before it is sent.
          </p>
        </div>
      </div>
      {!canEdit ? <Alert tone="info">You can read the voice guide and try drafts against it; managers and admins change it.</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading brands…" errorTitle="The brands could not be loaded" onRetry={reload} />
      {state.status === 'ready' && brand === null ? (
        <EmptyState title="No brands yet">
          <p>A voice guide belongs to one of your own brands. Add it under Settings › Brands &amp; queries first.</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && brand ? (
        <>
          <BrandPicker brands={state.brands} brand={brand} onChange={chooseBrand} />
          <BrandVoiceGuide key={brand.id} brand={brand} canEdit={canEdit} />
        </>
      ) : null}
    </section>
  );
}

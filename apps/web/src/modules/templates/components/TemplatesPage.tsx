import { useState } from 'react';
import type { Brand } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { BrandPicker } from '../../settings/components/BrandPicker';
import { useOwnBrands } from '../../settings/hooks/useOwnBrands';
import { useVoiceGuide } from '../../voice/hooks/useVoiceGuide';
import { useBrandTemplates } from '../hooks/useBrandTemplates';
import { TemplateCard } from './TemplateCard';
import { TemplateForm } from './TemplateForm';

type Feedback = { tone: 'success' | 'error'; text: string };

/** One brand's templates: the list, and for managers and admins the add, edit and delete forms. */
function BrandTemplates({ brand, canEdit }: { brand: Brand; canEdit: boolean }) {
  const { user } = useSession();
  const { state, reload, create, update, remove } = useBrandTemplates(brand.id);
  const voice = useVoiceGuide(brand.id);
  const guide = voice.state.status === 'ready' ? voice.state.guide : null;
  // 'new', a template id, or null.
  const [editing, setEditing] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  const form = (existing?: Parameters<typeof TemplateForm>[0]['existing']) => (
    <TemplateForm
      brand={brand}
      agent={user}
      guide={guide}
      {...(existing ? { existing } : {})}
      onCreate={create}
      onUpdate={update}
      onDone={(saved) => {
        setEditing(null);
        if (saved) setFeedback({ tone: 'success', text: `“${saved.title}” was ${existing ? 'saved' : 'added'}.` });
      }}
    />
  );

  return (
    <>
      {canEdit && editing === null ? (
        <div className="form__actions">
          <Button
            variant="primary"
            onClick={() => {
              setEditing('new');
              setFeedback(null);
            }}
          >
            Add template
          </Button>
        </div>
      ) : null}
      {voice.state.status === 'error' ? (
        <Alert tone="info">The voice guide could not be loaded, so previews show no findings: {asSentence(voice.state.message)}</Alert>
      ) : null}
      {editing === 'new' ? form() : null}
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading templates…" errorTitle="The templates could not be loaded" onRetry={reload} />
      {state.status === 'ready' && state.items.length === 0 && editing !== 'new' ? (
        <EmptyState title={`No templates for ${brand.name} yet`}>
          <p>
            {canEdit
              ? 'Add the replies your team writes again and again: an apology with a next step, an answer to a common question, a thank-you.'
              : 'A manager or admin adds them.'}
          </p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' ? (
        <ul className="template-list" aria-label={`Templates of ${brand.name}`}>
          {state.items.map((template) => (
            <li key={template.id}>
              {editing === template.id ? (
                form(template)
              ) : (
                <TemplateCard
                  template={template}
                  canEdit={canEdit && editing === null}
                  onEdit={() => {
                    setEditing(template.id);
                    setFeedback(null);
                  }}
                  onDelete={async () => {
                    setFeedback(null);
                    try {
                      await remove(template.id);
                      setFeedback({ tone: 'success', text: `“${template.title}” was deleted.` });
                      return true;
                    } catch (error) {
                      const reason = isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.';
                      setFeedback({ tone: 'error', text: `“${template.title}” could not be deleted: ${reason}` });
                      return false;
                    }
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Settings › Templates: the replies agents start from, per own brand. Managers and admins edit; everyone else reads. */
export function TemplatesPage() {
  const { user } = useSession();
  const canEdit = can(user.role, 'editReplySettings');
  const { state, brand, chooseBrand, reload } = useOwnBrands();

  return (
    <section className="stack" aria-labelledby="templates-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="templates-heading">
            Templates
          </h2>
          <p className="section-header__description">
            Replies agents start from, with variables such as the author’s name filled in. The reply box offers those that suit the mention first.
          </p>
        </div>
      </div>
      {!canEdit ? <Alert tone="info">You can read the templates; managers and admins change them.</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading brands…" errorTitle="The brands could not be loaded" onRetry={reload} />
      {state.status === 'ready' && brand === null ? (
        <EmptyState title="No brands yet">
          <p>Templates belong to one of your own brands. Add it under Settings › Brands &amp; queries first.</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && brand ? (
        <>
          <BrandPicker brands={state.brands} brand={brand} onChange={chooseBrand} />
          <BrandTemplates key={brand.id} brand={brand} canEdit={canEdit} />
        </>
      ) : null}
    </section>
  );
}

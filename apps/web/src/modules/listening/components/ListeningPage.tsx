import { useState } from 'react';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { useListening } from '../hooks/useListening';
import { BrandForm } from './BrandForm';
import { BrandSection, type Feedback } from './BrandSection';
import { LoadProblem } from '../../../shared/ui/LoadProblem';

function reason(error: unknown): string {
  return isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.';
}

/** Settings › Brands & queries: whose mentions Earshot looks for, and the queries that find them. */
export function ListeningPage() {
  const { user } = useSession();
  const canEdit = can(user.role, 'editListening');
  const { state, reload, createBrand, updateBrand, deleteBrand, createQuery, updateQuery, deleteQuery } = useListening();
  const [adding, setAdding] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  async function run(work: () => Promise<unknown>, done: string, failed: string): Promise<boolean> {
    setFeedback(null);
    try {
      await work();
      setFeedback({ tone: 'success', text: done });
      return true;
    } catch (error) {
      setFeedback({ tone: 'error', text: `${failed}: ${reason(error)}` });
      return false;
    }
  }

  return (
    <section className="stack" aria-labelledby="listening-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="listening-heading">
            Brands &amp; queries
          </h2>
          <p className="section-header__description">Your own brands and the competitors you track, with the listening queries that find their mentions.</p>
        </div>
        {canEdit && !adding ? (
          <Button
            variant="primary"
            onClick={() => {
              setAdding(true);
              setFeedback(null);
            }}
          >
            Add brand
          </Button>
        ) : null}
      </div>

      {adding ? (
        <BrandForm
          onCreate={createBrand}
          onDone={(saved) => {
            setAdding(false);
            if (saved) setFeedback({ tone: 'success', text: `${saved.name} was added. Add a listening query to start matching its mentions.` });
          }}
        />
      ) : null}

      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}

      <LoadProblem state={state} loadingLabel="Loading brands and queries…" errorTitle="Brands and queries could not be loaded" onRetry={reload} />
      {state.status === 'ready' && state.brands.length === 0 && !adding ? (
        <EmptyState title="No brands yet" icon={<Icon name="workspace" size={28} />}>
          <p>{canEdit ? 'Add your brand, then the listening queries that find its mentions.' : 'A manager or admin adds them.'}</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready'
        ? state.brands.map((brand) => (
            <BrandSection
              key={brand.id}
              brand={brand}
              queries={state.queries.filter((q) => q.brandId === brand.id)}
              canEdit={canEdit}
              onFeedback={setFeedback}
              run={run}
              updateBrand={updateBrand}
              deleteBrand={deleteBrand}
              createQuery={createQuery}
              updateQuery={updateQuery}
              deleteQuery={deleteQuery}
            />
          ))
        : null}
    </section>
  );
}

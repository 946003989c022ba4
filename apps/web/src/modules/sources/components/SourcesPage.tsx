import { useState } from 'react';
import type { Source } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { useNow } from '../../../shared/hooks/useNow';
import { SOURCES_REFRESH_MS, useSources } from '../hooks/useSources';
import { AddSourceForm } from './AddSourceForm';
import { EditSourceForm } from './EditSourceForm';
import { SourceCard } from './SourceCard';
import { LoadProblem } from '../../../shared/ui/LoadProblem';

type Feedback = { tone: 'success' | 'error'; text: string } | null;
type Open = { id: string; what: 'edit' | 'delete' } | null;

function reason(error: unknown): string {
  return isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.';
}

/** Settings › Sources: what Earshot listens to and how each connection is doing. Admins change them; managers watch. */
export function SourcesPage() {
  const { user, workspace } = useSession();
  const canManage = can(user.role, 'manageSources');
  const { state, reload, createSource, updateSource, pollNow, deleteSource } = useSources();
  const now = useNow(SOURCES_REFRESH_MS);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function act(source: Source, run: () => Promise<unknown>, done: string, failed: string) {
    setBusyIds((ids) => new Set(ids).add(source.id));
    setFeedback(null);
    try {
      await run();
      setFeedback({ tone: 'success', text: done });
      return true;
    } catch (error) {
      setFeedback({ tone: 'error', text: `${failed}: ${reason(error)}` });
      return false;
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(source.id);
        return next;
      });
    }
  }

  function extra(source: Source) {
    if (open?.id !== source.id) return null;
    if (open.what === 'edit') {
      return (
        <EditSourceForm
          source={source}
          onSave={(change) => updateSource(source.id, change)}
          onDone={(saved) => {
            setOpen(null);
            if (saved) setFeedback({ tone: 'success', text: `${saved.name} was saved.` });
          }}
        />
      );
    }
    return (
      <ConfirmAction
        title={`Delete the source “${source.name}”?`}
        confirmLabel="Delete source"
        busy={busyIds.has(source.id)}
        onCancel={() => setOpen(null)}
        onConfirm={() =>
          void act(source, () => deleteSource(source.id), `${source.name} was deleted.`, `Couldn't delete ${source.name}`).then((ok) => {
            if (ok) setOpen(null);
          })
        }
      >
        <p>Earshot stops polling it and forgets its credentials. Mentions already collected stay in the inbox.</p>
      </ConfirmAction>
    );
  }

  return (
    <section className="stack" aria-labelledby="sources-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="sources-heading">
            Sources
          </h2>
          <p className="section-header__description">The accounts, searches and feeds Earshot listens to. Updated every {SOURCES_REFRESH_MS / 1000} seconds.</p>
        </div>
        {canManage && !adding ? (
          <Button
            variant="primary"
            onClick={() => {
              setAdding(true);
              setFeedback(null);
            }}
          >
            Add source
          </Button>
        ) : null}
      </div>

      {!canManage ? <p className="table-note">Only admins can connect, change or remove sources.</p> : null}

      {adding ? (
        <AddSourceForm
          onCreate={createSource}
          onCreated={(created) => {
            setAdding(false);
            setFeedback({ tone: 'success', text: `${created.name} was added${created.enabled ? ' and will be polled shortly' : ''}.` });
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}

      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}

      <LoadProblem state={state} loadingLabel="Loading sources…" errorTitle="The list of sources could not be loaded" onRetry={reload} />
      {state.status === 'ready' && state.stale ? (
        <p className="stale-note" role="status">
          Couldn't refresh just now; showing the last known state. Earshot keeps trying.
        </p>
      ) : null}
      {state.status === 'ready' && state.sources.length === 0 && !adding ? (
        <EmptyState title="No sources yet" icon={<Icon name="compass" size={28} />}>
          <p>
            {canManage
              ? 'Add a source to start listening: a Mastodon, Bluesky, Reddit or X account or search, or an RSS feed.'
              : 'Ask an admin to connect one.'}
          </p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.sources.length > 0 ? (
        <ul className="source-list" aria-label={`Sources of ${workspace.name}`}>
          {state.sources.map((source) => (
            <SourceCard
              key={source.id}
              source={source}
              now={now}
              timeZone={workspace.timeZone}
              canManage={canManage}
              busy={busyIds.has(source.id)}
              editing={open?.id === source.id}
              onPollNow={(s) => void act(s, () => pollNow(s.id), `${s.name} will be polled within a few seconds.`, `Couldn't poll ${s.name}`)}
              onEdit={(s) => {
                setFeedback(null);
                setOpen({ id: s.id, what: 'edit' });
              }}
              onDelete={(s) => {
                setFeedback(null);
                setOpen({ id: s.id, what: 'delete' });
              }}
            >
              {extra(source)}
            </SourceCard>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Mention } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { isApiRequestError } from '../../../shared/http';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { SelectField } from '../../../shared/ui/SelectField';
import * as insightsApi from '../api/insights.api';
import type { RecurringQuestion } from '../api/alert-schemas';
import { MentionSnippet } from './MentionSnippet';

const PERIODS = [
  { value: '7', label: 'Last 7 days' },
  { value: '14', label: 'Last 14 days' },
  { value: '30', label: 'Last 30 days' },
];
const MIN_AUTHORS = 3;

/** Recurring questions (FAQ or proactive-post candidates) beside the suggestions people make. */
export function InsightsPanel() {
  return (
    <div className="insights">
      <RecurringQuestions />
      <Suggestions />
    </div>
  );
}

type Keyed = RecurringQuestion & { id: string };

function RecurringQuestions() {
  const { workspace } = useSession();
  const [days, setDays] = useState('7');
  const load = useCallback(
    async (signal: AbortSignal): Promise<Keyed[]> =>
      (await insightsApi.listRecurringQuestions({ days: Number(days), minAuthors: MIN_AUTHORS }, signal)).items.map((q) => ({ ...q, id: q.key })),
    [days],
  );
  const { state, reload } = useResourceList(load, { failureMessage: 'The recurring questions could not be loaded.' });
  return (
    <section className="panel" aria-labelledby="recurring-heading">
      <div className="section-header">
        <div>
          <h2 className="panel__title" id="recurring-heading">
            Recurring questions
          </h2>
          <p className="section-header__description">
            The same question from {MIN_AUTHORS} or more people: candidates for an FAQ entry or a post that answers everyone at once.
          </p>
        </div>
        <SelectField className="field--compact" label="Period" value={days} options={PERIODS} onChange={(e) => setDays(e.target.value)} />
      </div>
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the recurring questions…"
        errorTitle="The recurring questions could not be loaded"
        onRetry={reload}
      />
      {state.status === 'ready' ? (
        state.items.length === 0 ? (
          <p className="muted">No question was asked by {MIN_AUTHORS} or more people in this period. A longer period may find some.</p>
        ) : (
          <ol className="insight-list" aria-label="Recurring questions, most asked first">
            {state.items.map((q) => (
              <li key={q.id} className="insight" data-testid="recurring-question">
                <p className="insight__question">“{q.question}”</p>
                <p className="insight__meta">
                  {q.authors} {q.authors === 1 ? 'person' : 'people'} · {q.mentions} {q.mentions === 1 ? 'mention' : 'mentions'} ·{' '}
                  {formatDateTime(q.firstPostedAt, workspace.timeZone)} to {formatDateTime(q.lastPostedAt, workspace.timeZone)}
                  {q.terms.length > 0 ? ` · about ${q.terms.slice(0, 4).join(', ')}` : ''}
                </p>
                <details className="insight__details">
                  <summary>How they asked ({q.sample.length})</summary>
                  <ul className="mention-snippets">
                    {q.sample.map((m) => (
                      <MentionSnippet key={m.id} mention={m} timeZone={workspace.timeZone} />
                    ))}
                  </ul>
                  {q.mentionIds.length > q.sample.length ? (
                    <p className="muted">
                      The others in the inbox:{' '}
                      {q.mentionIds
                        .filter((id) => !q.sample.some((m) => m.id === id))
                        .slice(0, 20)
                        .map((id, i) => (
                          <span key={id}>
                            {i > 0 ? ' · ' : ''}
                            <Link to={`/inbox/${encodeURIComponent(id)}`}>mention {q.sample.length + i + 1}</Link>
                          </span>
                        ))}
                    </p>
                  ) : null}
                </details>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}

type SuggestionsState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: Mention[]; total: number; nextCursor: string | null };

function Suggestions() {
  const { workspace } = useSession();
  const [state, setState] = useState<SuggestionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  useEffect(() => {
    const controller = new AbortController();
    insightsApi.listSuggestions({}, controller.signal).then(
      (page) => !controller.signal.aborted && setState({ status: 'ready', items: page.items, total: page.total, nextCursor: page.nextCursor }),
      (error: unknown) =>
        !controller.signal.aborted && setState({ status: 'error', message: isApiRequestError(error) ? error.message : 'The suggestions could not be loaded.' }),
    );
    return () => controller.abort();
  }, [attempt]);

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.nextCursor || more.busy) return;
    setMore({ busy: true, error: null });
    try {
      const page = await insightsApi.listSuggestions({ cursor: state.nextCursor });
      setState((current) => {
        if (current.status !== 'ready') return current;
        const seen = new Set(current.items.map((m) => m.id));
        return { ...current, items: [...current.items, ...page.items.filter((m) => !seen.has(m.id))], nextCursor: page.nextCursor };
      });
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: isApiRequestError(error) ? error.message : 'More suggestions could not be loaded.' });
    }
  };

  return (
    <section className="panel" aria-labelledby="suggestions-heading">
      <h2 className="panel__title" id="suggestions-heading">
        Suggestions
      </h2>
      <p className="section-header__description">
        What people propose, newest first{state.status === 'ready' ? ` (${state.total} in all)` : ''}.{' '}
        <Link to="/inbox?status=all&intent=suggestion">All of them in the inbox</Link>
      </p>
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the suggestions…"
        errorTitle="The suggestions could not be loaded"
        onRetry={() => {
          setState({ status: 'loading' });
          setAttempt((n) => n + 1);
        }}
      />
      {state.status === 'ready' ? (
        state.items.length === 0 ? (
          <p className="muted">No suggestions yet.</p>
        ) : (
          <ul className="mention-snippets" aria-label="Suggestions, newest first">
            {state.items.map((m) => (
              <MentionSnippet key={m.id} mention={m} timeZone={workspace.timeZone} />
            ))}
          </ul>
        )
      ) : null}
      {more.error ? <Alert tone="error">{more.error}</Alert> : null}
      {state.status === 'ready' && state.nextCursor ? (
        <Button size="sm" busy={more.busy} onClick={() => void loadMore()}>
          Show more suggestions
        </Button>
      ) : null}
    </section>
  );
}

import { useCallback, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { asSentence } from '../../../shared/format/as-sentence';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { Button } from '../../../shared/ui/Button';
import { LoadingIndicator } from '../../../shared/ui/LoadingIndicator';
import * as rootCausesApi from '../api/root-causes.api';
import { useAsyncResource } from '../hooks/useAsyncResource';
import { DEFAULT_PERIOD, formatDay, periodToQuery, todayIn, type PeriodChoice } from '../period';
import { PeriodPicker } from './PeriodPicker';
import { RootCauseDetailView } from './RootCauseDetailView';
import '../root-causes.css';

/** The page's frame: the product's name and nothing to navigate to. */
function ShareLayout({ workspaceName, children }: { workspaceName?: string; children: ReactNode }) {
  return (
    <div className="share-shell">
      <header className="share-shell__top">
        <span className="brand">Earshot</span>
        {workspaceName ? <span className="share-shell__workspace">{workspaceName}</span> : null}
      </header>
      <main className="share-shell__main" id="main">
        {children}
      </main>
    </div>
  );
}

/**
 * What an owner sees through a share link (`/share/root-causes/:token`): the board for the
 * link's categories, where they set the status and a note. No session, no navigation, nothing
 * else of the desk. An expired or revoked link gets a plain message.
 */
export function SharedBoardPage() {
  const token = useParams().token ?? '';
  const [choice, setChoice] = useState<PeriodChoice>(DEFAULT_PERIOD);
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const today = todayIn(timeZone);
  // The default period is the api's own (the last 28 days in the workspace's zone); others are counted from its today.
  const { from, to } = choice === DEFAULT_PERIOD ? {} : periodToQuery(choice, today);
  const load = useCallback((signal: AbortSignal) => rootCausesApi.getSharedBoard(token, { from, to }, signal), [token, from, to]);
  const { state, reload } = useAsyncResource(load, 'The board could not be loaded.');
  const loadedZone = state.status === 'ready' ? state.data.period.timeZone : undefined;
  // The workspace's zone arrives with the board; later periods are counted from its today (React's "adjust state on a change" pattern).
  if (loadedZone && loadedZone !== timeZone) setTimeZone(loadedZone);

  if (state.status === 'loading') {
    return (
      <ShareLayout>
        <LoadingIndicator label="Loading the board…" />
      </ShareLayout>
    );
  }
  if (state.status === 'error') {
    const gone = state.statusCode === 404 || state.statusCode === 400;
    return (
      <ShareLayout>
        <section className="share-message" aria-labelledby="share-message-title">
          <h1 id="share-message-title">{gone ? 'This link no longer works' : 'The board could not be loaded'}</h1>
          <p>
            {gone ? 'It has expired or was revoked. Ask the person who sent it to you for a new link.' : `${asSentence(state.message)} Try again in a moment.`}
          </p>
          {gone ? null : (
            <Button variant="primary" onClick={() => reload()}>
              Try again
            </Button>
          )}
        </section>
      </ShareLayout>
    );
  }

  const board = state.data;
  return (
    <ShareLayout workspaceName={board.workspaceName}>
      <div className="page-header">
        <div>
          <h1 className="page-header__title">Root causes shared with you</h1>
          <p className="page-header__description">
            {formatDay(board.period.from)} to {formatDay(board.period.to)}, compared with the {board.period.days} days before. This link works until{' '}
            {formatDateTime(board.expiresAt, board.period.timeZone)}.
          </p>
        </div>
        <div className="page-header__actions">
          <PeriodPicker key={JSON.stringify(choice)} value={choice} today={today} onChange={setChoice} />
        </div>
      </div>
      {board.categories.length === 0 ? <p className="muted">No categories are shared through this link.</p> : null}
      {board.categories.map((detail) => (
        <RootCauseDetailView
          key={detail.category}
          detail={detail}
          today={today}
          headingLevel={2}
          inboxLinks={false}
          onSaveStatus={async (request) => {
            await rootCausesApi.setSharedStatus(token, detail.category, request);
            reload(true);
          }}
        />
      ))}
    </ShareLayout>
  );
}

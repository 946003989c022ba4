import { Link, useMatch, useSearchParams } from 'react-router';
import type { RootCauseBoardQuery } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { categoryLabel } from '../../templates/complaint-categories';
import { Alert } from '../../../shared/ui/Alert';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { PageHeader } from '../../../shared/ui/PageHeader';
import * as rootCausesApi from '../api/root-causes.api';
import { useRootCauseBoard, useRootCauseDetail } from '../hooks/useRootCauseBoard';
import { periodFromSearch, periodToQuery, periodToSearch, todayIn, formatDay } from '../period';
import { DigestPanel } from './DigestPanel';
import { NotifyAuthorsForm } from './NotifyAuthorsForm';
import { OwnerEditor } from './OwnerEditor';
import { PeriodPicker } from './PeriodPicker';
import { RootCauseCard } from './RootCauseCard';
import { RootCauseDetailView } from './RootCauseDetailView';
import { ShareLinksPanel } from './ShareLinksPanel';
// The page's own styles (the share page imports them too).
import '../root-causes.css';

const loadState = <T,>(state: { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T }) =>
  state.status === 'ready' ? ({ status: 'ready' } as const) : state;

function Board({ query, search, canEdit, timeZone }: { query: RootCauseBoardQuery; search: string; canEdit: boolean; timeZone: string }) {
  const { state, reload } = useRootCauseBoard(query);
  return (
    <>
      <LoadProblem state={loadState(state)} loadingLabel="Loading the root causes…" errorTitle="The root causes could not be loaded" onRetry={() => reload()} />
      {state.status === 'ready' ? (
        <>
          <p className="muted">
            {formatDay(state.data.period.from)} to {formatDay(state.data.period.to)}, compared with the {state.data.period.days} days before (
            {formatDay(state.data.period.previousFrom)} to {formatDay(state.data.period.previousTo)}).
          </p>
          {state.data.categories.length === 0 ? (
            <EmptyState title="No complaints in this period" icon={<Icon name="target" size={28} />}>
              <p>
                Complaints are sorted into categories as they arrive. Pick a longer period, or check under Settings › Sources that your sources are connected.
              </p>
            </EmptyState>
          ) : (
            <ol className="root-causes" aria-label="Complaint categories by volume">
              {state.data.categories.map((row) => (
                <RootCauseCard key={row.category} row={row} query={query} href={`/root-causes/${encodeURIComponent(row.category)}${search}`} />
              ))}
            </ol>
          )}
          {canEdit ? (
            <section className="panel" aria-labelledby="share-links-heading">
              <h2 className="panel__title" id="share-links-heading">
                Share with owners
              </h2>
              <p className="panel__note">An expiring link shows an owner their categories and lets them set the status, without the rest of the inbox.</p>
              <ShareLinksPanel categories={state.data.categories.map((c) => c.category)} timeZone={timeZone} />
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Detail({
  category,
  query,
  search,
  canEdit,
  today,
}: {
  category: string;
  query: RootCauseBoardQuery;
  search: string;
  canEdit: boolean;
  today: string;
}) {
  const { state, reload } = useRootCauseDetail(category, query);
  const name = categoryLabel(category);
  return (
    <>
      <p>
        <Link to={`/root-causes${search}`}>← All categories</Link>
      </p>
      <LoadProblem state={loadState(state)} loadingLabel={`Loading ${name}…`} errorTitle={`${name} could not be loaded`} onRetry={() => reload()} />
      {state.status === 'ready' ? (
        <RootCauseDetailView
          detail={state.data}
          today={today}
          headingLevel={2}
          inboxLinks
          focusOnOpen
          onSaveStatus={
            canEdit
              ? async (request) => {
                  await rootCausesApi.setStatus(category, request);
                  reload(true);
                }
              : undefined
          }
        >
          {canEdit ? (
            <>
              <section className="panel">
                <h3 className="panel__title">Owner</h3>
                <OwnerEditor category={category} categoryName={name} onChanged={() => reload(true)} />
              </section>
              {state.data.status.status === 'fix_shipped' && state.data.status.fixShippedAt ? (
                <section className="panel">
                  <h3 className="panel__title">Tell the authors</h3>
                  <NotifyAuthorsForm category={category} categoryName={name} fixShippedAt={state.data.status.fixShippedAt} today={today} />
                </section>
              ) : null}
              {state.data.owner ? (
                <section className="panel">
                  <h3 className="panel__title">Owner digest</h3>
                  <DigestPanel email={state.data.owner.email} />
                </section>
              ) : null}
              <section className="panel">
                <h3 className="panel__title">Share with the owner</h3>
                <ShareLinksPanel categories={[category]} initial={[category]} timeZone={state.data.period.timeZone} />
              </section>
            </>
          ) : null}
        </RootCauseDetailView>
      ) : null}
    </>
  );
}

/** Root causes: complaints per category, who owns each, what was done and whether it worked. */
export function RootCausesPage() {
  const { user, workspace } = useSession();
  const canEdit = can(user.role, 'editRootCauses');
  const [searchParams, setSearchParams] = useSearchParams();
  const category = useMatch('/root-causes/:category')?.params.category ?? null;
  const today = todayIn(workspace.timeZone);
  const choice = periodFromSearch(searchParams);
  const query = periodToQuery(choice, today);
  const search = periodToSearch(choice);

  return (
    <div className="page">
      <PageHeader
        title="Root causes"
        description="Complaints by category: who owns the cause, what was done, and whether it worked."
        actions={<PeriodPicker key={search} value={choice} today={today} onChange={(next) => setSearchParams(new URLSearchParams(periodToSearch(next)))} />}
      />
      {!canEdit ? <Alert tone="info">You can read the board; managers and admins set owners and status.</Alert> : null}
      {category ? (
        <Detail key={category} category={category} query={query} search={search} canEdit={canEdit} today={today} />
      ) : (
        <Board query={query} search={search} canEdit={canEdit} timeZone={workspace.timeZone} />
      )}
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useMatch, useNavigate } from 'react-router';
import type { Mention } from '@earshot/contracts';
import { useDebouncedValue } from '../../../shared/hooks/useDebouncedValue';
import { useNow } from '../../../shared/hooks/useNow';
import { ConnectionStatusBadge } from '../../../shared/realtime/ConnectionStatusBadge';
import { useConnectionStatus } from '../../../shared/realtime/useConnectionStatus';
import { useRealtimeConnection } from '../../../shared/realtime/useRealtimeConnection';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { can } from '../../auth/access-policy';
import { useSession } from '../../auth/hooks/useSession';
import { useInboxShortcuts } from '../hooks/useInboxShortcuts';
import { useMentionActions } from '../hooks/useMentionActions';
import { useBrandNames } from '../hooks/useBrandNames';
import { useMentionQueue } from '../hooks/useMentionQueue';
import { usePresence, useViewingPresence } from '../hooks/usePresence';
import { useQueueSelection } from '../hooks/useQueueSelection';
import { useQueueUrl } from '../hooks/useQueueUrl';
import type { ShortcutKey } from '../inbox-shortcuts';
import { withoutChip, type ChipFilter, type QueueFilters } from '../queue-filters';
import type { SavedView } from '../saved-views';
import { BulkActionsBar } from './BulkActionsBar';
import { FilterChips } from './FilterChips';
import { MentionDetailPane } from './MentionDetailPane';
import { QueueFiltersBar } from './QueueFiltersBar';
import { QueueListArea } from './QueueListArea';
import { SavedViewsBar } from './SavedViewsBar';
import { ShortcutsHelpDialog } from './ShortcutsHelpDialog';

export const SEARCH_DEBOUNCE_MS = 300;
const VIEWER_HINT = 'Viewers can read the inbox but not change it.';

/** The triage inbox: live list on the left, the open mention on the right (/inbox/:id). */
export function InboxPage() {
  const { user, workspace } = useSession();
  const readOnly = !can(user.role, 'triage');
  const navigate = useNavigate();
  const openId = useMatch('/inbox/:mentionId')?.params.mentionId ?? null;
  const now = useNow(30_000);

  const connection = useRealtimeConnection();
  const status = useConnectionStatus(connection);
  const presence = usePresence(connection);
  useViewingPresence(connection, openId);

  // Every filter lives in the address; the search box has its own text, written there after a pause.
  const { filters, problems, setFilters, withFilters } = useQueueUrl();
  const [search, setSearch] = useState(filters.q);
  const typed = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  /** The search the address has from this box (or that the box took from the address). */
  const written = useRef(filters.q);
  const latest = useRef({ filters, setFilters });
  useEffect(() => {
    latest.current = { filters, setFilters };
  });
  useEffect(() => {
    // Only a new pause in typing writes (not a filter change while the last words still settle).
    const q = typed.trim();
    if (q === written.current) return;
    written.current = q;
    latest.current.setFilters({ ...latest.current.filters, q }, { replace: true });
  }, [typed]);
  useEffect(() => {
    // The address changed by other means (a link, back, a saved view): the box follows.
    if (filters.q === written.current) return;
    written.current = filters.q;
    setSearch(filters.q);
  }, [filters.q]);
  const brandNames = useBrandNames(filters.brandIds);

  const queue = useMentionQueue(filters, connection, user.id);
  const items = queue.state.items;
  const actions = useMentionActions(user.id, queue.applyLocal);
  const selection = useQueueSelection();

  const [currentId, setCurrentId] = useState<string | null>(null);
  const currentIndex = currentId === null ? -1 : items.findIndex((m) => m.id === currentId);
  const [replyFor, setReplyFor] = useState<string | null>(null);
  /** The mention whose correction form "c" asked for, and a count that rises with each press. */
  const [correctFor, setCorrectFor] = useState<{ id: string; n: number } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [hint, setHint] = useState<string | null>(null);

  const open = useCallback(
    (mention: Mention, reply = false) => {
      setCurrentId(mention.id);
      setReplyFor(reply ? mention.id : null);
      setCorrectFor(null);
      void navigate(withFilters(`/inbox/${encodeURIComponent(mention.id)}`));
    },
    [navigate, withFilters],
  );
  const close = useCallback(() => {
    setReplyFor(null);
    void navigate(withFilters('/inbox'));
  }, [navigate, withFilters]);

  const selectView = (view: SavedView) => {
    written.current = '';
    setSearch('');
    setFilters({ ...view.filters, sort: filters.sort });
    selection.clear();
  };
  const changeFilters = (next: QueueFilters) => {
    setFilters({ ...next, q: filters.q });
    selection.clear();
  };
  const removeChip = (chip: ChipFilter) => {
    setFilters(withoutChip(filters, chip));
    selection.clear();
  };

  const onShortcut = (key: ShortcutKey) => {
    const current = currentIndex >= 0 ? items[currentIndex] : undefined;
    if (key === '?') return setHelpOpen(true);
    if (key === 'j' || key === 'k') {
      if (items.length === 0) return;
      const next = currentIndex < 0 ? 0 : Math.min(items.length - 1, Math.max(0, currentIndex + (key === 'j' ? 1 : -1)));
      return setCurrentId(items[next]!.id);
    }
    if (key === 'c' && !current && openId) {
      if (readOnly) return setHint(VIEWER_HINT);
      return setCorrectFor((c) => ({ id: openId, n: (c?.id === openId ? c.n : 0) + 1 }));
    }
    if (!current) return;
    if (key === 'Enter') return open(current);
    if (readOnly) return setHint(VIEWER_HINT);
    setHint(null);
    if (key === 'x') return selection.toggle(items, currentIndex, false);
    if (key === 'a') return void actions.assignToMe([current.id]);
    if (key === 'e') return void actions.setStatus([current.id], 'resolved');
    if (key === 'r') return open(current, true);
    if (key === 'c') {
      if (current.id !== openId) open(current);
      return setCorrectFor((c) => ({ id: current.id, n: (c?.id === current.id ? c.n : 0) + 1 }));
    }
  };
  useInboxShortcuts(onShortcut, !helpOpen);

  const checkedIds = [...selection.checked];
  const bulk = (run: (ids: string[]) => Promise<boolean>) => () => {
    void run(checkedIds).then((ok) => {
      if (ok) selection.clear();
    });
  };

  return (
    <div className="page page--inbox">
      <PageHeader
        title="Inbox"
        description="Mentions that need an answer, most urgent first. Press ? for keyboard shortcuts."
        actions={
          <>
            <ConnectionStatusBadge status={status} />
            <Button size="sm" variant="ghost" onClick={() => setHelpOpen(true)}>
              Keyboard shortcuts
            </Button>
          </>
        }
      />
      {readOnly ? (
        <Alert tone="info" title="Read-only access">
          As a viewer you can read conversations, but not claim, reply to or close them.
        </Alert>
      ) : null}
      <SavedViewsBar filters={filters} onSelect={selectView} />
      <QueueFiltersBar filters={filters} search={search} onSearch={setSearch} onChange={changeFilters} />
      {problems.length > 0 ? (
        <Alert tone="info" title="Part of this link was left out">
          These filters could not be read: {problems.join('; ')}.
        </Alert>
      ) : null}
      <FilterChips
        filters={filters}
        timeZone={workspace.timeZone}
        brandNames={brandNames}
        total={queue.loading ? null : queue.state.total}
        onRemove={removeChip}
      />
      {hint ? (
        <p className="inbox-hint" role="status">
          {hint}
        </p>
      ) : null}
      {actions.error ? <Alert tone="error">{actions.error}</Alert> : null}
      {readOnly ? null : (
        <BulkActionsBar
          count={selection.checked.size}
          busy={actions.busy}
          onResolve={bulk((ids) => actions.setStatus(ids, 'resolved'))}
          onAssignToMe={bulk((ids) => actions.assignToMe(ids))}
          onIgnore={bulk((ids) => actions.setStatus(ids, 'ignored'))}
          onClear={selection.clear}
        />
      )}
      <div className={openId ? 'inbox inbox--with-detail' : 'inbox'}>
        <QueueListArea
          queue={queue}
          currentIndex={currentIndex}
          openId={openId}
          checked={readOnly ? null : selection.checked}
          me={user.id}
          now={now}
          timeZone={workspace.timeZone}
          onOpen={(mention) => open(mention)}
          onToggle={(_mention, index, shiftKey) => selection.toggle(items, index, shiftKey)}
        />
        {openId ? (
          <MentionDetailPane
            key={openId}
            id={openId}
            connection={connection}
            me={user.id}
            readOnly={readOnly}
            canAssignOthers={can(user.role, 'assignOthers')}
            autoReply={replyFor === openId}
            correctSignal={correctFor?.id === openId ? correctFor.n : 0}
            presence={presence}
            now={now}
            timeZone={workspace.timeZone}
            onChanged={queue.applyLocal}
            onClose={close}
          />
        ) : null}
      </div>
      {helpOpen ? <ShortcutsHelpDialog readOnly={readOnly} onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}

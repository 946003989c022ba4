import type { Mention } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { Icon } from '../../../shared/ui/Icon';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import type { useMentionQueue } from '../hooks/useMentionQueue';
import { MentionList } from './MentionList';

interface QueueListAreaProps {
  queue: ReturnType<typeof useMentionQueue>;
  currentIndex: number;
  openId: string | null;
  checked: ReadonlySet<string> | null;
  me: string;
  now: Date;
  timeZone: string;
  onOpen(mention: Mention): void;
  onToggle(mention: Mention, index: number, shiftKey: boolean): void;
}

/** The list with its loading, error and empty states. */
export function QueueListArea({ queue, currentIndex, openId, checked, me, now, timeZone, onOpen, onToggle }: QueueListAreaProps) {
  const { state, loading } = queue;
  if (loading || state.status === 'error') {
    return (
      <section className="inbox__list">
        <LoadProblem
          state={loading ? { status: 'loading' } : { status: 'error', message: state.error ?? '' }}
          loadingLabel="Loading mentions…"
          errorTitle="The inbox could not be loaded"
          onRetry={queue.reload}
        />
      </section>
    );
  }
  if (state.items.length === 0 && state.pending.length === 0) {
    return (
      <section className="inbox__list">
        <EmptyState title="Nothing to triage here" icon={<Icon name="inbox" size={28} />}>
          <p>No mention matches these filters. New ones appear here as they arrive.</p>
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="inbox__list">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <MentionList
        items={state.items}
        pendingCount={state.pending.length}
        currentIndex={currentIndex}
        openId={openId}
        checked={checked}
        hasMore={state.nextCursor !== null}
        loadingMore={state.loadingMore}
        me={me}
        now={now}
        timeZone={timeZone}
        reveal={state.reveal}
        onOpen={onOpen}
        onToggle={onToggle}
        onLoadMore={queue.loadMore}
        onInsertPending={queue.insertPending}
      />
    </section>
  );
}

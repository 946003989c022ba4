import { useEffect, useRef, type UIEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Mention } from '@earshot/contracts';
import { MentionRow } from './MentionRow';
import { NewMentionsPill } from './NewMentionsPill';

/** Rows have one fixed height (the text is clamped), which keeps 10,000+ rows smooth. */
export const ROW_HEIGHT = 112;
/** Load the next page when this many rows are left below the viewport. */
const LOAD_AHEAD = 20;

interface MentionListProps {
  items: Mention[];
  pendingCount: number;
  currentIndex: number;
  openId: string | null;
  /** Null for viewers (no selection). */
  checked: ReadonlySet<string> | null;
  hasMore: boolean;
  loadingMore: boolean;
  me: string;
  now: Date;
  timeZone: string;
  /** Bumped when pending mentions were inserted, with where the first one went. */
  reveal: { count: number; index: number } | null;
  onOpen(mention: Mention, index: number): void;
  onToggle(mention: Mention, index: number, shiftKey: boolean): void;
  onLoadMore(): void;
  onInsertPending(): void;
}

export function MentionList(props: MentionListProps) {
  const { items, pendingCount, currentIndex, openId, checked, hasMore, loadingMore, me, now, timeZone, reveal, onOpen, onToggle, onLoadMore, onInsertPending } =
    props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; this component is not memoized
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 800, height: 720 },
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.length ? virtualItems[virtualItems.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= items.length - LOAD_AHEAD) onLoadMore();
  }, [hasMore, loadingMore, lastVisible, items.length, onLoadMore]);

  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  const revealCount = reveal?.count ?? 0;
  const revealIndex = reveal?.index ?? 0;
  useEffect(() => {
    if (revealCount > 0) virtualizer.scrollToIndex(revealIndex, { align: 'start' });
  }, [revealCount, revealIndex, virtualizer]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    if (event.currentTarget.scrollTop <= 0 && pendingCount > 0) onInsertPending();
  };

  return (
    <div className="mention-list">
      {/* The pill's own strip, kept while empty: the pill never covers a row, and its arrival does not move the list. */}
      <div className="mention-list__notices" aria-live="polite">
        {pendingCount > 0 ? <NewMentionsPill count={pendingCount} onShow={onInsertPending} /> : null}
      </div>
      <div
        ref={scrollRef}
        className="mention-list__scroll"
        role="list"
        aria-label="Mentions"
        aria-busy={loadingMore || undefined}
        onScroll={onScroll}
        tabIndex={-1}
      >
        <div className="mention-list__canvas" style={{ height: virtualizer.getTotalSize() }} role="none">
          {virtualItems.map((row) => {
            const mention = items[row.index]!;
            return (
              <MentionRow
                key={row.key}
                mention={mention}
                index={row.index}
                total={items.length}
                top={row.start}
                current={row.index === currentIndex}
                open={mention.id === openId}
                checked={checked ? checked.has(mention.id) : null}
                me={me}
                now={now}
                timeZone={timeZone}
                onOpen={onOpen}
                onToggle={onToggle}
              />
            );
          })}
        </div>
      </div>
      {loadingMore ? (
        <p className="mention-list__more" role="status">
          Loading more mentions…
        </p>
      ) : null}
    </div>
  );
}

import type { Mention, MentionPage } from '@earshot/contracts';
import { COMPARE_MENTIONS } from './compare-mentions';
import { mentionMatchesFilters } from './mention-matches-filters';
import type { QueueFilters } from './queue-filters';

/**
 * The list the agent works from. `items` is what is shown, in the api's order; `pending`
 * holds pushed mentions that match the filters but are not shown yet (the "N new" pill),
 * so nothing moves under the agent's eyes. `seq` is the highest change sequence applied.
 */
export interface QueueState {
  /** Which filters (and load attempt) this state belongs to; actions for another key are dropped. */
  key: string | null;
  filters: QueueFilters | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  items: Mention[];
  pending: Mention[];
  nextCursor: string | null;
  /** How many mentions match in all (when the api was asked: lists bounded by posted time); less those that left the list since. */
  total: number | null;
  loadingMore: boolean;
  seq: number | null;
  /** Mentions that left the view, with the sequence at which they left (older news about them is stale). */
  gone: Record<string, number>;
  /** Bumped by every insert of pending mentions, with the index of the first inserted row. */
  reveal: { count: number; index: number } | null;
}

export type QueueAction =
  | { type: 'loaded'; key: string; filters: QueueFilters; page: MentionPage }
  | { type: 'failed'; key: string; message: string }
  | { type: 'loadingMore'; key: string }
  | { type: 'moreLoaded'; key: string; page: MentionPage }
  | { type: 'moreFailed'; key: string; message: string }
  /**
   * Mentions as they now are: a socket event or catch-up batch (with the `seq` it brings the
   * list up to), or an action's response (no `seq`: it must not skip events not yet received).
   */
  | { type: 'changes'; key: string; mentions: Mention[]; seq?: number; userId: string; now: number }
  | { type: 'insertPending'; key: string };

export const INITIAL_QUEUE_STATE: QueueState = {
  key: null,
  filters: null,
  status: 'loading',
  error: null,
  items: [],
  pending: [],
  nextCursor: null,
  total: null,
  loadingMore: false,
  seq: null,
  gone: {},
  reveal: null,
};

function maxSeq(a: number | null, b: number | undefined): number | null {
  if (b === undefined) return a;
  return a === null ? b : Math.max(a, b);
}

function applyChanges(state: QueueState, filters: QueueFilters, mentions: Mention[], context: { userId: string; now: number }): QueueState {
  let items = state.items;
  let pending = state.pending;
  const gone = { ...state.gone };
  const itemIndex = new Map(items.map((m, i) => [m.id, i]));
  const removed = new Set<string>();

  for (const mention of mentions) {
    const at = itemIndex.get(mention.id);
    const pendingAt = pending.findIndex((m) => m.id === mention.id);
    const known = at !== undefined ? items[at] : pendingAt >= 0 ? pending[pendingAt] : undefined;
    if (known && known.seq >= mention.seq) continue;
    if ((gone[mention.id] ?? -1) >= mention.seq) continue;

    if (mentionMatchesFilters(mention, filters, context)) {
      delete gone[mention.id];
      if (at !== undefined) {
        if (items === state.items) items = [...items];
        items[at] = mention;
      } else if (pendingAt >= 0) {
        pending = pending.map((m, i) => (i === pendingAt ? mention : m));
      } else {
        pending = [...pending, mention];
      }
    } else {
      gone[mention.id] = mention.seq;
      if (at !== undefined) removed.add(mention.id);
      if (pendingAt >= 0) pending = pending.filter((m) => m.id !== mention.id);
    }
  }
  if (removed.size === 0) return { ...state, items, pending, gone };
  items = items.filter((m) => !removed.has(m.id));
  return { ...state, items, pending, gone, total: state.total === null ? null : Math.max(0, state.total - removed.size) };
}

function insertPending(state: QueueState): QueueState {
  const filters = state.filters;
  if (!filters || state.pending.length === 0) return state;
  const compare = COMPARE_MENTIONS[filters.sort];
  const items = [...state.items];
  const present = new Set(items.map((m) => m.id));
  let first = Number.POSITIVE_INFINITY;
  for (const mention of [...state.pending].sort(compare)) {
    if (present.has(mention.id)) continue;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(items[mid]!, mention) <= 0) lo = mid + 1;
      else hi = mid;
    }
    // Past the loaded rows while more pages exist: it arrives with its page.
    if (lo === items.length && state.nextCursor !== null) continue;
    items.splice(lo, 0, mention);
    present.add(mention.id);
    first = Math.min(first, lo);
  }
  const reveal = Number.isFinite(first) ? { count: (state.reveal?.count ?? 0) + 1, index: first } : state.reveal;
  return { ...state, items, pending: [], reveal };
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  if (action.type === 'loaded') {
    return {
      ...INITIAL_QUEUE_STATE,
      key: action.key,
      filters: action.filters,
      status: 'ready',
      items: action.page.items,
      nextCursor: action.page.nextCursor,
      total: action.page.total ?? null,
      seq: action.page.seq,
    };
  }
  if (action.type === 'failed') {
    return { ...INITIAL_QUEUE_STATE, key: action.key, status: 'error', error: action.message };
  }
  if (action.key !== state.key || state.status !== 'ready' || !state.filters) return state;

  switch (action.type) {
    case 'loadingMore':
      return { ...state, loadingMore: true, error: null };
    case 'moreLoaded': {
      const present = new Set([...state.items, ...state.pending].map((m) => m.id));
      const fresh = action.page.items.filter((m) => !present.has(m.id) && (state.gone[m.id] ?? -1) < m.seq);
      return { ...state, items: [...state.items, ...fresh], nextCursor: action.page.nextCursor, loadingMore: false };
    }
    case 'moreFailed':
      return { ...state, loadingMore: false, error: action.message };
    case 'changes': {
      const next = applyChanges(state, state.filters, action.mentions, action);
      return { ...next, seq: maxSeq(state.seq, action.seq) };
    }
    case 'insertPending':
      return insertPending(state);
  }
}

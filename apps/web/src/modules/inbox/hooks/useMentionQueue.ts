import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Mention } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import * as mentionsApi from '../api/mentions.api';
import { INITIAL_QUEUE_STATE, queueReducer } from '../mention-queue-state';
import { toQueueQuery, type QueueFilters } from '../queue-filters';

const message = (error: unknown, fallback: string) => (isApiRequestError(error) ? error.message : fallback);

/**
 * The inbox list for a set of filters: the first page, more pages on demand, and every
 * change pushed over the socket merged in (new matches wait in `pending`). After every
 * (re)connect, and right after a page is loaded, it catches up through
 * `/api/mentions/changes` from the last sequence it applied, so a dropped connection loses
 * nothing and a mention is never listed twice.
 */
export function useMentionQueue(filters: QueueFilters, connection: RealtimeConnection, userId: string) {
  const [attempt, setAttempt] = useState(0);
  const key = `${JSON.stringify(filters)}#${attempt}`;
  const [state, dispatch] = useReducer(queueReducer, INITIAL_QUEUE_STATE);
  const latest = useRef({ key: state.key, seq: state.seq, nextCursor: state.nextCursor, loadingMore: state.loadingMore, filters });
  useEffect(() => {
    latest.current = { key: state.key, seq: state.seq, nextCursor: state.nextCursor, loadingMore: state.loadingMore, filters };
  });
  const catchingUp = useRef<Promise<void> | null>(null);

  const catchUp = useCallback(
    async (forKey: string, since: number): Promise<void> => {
      let from = since;
      for (;;) {
        const batch = await mentionsApi.listChanges(from);
        dispatch({ type: 'changes', key: forKey, mentions: batch.items, seq: batch.seq, userId, now: Date.now() });
        from = batch.seq;
        if (!batch.hasMore || latest.current.key !== forKey) return;
      }
    },
    [userId],
  );

  /** One catch-up at a time; a request while one runs starts another from the newer sequence after it. */
  const requestCatchUp = useCallback(() => {
    const run = async () => {
      if (catchingUp.current) await catchingUp.current.catch(() => undefined);
      const { key: forKey, seq } = latest.current;
      if (forKey === null || seq === null) return;
      await catchUp(forKey, seq);
    };
    const promise = run().catch((error: unknown) => console.warn('Catching up on missed changes failed', error));
    catchingUp.current = promise;
    return promise;
  }, [catchUp]);

  useEffect(() => {
    const controller = new AbortController();
    mentionsApi.listMentions(toQueueQuery(filters, Date.now()), controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        dispatch({ type: 'loaded', key, filters, page });
        latest.current = { ...latest.current, key, seq: page.seq, nextCursor: page.nextCursor };
        if (connection.connected) void requestCatchUp();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        dispatch({ type: 'failed', key, message: message(error, 'The inbox could not be loaded.') });
      },
    );
    return () => controller.abort();
    // `filters` is part of `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, connection, requestCatchUp]);

  useEffect(() => {
    const apply = (mention: Mention, seq: number) => {
      const forKey = latest.current.key;
      if (forKey !== null) dispatch({ type: 'changes', key: forKey, mentions: [mention], seq, userId, now: Date.now() });
    };
    const offs = [
      connection.on('mention.created', (e) => apply(e.mention, e.seq)),
      connection.on('mention.updated', (e) => apply(e.mention, e.seq)),
      connection.on('mention.claimed', (e) => apply(e.mention, e.seq)),
      connection.on('sla.breached', (e) => apply(e.mention, e.seq)),
      // The mention's reply summary ("replied", "awaiting approval") changes with its replies.
      connection.on('reply.updated', (e) => apply(e.mention, e.seq)),
      connection.onConnect(() => void requestCatchUp()),
    ];
    return () => offs.forEach((off) => off());
  }, [connection, userId, requestCatchUp]);

  const loadMore = useCallback(() => {
    const { key: forKey, nextCursor, loadingMore, filters: current } = latest.current;
    if (forKey === null || nextCursor === null || loadingMore) return;
    latest.current = { ...latest.current, loadingMore: true };
    dispatch({ type: 'loadingMore', key: forKey });
    mentionsApi.listMentions(toQueueQuery(current, Date.now(), nextCursor)).then(
      (page) => dispatch({ type: 'moreLoaded', key: forKey, page }),
      (error: unknown) => dispatch({ type: 'moreFailed', key: forKey, message: message(error, 'More mentions could not be loaded.') }),
    );
  }, []);

  /** Mentions as an action's response returned them (never advances the sequence). */
  const applyLocal = useCallback(
    (mentions: Mention[]) => {
      const forKey = latest.current.key;
      if (forKey !== null) dispatch({ type: 'changes', key: forKey, mentions, userId, now: Date.now() });
    },
    [userId],
  );

  const insertPending = useCallback(() => {
    const forKey = latest.current.key;
    if (forKey !== null) dispatch({ type: 'insertPending', key: forKey });
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const loading = state.key !== key || state.status === 'loading';
  return { state, loading, loadMore, applyLocal, insertPending, reload, catchUp: requestCatchUp };
}

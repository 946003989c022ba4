import { useCallback, useEffect, useState } from 'react';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import { laterVersion } from '../alert-feed-state';
import * as alertsApi from '../api/alerts.api';
import type { AlertEvent } from '../api/alert-schemas';

export const ALERT_PAGE_SIZE = 50;
/** The api's largest page. */
export const ALERT_LIMIT_MAX = 200;

type ListState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: AlertEvent[]; hasMore: boolean };

const newestFirst = (a: AlertEvent, b: AlertEvent) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || b.seq - a.seq;

function mergeInto(items: readonly AlertEvent[], incoming: readonly AlertEvent[]): AlertEvent[] {
  const byId = new Map(items.map((a) => [a.id, a]));
  for (const alert of incoming) {
    const known = byId.get(alert.id);
    byId.set(alert.id, known ? laterVersion(known, alert) : alert);
  }
  return [...byId.values()].sort(newestFirst);
}

/**
 * The Alerts page's list, newest first: raised, cleared and those found in the past. Alerts
 * raised or cleared while it is open come in over the socket; after a reconnect it reads the
 * list again (alerts are few), so nothing that happened meanwhile is missing.
 */
export function useAlertList(connection: RealtimeConnection) {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [limit, setLimit] = useState(ALERT_PAGE_SIZE);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    alertsApi.listAlerts({ status: 'all', limit }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((current) => ({
          status: 'ready',
          items: mergeInto(current.status === 'ready' ? current.items : [], page.alerts),
          hasMore: page.hasMore,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: isApiRequestError(error) ? error.message : 'The alerts could not be loaded.' });
      },
    );
    return () => controller.abort();
  }, [attempt, limit]);

  useEffect(() => {
    const add = (alert: AlertEvent) => setState((current) => (current.status === 'ready' ? { ...current, items: mergeInto(current.items, [alert]) } : current));
    const offs = [connection.on('alert.raised', add), connection.on('alert.cleared', add), connection.onConnect(() => setAttempt((n) => n + 1))];
    return () => offs.forEach((off) => off());
  }, [connection]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  /** The next alerts down the list (the api pages by a larger limit, up to its maximum). */
  const showMore = useCallback(() => setLimit((n) => Math.min(ALERT_LIMIT_MAX, n + ALERT_PAGE_SIZE)), []);

  return { state, reload, showMore, canShowMore: state.status === 'ready' && state.hasMore && limit < ALERT_LIMIT_MAX };
}

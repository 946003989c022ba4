import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import { alertFeedReducer, bannerAlerts, initialFeedState } from '../alert-feed-state';
import { loadFeed, saveFeed } from '../alert-feed-storage';
import * as alertsApi from '../api/alerts.api';
import type { AlertEvent } from '../api/alert-schemas';

/** The most alerts one catch-up reads (the api's maximum); more since the cursor than this: the newest are shown. */
export const CATCH_UP_LIMIT = 200;

/**
 * Alerts as they happen, on every page: `alert.raised` / `alert.cleared` from the socket, and
 * a REST catch-up on load and after every (re)connect from the highest `seq` the last one
 * saw (kept in this browser), so a client that was away sees what it missed — raises and
 * clears — and one alert is one banner however often it arrives. Each page load also reads the
 * alerts raised now, so one stays until it is dismissed; a first visit shows only those, not
 * the whole history.
 */
export function useAlertFeed(connection: RealtimeConnection, userId: string) {
  const [state, dispatch] = useReducer(alertFeedReducer, userId, (id) => initialFeedState(loadFeed(id)));
  // The cursor the next catch-up starts from, moved by each catch-up as it ends (before the state re-renders).
  const cursor = useRef(state.cursor);
  useEffect(() => saveFeed(userId, { cursor: state.cursor, dismissed: [...state.dismissed] }), [userId, state.cursor, state.dismissed]);

  const running = useRef<Promise<void> | null>(null);
  const raisedRead = useRef(false);

  const catchUp = useCallback(async () => {
    const since = cursor.current;
    const caughtUp = (alerts: AlertEvent[], next: number, restart = false) => {
      cursor.current = restart ? next : Math.max(next, cursor.current ?? next);
      dispatch({ type: 'caughtUp', alerts, cursor: next, restart });
    };
    const fromScratch = async () => {
      const page = await alertsApi.listAlerts({ status: 'raised', limit: CATCH_UP_LIMIT });
      caughtUp(page.alerts, page.seq, true);
      raisedRead.current = true;
    };
    if (since === null) return fromScratch();
    if (!raisedRead.current) {
      // A new page: the alerts still raised come back (until dismissed), whenever they were first seen.
      const raised = await alertsApi.listAlerts({ status: 'raised', limit: CATCH_UP_LIMIT });
      dispatch({ type: 'received', alerts: raised.alerts });
      raisedRead.current = true;
    }
    const page = await alertsApi.listAlerts({ since, status: 'all', limit: CATCH_UP_LIMIT });
    // The api has counted fewer changes than this browser remembers: another database (reset, restored). Start afresh.
    if (page.seq < since) return fromScratch();
    // Every change after `since` is in the page (unless over the limit): the highest seq in it is where the next starts.
    const highest = page.alerts.reduce((max, a) => Math.max(max, a.seq), since);
    caughtUp(page.alerts, page.hasMore ? page.seq : highest);
  }, []);

  /** One catch-up at a time; one asked for meanwhile runs after it, from the newer cursor. */
  const requestCatchUp = useCallback(() => {
    const previous = running.current;
    const next = (async () => {
      if (previous) await previous;
      await catchUp();
    })().catch((error: unknown) => console.warn('Catching up on alerts failed', error));
    running.current = next;
    return next;
  }, [catchUp]);

  useEffect(() => {
    const offs = [
      connection.on('alert.raised', (alert) => dispatch({ type: 'received', alerts: [alert] })),
      connection.on('alert.cleared', (alert) => dispatch({ type: 'received', alerts: [alert] })),
      connection.onConnect(() => void requestCatchUp()),
    ];
    void requestCatchUp();
    return () => offs.forEach((off) => off());
  }, [connection, requestCatchUp]);

  const dismiss = useCallback((id: string) => dispatch({ type: 'dismiss', id }), []);

  return { banners: bannerAlerts(state), dismiss, catchUp: requestCatchUp };
}

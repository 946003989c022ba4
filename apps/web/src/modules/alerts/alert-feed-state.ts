import type { AlertEvent } from './api/alert-schemas';

/**
 * What the alert banner knows: every alert it has seen (one entry per id, its latest version),
 * the ones the user dismissed, and the catch-up cursor (an alert `seq`). Socket events and
 * REST catch-ups both go through here, so an alert that arrives both ways is shown once, and
 * one missed on the socket comes with the next catch-up.
 */
export interface AlertFeedState {
  alerts: Readonly<Record<string, AlertEvent>>;
  dismissed: readonly string[];
  /** Where the next catch-up starts. Only a REST answer moves it: a socket event may overtake one still missing. */
  cursor: number | null;
}

export type AlertFeedAction =
  | { type: 'received'; alerts: readonly AlertEvent[] }
  /** `restart`: the api's alerts are not the ones the cursor counted (a new database): start from its `seq`. */
  | { type: 'caughtUp'; alerts: readonly AlertEvent[]; cursor: number; restart?: boolean }
  | { type: 'dismiss'; id: string };

/** How many dismissed ids are remembered (more than a workspace raises between two visits). */
export const DISMISSED_KEPT = 200;

export function initialFeedState(saved: { cursor: number | null; dismissed: readonly string[] } | null): AlertFeedState {
  return { alerts: {}, dismissed: saved?.dismissed ?? [], cursor: saved?.cursor ?? null };
}

/** The later of two versions of one alert: the higher `seq` (every raise and clear takes a new one); a cleared one on a tie. */
export function laterVersion(a: AlertEvent, b: AlertEvent): AlertEvent {
  if (a.seq !== b.seq) return b.seq > a.seq ? b : a;
  return b.status === 'cleared' ? b : a;
}

function merge(alerts: AlertFeedState['alerts'], incoming: readonly AlertEvent[]): AlertFeedState['alerts'] {
  if (incoming.length === 0) return alerts;
  const next = { ...alerts };
  for (const alert of incoming) {
    const known = next[alert.id];
    next[alert.id] = known ? laterVersion(known, alert) : alert;
  }
  return next;
}

export function alertFeedReducer(state: AlertFeedState, action: AlertFeedAction): AlertFeedState {
  switch (action.type) {
    case 'received':
      return { ...state, alerts: merge(state.alerts, action.alerts) };
    case 'caughtUp':
      return {
        ...state,
        alerts: merge(state.alerts, action.alerts),
        cursor: action.restart ? action.cursor : Math.max(action.cursor, state.cursor ?? action.cursor),
      };
    case 'dismiss':
      if (state.dismissed.includes(action.id)) return state;
      return { ...state, dismissed: [...state.dismissed, action.id].slice(-DISMISSED_KEPT) };
  }
}

const newestFirst = (a: AlertEvent, b: AlertEvent) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt) || b.seq - a.seq;

/**
 * The banners to show, newest first: alerts found live (not in a replay of the past) that
 * the user has not dismissed. A raised one stays until dismissed; one that cleared meanwhile
 * says so.
 */
export function bannerAlerts(state: AlertFeedState): AlertEvent[] {
  const dismissed = new Set(state.dismissed);
  return Object.values(state.alerts)
    .filter((a) => !a.historical && !dismissed.has(a.id))
    .sort(newestFirst);
}

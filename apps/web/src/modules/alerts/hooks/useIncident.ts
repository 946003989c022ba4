import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';

/** How long after a reply of the incident changed the view is read again (changes meanwhile ride along). */
export const REFRESH_AFTER_MS = 1_500;

export type IncidentState = { status: 'loading' } | { status: 'error'; message: string; statusCode: number } | { status: 'ready'; data: Incident };

/**
 * One alert's incident view. Read again, keeping what is shown meanwhile, when the alert
 * clears, after replies were queued, and as those replies go out (their socket events).
 */
export function useIncident(alertId: string, connection: RealtimeConnection) {
  const [state, setState] = useState<IncidentState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    incidentsApi.getIncident(alertId, controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          message: isApiRequestError(error) ? error.message : 'The incident could not be loaded.',
          statusCode: isApiRequestError(error) ? error.statusCode : 0,
        });
      },
    );
    return () => controller.abort();
  }, [alertId, attempt]);

  useEffect(
    () =>
      connection.on('alert.cleared', (alert) => {
        if (alert.id === alertId) setAttempt((n) => n + 1);
      }),
    [connection, alertId],
  );

  // A reply to one of its authors changed (queued, approved, sent, failed): read the view again, once per
  // REFRESH_AFTER_MS however many change meanwhile, so the authors' answered state follows the outbox.
  const authorMentions = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    authorMentions.current = new Set(state.status === 'ready' ? state.data.authors.map((a) => a.mentionId) : []);
  }, [state]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = connection.on('reply.updated', (e) => {
      if (timer !== null || !authorMentions.current.has(e.mention.id)) return;
      timer = setTimeout(() => {
        timer = null;
        setAttempt((n) => n + 1);
      }, REFRESH_AFTER_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [connection]);

  /** Reads it again; `quiet` keeps the current view until the answer is in. */
  const reload = useCallback((quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}

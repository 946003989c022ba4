import { useCallback, useEffect, useState } from 'react';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import * as incidentsApi from '../api/incidents.api';
import type { Incident } from '../api/alert-schemas';

export type IncidentState = { status: 'loading' } | { status: 'error'; message: string; statusCode: number } | { status: 'ready'; data: Incident };

/**
 * One alert's incident view. Read again, keeping what is shown meanwhile, when the alert
 * clears (its socket event) and after replies were queued (who is answered changes).
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

  /** Reads it again; `quiet` keeps the current view until the answer is in. */
  const reload = useCallback((quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}

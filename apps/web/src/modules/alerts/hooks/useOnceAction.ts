import { useCallback, useRef, useState } from 'react';
import { asSentence } from '../../../shared/format/as-sentence';
import { isApiRequestError } from '../../../shared/http';
import { newClientKey } from '../../inbox/new-client-key';

type Outcome<T> = { status: 'idle' } | { status: 'sending' } | { status: 'done'; result: T } | { status: 'failed'; message: string };

/**
 * An action the api must do exactly once (answer every author, post the status update):
 * one `clientKey` per form, kept through failures and retries so a send whose answer was
 * lost is not done twice, and renewed only after the api said it is done. A second click
 * while one send is on its way does nothing.
 */
export function useOnceAction<T>(send: (clientKey: string) => Promise<T>) {
  const [clientKey, setClientKey] = useState(newClientKey);
  const [outcome, setOutcome] = useState<Outcome<T>>({ status: 'idle' });
  const inFlight = useRef(false);

  const run = useCallback(async (): Promise<T | null> => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setOutcome({ status: 'sending' });
    try {
      const result = await send(clientKey);
      setOutcome({ status: 'done', result });
      setClientKey(newClientKey());
      return result;
    } catch (error) {
      setOutcome({ status: 'failed', message: failure(error) });
      return null;
    } finally {
      inFlight.current = false;
    }
  }, [send, clientKey]);

  return { run, outcome, clientKey, sending: outcome.status === 'sending' };
}

function failure(error: unknown): string {
  if (!isApiRequestError(error)) return 'It could not be sent.';
  if (error.statusCode === 0 || error.statusCode >= 500) return 'No answer from Earshot: it may or may not have been taken. Try again — nothing is sent twice.';
  return asSentence(error.message);
}

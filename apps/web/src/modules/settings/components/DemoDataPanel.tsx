import { useState } from 'react';
import { isApiRequestError } from '../../../shared/http';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { clearDemoData, type DemoDataCleared } from '../api/demo-data.api';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Admins: deletes the first-start demo's mentions (the demo sources stay, and keep the live demo going). */
export function DemoDataPanel() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DemoDataCleared | null>(null);
  const [error, setError] = useState<string | null>(null);

  const clear = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setDone(await clearDemoData());
      setConfirming(false);
    } catch (err) {
      setError(isApiRequestError(err) ? err.message : 'The demo data could not be cleared.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="demo-data-heading">
      <h2 className="panel__title" id="demo-data-heading">
        Demo data
      </h2>
      <p className="panel__note">
        The demo sources made on first start read the local simulator, with a month of back-dated posts. Clearing deletes their mentions, with the replies,
        corrections and notes on them; your own sources&apos; mentions stay.
      </p>
      {done ? (
        <p role="status">
          Cleared {plural(done.mentions, 'mention', 'mentions')} from {plural(done.sources, 'demo source', 'demo sources')}, with{' '}
          {plural(done.replies, 'reply', 'replies')}, {plural(done.corrections, 'correction', 'corrections')}, {plural(done.notes, 'note', 'notes')} and{' '}
          {plural(done.authors, 'author', 'authors')}.
        </p>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {confirming ? (
        <ConfirmAction
          title="Clear the demo data?"
          confirmLabel="Clear demo data"
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void clear()}
        >
          <p>This cannot be undone.</p>
        </ConfirmAction>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Clear demo data
        </Button>
      )}
    </section>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './Button';

interface ConfirmActionProps {
  /** The question, e.g. "Delete the source “Acme on Mastodon”?" */
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * The second step of a destructive action, shown in place: a question, what follows from
 * it, and an explicit confirm button. Focus moves to "Cancel" so Enter does no harm;
 * Escape cancels.
 */
export function ConfirmAction({ title, children, confirmLabel, busy = false, onConfirm, onCancel }: ConfirmActionProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  return (
    <div
      className="confirm"
      role="group"
      aria-label={title}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) onCancel();
      }}
    >
      <p className="confirm__title">{title}</p>
      {children ? <div className="confirm__body">{children}</div> : null}
      <div className="form__actions">
        <Button variant="danger" size="sm" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button ref={cancelRef} variant="ghost" size="sm" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

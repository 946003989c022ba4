import { useEffect, useRef } from 'react';
import { Button } from '../../../shared/ui/Button';
import { INBOX_SHORTCUTS } from '../inbox-shortcuts';

/** The list of keyboard shortcuts (opened with "?"); Escape or "Close" closes it. */
export function ShortcutsHelpDialog({ readOnly, onClose }: { readOnly: boolean; onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 className="dialog__title">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {INBOX_SHORTCUTS.map((s) => (
            <div key={s.key} className={readOnly && s.changes ? 'shortcuts__item shortcuts__item--off' : 'shortcuts__item'}>
              <dt>
                <kbd>{s.key}</kbd>
              </dt>
              <dd>
                {s.label}
                {readOnly && s.changes ? ' (not for viewers)' : ''}
              </dd>
            </div>
          ))}
        </dl>
        <p className="muted">Shortcuts do nothing while you type in a field.</p>
        <Button ref={closeRef} onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}

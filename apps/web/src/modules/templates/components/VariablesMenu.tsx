import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import { VARIABLES, variableToken, type VariableInfo } from '../template-variables';

/** "Insert a variable": a disclosure listing the variables a template may use; picking one inserts it at the caret. */
export function VariablesMenu({ onPick, disabled = false }: { onPick(info: VariableInfo): void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      className="variables-menu"
      ref={containerRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <Button size="sm" aria-expanded={open} aria-controls={panelId} disabled={disabled} onClick={() => setOpen((v) => !v)}>
        Insert a variable
      </Button>
      <ul className="variables-menu__panel" id={panelId} hidden={!open} aria-label="Variables">
        {VARIABLES.map((info) => (
          <li key={info.variable}>
            <button
              type="button"
              className="variables-menu__item"
              onClick={() => {
                onPick(info);
                setOpen(false);
              }}
            >
              <span className="variables-menu__label">{info.label}</span>
              <code className="variables-menu__token">{variableToken(info)}</code>
              <span className="variables-menu__description">{info.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

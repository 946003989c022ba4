import type { MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';

/**
 * A chart whose bars and points carry their drill-down address (`data-drill`). The click is
 * taken here, on an element that stays, because recharts re-creates a bar's element when the
 * pointer enters it: the press and the release may then land on two different elements, and the
 * click on their common ancestor. What is under the pointer decides.
 */
export function DrillArea({ label, children }: { label: string; children: ReactNode }) {
  const navigate = useNavigate();
  const open = (event: MouseEvent<HTMLDivElement>) => {
    const at = (event.target as Element).closest?.('[data-drill]') ?? document.elementFromPoint?.(event.clientX, event.clientY)?.closest('[data-drill]');
    const href = at?.getAttribute('data-drill');
    if (href) void navigate(href);
  };
  return (
    // The keyboard reaches the same addresses through the figures table under each chart.
    <div role="img" aria-label={label} className="analytics-chart" onClick={open}>
      {children}
    </div>
  );
}

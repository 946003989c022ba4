import { useCallback, useState } from 'react';
import type { Mention } from '@earshot/contracts';

/** The checked rows for bulk actions; shift-click checks the range from the last toggled row. */
export function useQueueSelection() {
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = useState<number | null>(null);

  const toggle = useCallback(
    (items: readonly Mention[], index: number, shiftKey: boolean) => {
      const mention = items[index];
      if (!mention) return;
      setChecked((current) => {
        const next = new Set(current);
        const on = !current.has(mention.id);
        if (shiftKey && anchor !== null && anchor < items.length) {
          const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
          for (let i = from; i <= to; i += 1) {
            const id = items[i]!.id;
            if (on) next.add(id);
            else next.delete(id);
          }
        } else if (on) next.add(mention.id);
        else next.delete(mention.id);
        return next;
      });
      setAnchor(index);
    },
    [anchor],
  );

  const clear = useCallback(() => {
    setChecked(new Set());
    setAnchor(null);
  }, []);

  return { checked, toggle, clear };
}

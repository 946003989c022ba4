/**
 * "3 new": pushed mentions wait here so the list does not move while the agent reads. It sits
 * in the strip above the list (`.mention-list__notices`, a live region), never over a row.
 */
export function NewMentionsPill({ count, onShow }: { count: number; onShow(): void }) {
  return (
    <button type="button" className="new-pill" onClick={onShow} data-testid="new-mentions-pill">
      {count} new
    </button>
  );
}

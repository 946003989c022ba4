/** "3 new": pushed mentions wait here so the list does not move while the agent reads. */
export function NewMentionsPill({ count, onShow }: { count: number; onShow(): void }) {
  return (
    <button type="button" className="new-pill" onClick={onShow} data-testid="new-mentions-pill" aria-live="polite">
      {count} new
    </button>
  );
}

import { SAVED_VIEWS, type SavedView } from '../saved-views';
import { sameFilters, type QueueFilters } from '../queue-filters';

/** One click sets the whole filters bar; the active view is pressed. */
export function SavedViewsBar({ filters, onSelect }: { filters: QueueFilters; onSelect(view: SavedView): void }) {
  return (
    <div className="saved-views" role="group" aria-label="Saved views">
      {SAVED_VIEWS.map((view) => {
        const active = sameFilters({ ...view.filters, sort: filters.sort }, filters);
        return (
          <button key={view.name} type="button" className="saved-views__view" aria-pressed={active} onClick={() => onSelect(view)}>
            {view.name}
          </button>
        );
      })}
    </div>
  );
}

import { categoryLabel } from '../../templates/complaint-categories';
import { formatPostedRange } from '../format-posted-range';
import { INTENT_LABELS } from '../mention-labels';
import type { ChipFilter, QueueFilters } from '../queue-filters';

interface FilterChipsProps {
  filters: QueueFilters;
  timeZone: string;
  /** Brand names by id (ids whose names are not known yet show as "a brand"). */
  brandNames: ReadonlyMap<string, string>;
  /** How many mentions match in all, when the api said (lists bounded by posted time). */
  total: number | null;
  onRemove(chip: ChipFilter): void;
}

const SPAM_TEXT = { include: 'Spam included', only: 'Only spam' } as const;

/**
 * The filters a link set that the bar has no control for (posted time, brands, categories,
 * topics, intents, spam), one removable chip each, and the number of mentions they match.
 */
export function FilterChips({ filters, timeZone, brandNames, total, onRemove }: FilterChipsProps) {
  const chips: Array<{ key: ChipFilter; text: string }> = [];
  if (filters.postedFrom !== null || filters.postedTo !== null)
    chips.push({ key: 'posted', text: `Posted ${formatPostedRange(filters.postedFrom, filters.postedTo, timeZone)}` });
  if (filters.brandIds.length)
    chips.push({
      key: 'brandIds',
      text: `${filters.brandIds.length > 1 ? 'Brands' : 'Brand'}: ${filters.brandIds.map((id) => brandNames.get(id) ?? 'a brand').join(', ')}`,
    });
  if (filters.categories.length) chips.push({ key: 'categories', text: `Category: ${filters.categories.map(categoryLabel).join(', ')}` });
  if (filters.topics.length) chips.push({ key: 'topics', text: `${filters.topics.length > 1 ? 'Topics' : 'Topic'}: ${filters.topics.join(', ')}` });
  if (filters.intents.length) chips.push({ key: 'intents', text: `Intent: ${filters.intents.map((i) => INTENT_LABELS[i]).join(', ')}` });
  if (filters.spam !== 'exclude') chips.push({ key: 'spam', text: SPAM_TEXT[filters.spam] });
  if (chips.length === 0) return null;

  return (
    <div className="filter-chips" role="group" aria-label="Filters from the link">
      <ul className="filter-chips__list">
        {chips.map((chip) => (
          <li key={chip.key} className="filter-chips__chip" data-testid="filter-chip">
            <span>{chip.text}</span>
            <button type="button" className="filter-chips__remove" aria-label={`Remove filter: ${chip.text}`} onClick={() => onRemove(chip.key)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {total !== null ? (
        <p className="filter-chips__total" role="status" data-testid="queue-total">
          {total === 1 ? '1 mention' : `${total.toLocaleString('en-GB')} mentions`}
        </p>
      ) : null}
    </div>
  );
}

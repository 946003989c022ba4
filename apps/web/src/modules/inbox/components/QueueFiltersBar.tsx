import {
  MENTION_STATUSES,
  OPEN_STATUSES,
  QUEUE_SORTS,
  SENTIMENT_LABELS as SENTIMENTS,
  URGENCY_LEVELS,
  type MentionStatus,
  type QueueSort,
} from '@earshot/contracts';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import { SENTIMENT_LABELS, STATUS_LABELS, URGENCY_LABELS } from '../mention-labels';
import { sameStatuses, type QueueFilters } from '../queue-filters';

const SORT_LABELS: Record<QueueSort, string> = { urgency: 'Most urgent', newest: 'Newest', waiting: 'Longest waiting', sla: 'SLA due soonest' };

const STATUS_OPTIONS = [
  { value: 'attention', label: 'Needs attention' },
  ...MENTION_STATUSES.map((s) => ({ value: `only:${s}`, label: STATUS_LABELS[s] })),
  { value: 'all', label: 'Any status' },
];

/** The status select's value for a list of statuses, and its extra option when the list is none of the usual ones (from a link). */
function statusChoice(status: readonly MentionStatus[]): { value: string; extra: { value: string; label: string } | null } {
  if (sameStatuses(status, OPEN_STATUSES)) return { value: 'attention', extra: null };
  if (sameStatuses(status, MENTION_STATUSES)) return { value: 'all', extra: null };
  if (status.length === 1) return { value: `only:${status[0]!}`, extra: null };
  return { value: 'several', extra: { value: 'several', label: status.map((s) => STATUS_LABELS[s]).join(', ') } };
}

function statusesFor(value: string, current: readonly MentionStatus[]): readonly MentionStatus[] {
  if (value === 'attention') return OPEN_STATUSES;
  if (value === 'all') return MENTION_STATUSES;
  if (value.startsWith('only:')) return [value.slice(5) as MentionStatus];
  return current;
}
const URGENCY_OPTIONS = [{ value: 'any', label: 'Any urgency' }, ...URGENCY_LEVELS.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))];
const SENTIMENT_OPTIONS = [
  { value: 'any', label: 'Any sentiment' },
  ...SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] })),
  { value: 'unscored', label: 'Not scored' },
];
const PLATFORM_OPTIONS = [{ value: 'any', label: 'Any platform' }, ...Object.entries(PLATFORM_INFO).map(([value, info]) => ({ value, label: info.label }))];
const ASSIGNEE_OPTIONS = [
  { value: 'any', label: 'Anyone' },
  { value: 'me', label: 'Me' },
  { value: 'unassigned', label: 'Unassigned' },
];
const RECEIVED_OPTIONS = [
  { value: 'any', label: 'Any time' },
  { value: '1', label: 'Last hour' },
  { value: '24', label: 'Last 24 h' },
  { value: '168', label: 'Last 7 days' },
];
const SORT_OPTIONS = QUEUE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }));

interface QueueFiltersBarProps {
  filters: QueueFilters;
  /** The search box's own text (the list follows it after a pause). */
  search: string;
  onSearch(text: string): void;
  onChange(filters: QueueFilters): void;
}

/** Status, urgency, sentiment, platform, assignee, time, search and sort. */
export function QueueFiltersBar({ filters, search, onSearch, onChange }: QueueFiltersBarProps) {
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => onChange({ ...filters, [key]: value });
  const status = statusChoice(filters.status);

  return (
    <form className="queue-filters" role="search" aria-label="Filter mentions" onSubmit={(event) => event.preventDefault()}>
      <TextField
        label="Search"
        type="search"
        value={search}
        placeholder="Words, “phrases”, -exclude"
        onChange={(e) => onSearch(e.target.value)}
        className="queue-filters__search"
      />
      <SelectField
        label="Status"
        options={status.extra ? [...STATUS_OPTIONS, status.extra] : STATUS_OPTIONS}
        value={status.value}
        onChange={(e) => set('status', statusesFor(e.target.value, filters.status))}
      />
      <SelectField
        label="Urgency"
        options={URGENCY_OPTIONS}
        value={filters.urgency}
        onChange={(e) => set('urgency', e.target.value as QueueFilters['urgency'])}
      />
      <SelectField
        label="Sentiment"
        options={SENTIMENT_OPTIONS}
        value={filters.sentiment}
        onChange={(e) => set('sentiment', e.target.value as QueueFilters['sentiment'])}
      />
      <SelectField
        label="Platform"
        options={PLATFORM_OPTIONS}
        value={filters.platform}
        onChange={(e) => set('platform', e.target.value as QueueFilters['platform'])}
      />
      <SelectField
        label="Assignee"
        options={ASSIGNEE_OPTIONS}
        value={filters.assignee}
        onChange={(e) => set('assignee', e.target.value as QueueFilters['assignee'])}
      />
      <SelectField
        label="Received"
        options={RECEIVED_OPTIONS}
        value={filters.receivedWithinHours === null ? 'any' : String(filters.receivedWithinHours)}
        onChange={(e) => set('receivedWithinHours', e.target.value === 'any' ? null : Number(e.target.value))}
      />
      <SelectField label="Sort" options={SORT_OPTIONS} value={filters.sort} onChange={(e) => set('sort', e.target.value as QueueSort)} />
    </form>
  );
}

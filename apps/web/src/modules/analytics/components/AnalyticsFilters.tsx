import { useState, type FormEvent } from 'react';
import type { AnalyticsBucket, Brand } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import { BUCKET_HEADERS } from '../bucket-labels';
import { addDays, bucketsFor, defaultBucket, RANGE_PRESETS, type AnalyticsRangeChoice, type AnalyticsView, type RangePreset } from '../analytics-view';

const PRESET_LABELS: Record<RangePreset, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' };
const RANGE_OPTIONS = [...RANGE_PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] })), { value: 'custom', label: 'Custom days…' }];
const PLATFORM_OPTIONS = [{ value: 'any', label: 'Every platform' }, ...Object.entries(PLATFORM_INFO).map(([value, info]) => ({ value, label: info.label }))];

interface AnalyticsFiltersProps {
  view: AnalyticsView;
  brands: readonly Brand[];
  /** Today in the workspace's zone (`YYYY-MM-DD`). */
  today: string;
  timeZone: string;
  onChange(view: AnalyticsView): void;
}

/** Range (presets or two local days), bucket, platform and the brands to compare; every change goes into the address. */
export function AnalyticsFilters({ view, brands, today, timeZone, onChange }: AnalyticsFiltersProps) {
  const [custom, setCustom] = useState(view.range.kind === 'custom');
  const [from, setFrom] = useState(view.range.kind === 'custom' ? view.range.from : addDays(today, -6));
  const [to, setTo] = useState(view.range.kind === 'custom' ? view.range.to : today);
  const [error, setError] = useState<string | undefined>(undefined);

  /** A new range starts with its natural bucket (hours for a day, days for a month…). */
  const withRange = (range: AnalyticsRangeChoice): AnalyticsView => ({ ...view, range, bucket: defaultBucket(range) });
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to) return setError('Pick both days.');
    if (from > to) return setError('The first day must not be after the last.');
    if (to > today) return setError('The last day must not be after today.');
    setError(undefined);
    onChange(withRange({ kind: 'custom', from, to }));
  };
  const toggleBrand = (id: string, on: boolean) => {
    const next = on ? [...view.brandIds, id] : view.brandIds.filter((b) => b !== id);
    onChange({ ...view, brandIds: brands.map((b) => b.id).filter((b) => next.includes(b)) });
  };

  return (
    <div className="analytics-filters">
      <form className="analytics-filters__row" aria-label="Period and breakdown" onSubmit={applyCustom}>
        <SelectField
          label="Period"
          options={RANGE_OPTIONS}
          value={custom ? 'custom' : view.range.kind === 'preset' ? view.range.preset : 'custom'}
          onChange={(e) => {
            if (e.target.value === 'custom') return setCustom(true);
            setCustom(false);
            setError(undefined);
            onChange(withRange({ kind: 'preset', preset: e.target.value as RangePreset }));
          }}
        />
        {custom ? (
          <>
            <TextField label="From" type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} error={error} />
            <TextField label="To (inclusive)" type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} />
            <Button type="submit" variant="primary" className="analytics-filters__apply">
              Show
            </Button>
          </>
        ) : null}
        <SelectField
          label="Per"
          options={bucketsFor(view.range).map((b) => ({ value: b, label: BUCKET_HEADERS[b] }))}
          value={view.bucket}
          onChange={(e) => onChange({ ...view, bucket: e.target.value as AnalyticsBucket })}
        />
        <SelectField
          label="Platform"
          options={PLATFORM_OPTIONS}
          value={view.platform}
          onChange={(e) => onChange({ ...view, platform: e.target.value as AnalyticsView['platform'] })}
        />
        <p className="analytics-filters__zone">Days and hours in {timeZone}</p>
      </form>
      {brands.length > 0 ? (
        <fieldset className="analytics-filters__brands">
          <legend>Brands to compare {view.brandIds.length === 0 ? '(all)' : `(${view.brandIds.length})`}</legend>
          {brands.map((b) => (
            <CheckboxField
              key={b.id}
              label={b.kind === 'competitor' ? `${b.name} (competitor)` : b.name}
              checked={view.brandIds.includes(b.id)}
              onChange={(e) => toggleBrand(b.id, e.target.checked)}
            />
          ))}
          {view.brandIds.length > 0 ? (
            <Button size="sm" variant="ghost" onClick={() => onChange({ ...view, brandIds: [] })}>
              All brands
            </Button>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}

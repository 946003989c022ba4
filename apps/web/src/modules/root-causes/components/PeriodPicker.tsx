import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/Button';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { PRESET_DAYS, addDays, type PeriodChoice } from '../period';

interface PeriodPickerProps {
  value: PeriodChoice;
  today: string;
  onChange(choice: PeriodChoice): void;
}

const OPTIONS = [...PRESET_DAYS.map((days) => ({ value: String(days), label: `Last ${days} days` })), { value: 'custom', label: 'Custom…' }];

/** Last 7 / 28 / 90 days, or two days the user picks (applied together, so the board loads once). */
export function PeriodPicker({ value, today, onChange }: PeriodPickerProps) {
  const [custom, setCustom] = useState(value.kind === 'custom');
  const [from, setFrom] = useState(value.kind === 'custom' ? value.from : addDays(today, -27));
  const [to, setTo] = useState(value.kind === 'custom' ? value.to : today);
  const [error, setError] = useState<string | undefined>(undefined);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to) return setError('Pick both days.');
    if (from > to) return setError('The first day must not be after the last.');
    if (to > today) return setError('The last day must not be in the future.');
    setError(undefined);
    onChange({ kind: 'custom', from, to });
  };

  return (
    <form className="period-picker" onSubmit={apply} aria-label="Period">
      <SelectField
        label="Period"
        className="period-picker__select"
        value={custom ? 'custom' : value.kind === 'last' ? String(value.days) : 'custom'}
        options={OPTIONS}
        onChange={(event) => {
          const next = event.target.value;
          if (next === 'custom') {
            setCustom(true);
            return;
          }
          setCustom(false);
          setError(undefined);
          onChange({ kind: 'last', days: Number(next) as 7 | 28 | 90 });
        }}
      />
      {custom ? (
        <>
          <TextField label="From" type="date" value={from} max={today} onChange={(event) => setFrom(event.target.value)} error={error} />
          <TextField label="To" type="date" value={to} max={today} onChange={(event) => setTo(event.target.value)} />
          <Button type="submit" variant="primary">
            Show
          </Button>
        </>
      ) : null}
    </form>
  );
}

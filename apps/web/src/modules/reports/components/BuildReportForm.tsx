import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { ReportListItem } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import * as reportsApi from '../api/reports.api';
import { addDays, lastCompleteWeek, WEEKDAY_NAMES, weekLabel, weekStartOf } from '../report-week';

type Field = 'weekStart';
const LABELS: Record<Field, string> = { weekStart: 'Week' };

interface BuildReportFormProps {
  /** Today in the workspace's zone, `YYYY-MM-DD`. */
  today: string;
  /** The report week's first day: 0 = Sunday … 6 = Saturday. */
  weekStart: number;
  /** The weeks that have a report (a build replaces it). */
  existing: readonly ReportListItem[];
  onCancel(): void;
}

/**
 * "Build report for week…": any day picks its week (the workspace's week start, in its zone); only complete
 * weeks can be built, the last one is offered first. A week that has a report is built again from today's data.
 */
export function BuildReportForm({ today, weekStart, existing, onCancel }: BuildReportFormProps) {
  const navigate = useNavigate();
  const hintId = useId();
  const latest = lastCompleteWeek(today, weekStart);
  const [day, setDay] = useState(latest);
  const { errors, setErrors, busy, submit } = useFormSubmit<Field>();

  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(new Date(`${day}T00:00:00Z`).getTime());
  const start = valid ? weekStartOf(day, weekStart) : null;
  const tooLate = start !== null && start > latest;
  const rebuild = start !== null ? existing.find((r) => r.weekStart === start) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (start === null) return setErrors({ fields: { weekStart: 'Pick a day of the week to report on.' }, form: null });
    if (tooLate)
      return setErrors({ fields: { weekStart: `That week has not ended yet: the latest complete week is ${weekLabel(latest)}.` }, form: null });
    void submit(
      () => reportsApi.buildWeeklyReport(start),
      (report) => void navigate(`/reports/${report.id}`),
      LABELS,
    );
  };

  return (
    <form className="panel form report-build" onSubmit={onSubmit} noValidate aria-label="Build a weekly report">
      <h2 className="panel__title">Build a weekly report</h2>
      <div className={['field', errors.fields.weekStart ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
        <label className="field__label" htmlFor={`${hintId}-day`}>
          Any day of the week
        </label>
        <input
          id={`${hintId}-day`}
          className="field__input"
          type="date"
          value={day}
          max={addDays(latest, 6)}
          aria-describedby={`${hintId}-hint${errors.fields.weekStart ? ` ${hintId}-error` : ''}`}
          aria-invalid={errors.fields.weekStart ? true : undefined}
          onChange={(e) => {
            setDay(e.target.value);
            setErrors({ fields: {}, form: null });
          }}
        />
        <p className="field__hint" id={`${hintId}-hint`} aria-live="polite">
          {start === null
            ? 'Pick a day: its week is reported.'
            : `${tooLate ? 'Not yet complete: ' : 'Reports '}${weekLabel(start)} (${WEEKDAY_NAMES[weekStart]} to ${WEEKDAY_NAMES[(weekStart + 6) % 7]}).${
                rebuild ? ' This week has a report: building it again replaces its figures with today’s data.' : ''
              }`}
        </p>
        {errors.fields.weekStart ? (
          <p className="field__error" id={`${hintId}-error`}>
            {errors.fields.weekStart}
          </p>
        ) : null}
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? 'Building…' : rebuild ? 'Rebuild report' : 'Build report'}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

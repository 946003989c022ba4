import { useCallback, useState, type FormEvent } from 'react';
import { formatDateTime as formatStamp, type ReportRecipient } from '@earshot/contracts';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { asSentence } from '../../../shared/format/as-sentence';
import { isApiRequestError } from '../../../shared/http';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { can } from '../../auth/access-policy';
import { useAuth } from '../../auth/hooks/useAuth';
import { useSession } from '../../auth/hooks/useSession';
import * as reportsApi from '../../reports/api/reports.api';
import { WEEKDAY_NAMES } from '../../reports/report-week';
import { useAsyncResource } from '../../root-causes/hooks/useAsyncResource';
// The report module's styles (the recipients' layout is there).
import '../../reports/reports.css';

type WeekField = 'reportWeekStart';
const WEEK_LABELS: Record<WeekField, string> = { reportWeekStart: 'Weeks start on' };

/** The weekday reports start on; changing it changes which days later reports cover (built reports stay as they are). */
function WeekStartForm() {
  const { workspace } = useSession();
  const { updateWorkspace } = useAuth();
  const current = workspace.reportWeekStart ?? 1;
  const [value, setValue] = useState(String(current));
  const [done, setDone] = useState(false);
  const { errors, busy, submit } = useFormSubmit<WeekField>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void submit(
      () => reportsApi.setReportWeekStart(Number(value)),
      (ws) => {
        updateWorkspace({ ...workspace, ...ws });
        setDone(true);
      },
      WEEK_LABELS,
    );
  };

  return (
    <form className="panel form" noValidate aria-labelledby="report-week-heading" onSubmit={onSubmit}>
      <h2 className="panel__title" id="report-week-heading">
        Report week
      </h2>
      <p className="panel__note">
        Each weekly report covers seven days in {workspace.timeZone}, from midnight of this day. It is built at 07:00 on the day after the week ends. Reports
        already built keep their week.
      </p>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      {done ? (
        <Alert tone="success">
          Saved. Reports now cover {WEEKDAY_NAMES[current]} to {WEEKDAY_NAMES[(current + 6) % 7]}.
        </Alert>
      ) : null}
      <SelectField
        className="report-settings__week"
        label={WEEK_LABELS.reportWeekStart}
        value={value}
        options={WEEKDAY_NAMES.map((name, i) => ({ value: String(i), label: name }))}
        error={errors.fields.reportWeekStart}
        onChange={(e) => setValue(e.target.value)}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={busy} disabled={Number(value) === current}>
          {busy ? 'Saving…' : 'Save week start'}
        </Button>
      </div>
    </form>
  );
}

type RecipientField = 'email' | 'name';
const RECIPIENT_LABELS: Record<RecipientField, string> = { email: 'E-mail address', name: 'Name' };

/** Who gets the weekly report and its PDF by e-mail: plain addresses, no account needed (admins). */
function RecipientsPanel() {
  const { workspace } = useSession();
  const load = useCallback((signal: AbortSignal) => reportsApi.listRecipients(signal), []);
  const { state, reload } = useAsyncResource(load, 'The report recipients could not be loaded.');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errors, busy, submit } = useFormSubmit<RecipientField>();
  const [removing, setRemoving] = useState<ReportRecipient | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    void submit(
      () => reportsApi.addRecipient({ email, name: name.trim() === '' ? null : name }),
      (r) => {
        setAdded(r.email);
        setEmail('');
        setName('');
        reload(true);
      },
      RECIPIENT_LABELS,
      // "x@example.com already gets the weekly report.": beside the field, the address as typed (not capitalised).
      (error) => (isApiRequestError(error) && error.statusCode === 409 ? { fields: { email: error.message }, form: null } : null),
    );
  };

  const remove = async (r: ReportRecipient) => {
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await reportsApi.removeRecipient(r.id);
      setRemoving(null);
      reload(true);
    } catch (e) {
      setRemoveError(isApiRequestError(e) ? asSentence(e.message) : `${r.email} could not be removed. Try again.`);
    } finally {
      setRemoveBusy(false);
    }
  };

  const items = state.status === 'ready' ? state.data : [];
  return (
    <section className="panel" aria-labelledby="report-recipients-heading">
      <h2 className="panel__title" id="report-recipients-heading">
        Report recipients
      </h2>
      <p className="panel__note">
        The weekly report goes to these addresses with its PDF attached, after it is built. They need no Earshot account. One address per line: a list or a
        display name is refused.
      </p>
      <div className="report-settings__recipients">
        <LoadProblem
          state={state.status === 'ready' ? { status: 'ready' } : state}
          loadingLabel="Loading the recipients…"
          errorTitle="The recipients could not be loaded"
          onRetry={() => reload()}
        />
        {removeError ? <Alert tone="error">{removeError}</Alert> : null}
        {state.status === 'ready' && items.length === 0 ? <p className="muted">No recipients yet: the report is built but not e-mailed.</p> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-label="Report recipients">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Name</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.email}</th>
                    <td>{r.name ?? <span className="muted">–</span>}</td>
                    <td>{formatStamp(r.createdAt, workspace.timeZone)}</td>
                    <td>
                      {removing?.id === r.id ? (
                        <ConfirmAction
                          title={`Stop sending the report to ${r.email}?`}
                          confirmLabel="Remove"
                          busy={removeBusy}
                          onConfirm={() => void remove(r)}
                          onCancel={() => setRemoving(null)}
                        />
                      ) : (
                        <Button size="sm" variant="ghost" onClick={() => setRemoving(r)}>
                          Remove<span className="visually-hidden"> {r.email}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <form className="form" noValidate aria-label="Add a report recipient" onSubmit={onAdd}>
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          {added ? <Alert tone="success">{added} now gets the weekly report.</Alert> : null}
          <div className="form__grid">
            <TextField
              label={RECIPIENT_LABELS.email}
              type="email"
              autoComplete="off"
              value={email}
              error={errors.fields.email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
            <TextField
              label={RECIPIENT_LABELS.name}
              hint="Optional, for you: it is not put in the e-mail."
              value={name}
              error={errors.fields.name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={busy}>
              {busy ? 'Adding…' : 'Add recipient'}
            </Button>
          </div>
        </form>
      </div>
    </section>
  );
}

/** Settings › Reports: the report week (admins and managers) and who gets the report by e-mail (admins). */
export function ReportSettingsPage() {
  const { user } = useSession();
  return (
    <>
      <WeekStartForm />
      {can(user.role, 'manageReportRecipients') ? <RecipientsPanel /> : <Alert tone="info">Admins choose who gets the weekly report by e-mail.</Alert>}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { errorToFormErrors, NO_ERRORS, type FormErrors } from '../../../shared/forms/form-errors';
import { useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { asSentence } from '../../../shared/format/as-sentence';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { isApiRequestError } from '../../../shared/http';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import { Alert } from '../../../shared/ui/Alert';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { useSession } from '../../auth/hooks/useSession';
import { categoryLabel, COMPLAINT_CATEGORIES } from '../../templates/complaint-categories';
import * as alertsApi from '../api/alerts.api';
import type { AlertRule } from '../api/alert-schemas';

type DeliveryField = 'webhookUrl' | 'email';
const LABELS: Record<DeliveryField, string> = { webhookUrl: 'Webhook URL', email: 'E-mail' };
type NewRuleField = 'brandId' | 'category';
const NEW_RULE_LABELS: Record<NewRuleField, string> = { brandId: 'Brand', category: 'Category' };

const ruleName = (rule: AlertRule) => `${rule.brandName}${rule.category ? ` · ${categoryLabel(rule.category)}` : ''}`;

/**
 * Managers: which brands (and categories) raise alerts, and where each alert goes besides the
 * dashboard (a Slack-compatible webhook, an e-mail address). Every own brand has a rule for all
 * its mentions, made by Earshot; rules for one complaint category can be added and removed.
 */
export function AlertRulesPanel() {
  const rules = useResourceList(alertsApi.listAlertRules, { failureMessage: 'The alert rules could not be loaded.' });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="alert-rules-heading">
      <h2 className="panel__title" id="alert-rules-heading">
        Alert rules
      </h2>
      <LoadProblem
        state={rules.state.status === 'ready' ? { status: 'ready' } : rules.state}
        loadingLabel="Loading the alert rules…"
        errorTitle="The alert rules could not be loaded"
        onRetry={rules.reload}
      />
      {rules.state.status === 'ready' ? (
        <>
          {rules.state.items.length === 0 ? (
            <p className="muted">
              No rules yet: Earshot makes one for each of your own brands the first time it checks them (within a minute of adding the brand).
            </p>
          ) : (
            <ul className="alert-rules">
              {rules.state.items.map((rule) => (
                <RuleRow
                  key={rule.id}
                  rule={rule}
                  editing={editing === rule.id}
                  onEdit={(on) => setEditing(on ? rule.id : null)}
                  onSaved={(saved) => {
                    rules.upsert(saved);
                    setEditing(null);
                  }}
                  onDeleted={() => rules.remove(rule.id)}
                />
              ))}
            </ul>
          )}
          <NewCategoryRule rules={rules.state.items} onCreated={rules.upsert} />
        </>
      ) : null}
      <p className="panel__note">
        Alerts always show in the dashboard. The webhook gets Slack-compatible JSON and the address an e-mail, once per alert; alerts found in the past notify
        nobody.
      </p>
    </section>
  );
}

function RuleState({ rule }: { rule: AlertRule }) {
  const { workspace } = useSession();
  const { state } = rule;
  if (!rule.enabled) return <Badge tone="muted">Off</Badge>;
  if (state.lastError)
    return (
      <Badge tone="danger" title={state.lastError}>
        Check failed
      </Badge>
    );
  if (state.raised) return <Badge tone="danger">Alert raised</Badge>;
  if (state.learning)
    return (
      <Badge tone="warning" title={state.learnedFrom ? `Learning since ${formatDateTime(state.learnedFrom, workspace.timeZone)}` : undefined}>
        Learning the usual rhythm
      </Badge>
    );
  return <Badge tone="success">Watching</Badge>;
}

interface RuleRowProps {
  rule: AlertRule;
  editing: boolean;
  onEdit(on: boolean): void;
  onSaved(rule: AlertRule): void;
  onDeleted(): void;
}

function RuleRow({ rule, editing, onEdit, onSaved, onDeleted }: RuleRowProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const name = ruleName(rule);

  const act = async (action: () => Promise<void>, failure: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(isApiRequestError(e) ? asSentence(e.message) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="alert-rule" data-testid="alert-rule">
      <div className="alert-rule__main">
        <CheckboxField
          asSwitch
          label={name}
          checked={rule.enabled}
          disabled={busy}
          onChange={(event) => {
            const enabled = event.target.checked;
            void act(async () => onSaved(await alertsApi.updateAlertRule(rule.id, { enabled })), 'The rule could not be changed.');
          }}
        />
        <RuleState rule={rule} />
        <span className="alert-rule__delivery muted">
          {rule.webhookUrl ? `Webhook: ${rule.webhookUrl}` : 'No webhook'} · {rule.email ? `E-mail: ${rule.email}` : 'No e-mail'}
        </span>
        {!editing ? (
          <Button size="sm" variant="ghost" onClick={() => onEdit(true)} aria-label={`Edit where alerts for ${name} go`}>
            Edit
          </Button>
        ) : null}
        {rule.category && !deleting ? (
          <Button size="sm" variant="ghost" onClick={() => setDeleting(true)} aria-label={`Remove the rule for ${name}`}>
            Remove
          </Button>
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {deleting ? (
        <ConfirmAction
          title={`Remove the rule for ${name}?`}
          confirmLabel="Remove rule"
          busy={busy}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            void act(async () => {
              await alertsApi.deleteAlertRule(rule.id);
              onDeleted();
            }, 'The rule could not be removed.')
          }
        >
          <p>Its past alerts stay in the list.</p>
        </ConfirmAction>
      ) : null}
      {editing ? <DeliveryForm rule={rule} name={name} onCancel={() => onEdit(false)} onSaved={onSaved} /> : null}
    </li>
  );
}

function DeliveryForm({ rule, name, onCancel, onSaved }: { rule: AlertRule; name: string; onCancel(): void; onSaved(rule: AlertRule): void }) {
  const [webhookUrl, setWebhookUrl] = useState(rule.webhookUrl ?? '');
  const [email, setEmail] = useState(rule.email ?? '');
  const { errors, busy, submit } = useFormSubmit<DeliveryField>();

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(() => alertsApi.updateAlertRule(rule.id, { webhookUrl: webhookUrl.trim() || null, email: email.trim() || null }), onSaved, LABELS);
  };

  return (
    <form className="form alert-rule__form" onSubmit={save} noValidate aria-label={`Where alerts for ${name} go`}>
      <div className="form__grid">
        <TextField
          label={LABELS.webhookUrl}
          type="url"
          value={webhookUrl}
          placeholder="https://hooks.slack.com/services/…"
          hint="Optional. An https address; Slack-compatible JSON."
          error={errors.fields.webhookUrl}
          onChange={(e) => setWebhookUrl(e.target.value)}
        />
        <TextField
          label={LABELS.email}
          type="email"
          value={email}
          hint="Optional. One address."
          error={errors.fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__actions">
        <Button type="submit" variant="primary" size="sm" busy={busy}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** A rule for one complaint category of a brand that already has a rule (its brands are the own brands Earshot watches). */
function NewCategoryRule({ rules, onCreated }: { rules: readonly AlertRule[]; onCreated(rule: AlertRule): void }) {
  const brands = [...new Map(rules.filter((r) => r.brandKind === 'own').map((r) => [r.brandId, r.brandName])).entries()];
  const [brandId, setBrandId] = useState('');
  const [category, setCategory] = useState('');
  const [errors, setErrors] = useState<FormErrors<NewRuleField>>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  if (brands.length === 0) return null;
  const chosenBrand = brandId || brands[0]![0];
  const taken = new Set(rules.filter((r) => r.brandId === chosenBrand && r.category).map((r) => r.category));
  const categories = COMPLAINT_CATEGORIES.filter((c) => !taken.has(c.id));

  const add = (event: FormEvent) => {
    event.preventDefault();
    const chosen = category || categories[0]?.id;
    if (!chosen) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    alertsApi
      .createAlertRule({ brandId: chosenBrand, category: chosen })
      .then(
        (rule) => {
          onCreated(rule);
          setCategory('');
        },
        (error: unknown) => setErrors(errorToFormErrors(error, NEW_RULE_LABELS)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="form alert-rule__new" onSubmit={add} noValidate aria-label="Add a rule for one category">
      <p className="muted">Watch one complaint category on its own too (a surge in one category can hide in the brand’s total):</p>
      <div className="form__grid">
        {brands.length > 1 ? (
          <SelectField
            label={NEW_RULE_LABELS.brandId}
            value={chosenBrand}
            options={brands.map(([id, name]) => ({ value: id, label: name }))}
            error={errors.fields.brandId}
            onChange={(e) => setBrandId(e.target.value)}
          />
        ) : null}
        <SelectField
          label={NEW_RULE_LABELS.category}
          value={category || (categories[0]?.id ?? '')}
          options={categories.map((c) => ({ value: c.id, label: c.label }))}
          error={errors.fields.category}
          onChange={(e) => setCategory(e.target.value)}
        />
      </div>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="form__actions">
        <Button type="submit" size="sm" busy={busy} disabled={categories.length === 0}>
          Add rule{brands.length === 1 ? ` for ${brands[0]![1]}` : ''}
        </Button>
      </div>
    </form>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import {
  CreateTemplateRequestSchema,
  INTENTS,
  PLATFORM_TABLE,
  PLATFORMS,
  toFieldIssues,
  UpdateTemplateRequestSchema,
  type Brand,
  type CreateTemplateRequest,
  type Intent,
  type ReplyTemplate,
  type SourcePlatform,
  type UpdateTemplateRequest,
  type User,
  type VoiceGuideBody,
} from '@earshot/contracts';
import { issuesToFormErrors } from '../../../shared/forms/form-errors';
import { conflictOn, useFormSubmit } from '../../../shared/forms/useFormSubmit';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { INTENT_LABELS } from '../../inbox/mention-labels';
import { COMPLAINT_CATEGORIES } from '../complaint-categories';
import { templateProblems } from '../template-preview';
import { TemplateBodyField } from './TemplateBodyField';
import { TemplatePreviewPanel } from './TemplatePreview';

const LABELS = {
  brandId: 'Brand',
  title: 'Title',
  body: 'Body',
  intents: 'Intents',
  categories: 'Categories',
  platform: 'Platform',
  language: 'Language',
  shortcut: 'Shortcut',
} as const;
type Field = keyof typeof LABELS;

const KNOWN_CATEGORIES = new Set(COMPLAINT_CATEGORIES.map((c) => c.id));
const PLATFORM_CHOICES = [{ value: '', label: 'Any platform' }, ...PLATFORMS.map((p) => ({ value: p, label: PLATFORM_TABLE[p].label }))];

/** "refunds, Warranty ,," → ["refunds", "warranty"]: categories are matched in lower case. */
function splitCategories(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

interface TemplateFormProps {
  brand: Brand;
  existing?: ReplyTemplate;
  agent: Pick<User, 'firstName' | 'signature'>;
  guide: VoiceGuideBody | null;
  onCreate(request: CreateTemplateRequest): Promise<ReplyTemplate>;
  onUpdate(id: string, change: UpdateTemplateRequest): Promise<ReplyTemplate>;
  /** After a save (with the saved template) or a cancel (null). */
  onDone(saved: ReplyTemplate | null): void;
}

/** Adds or changes a reply template, with a live preview of the reply and what the voice guide says about it. */
export function TemplateForm({ brand, existing, agent, guide, onCreate, onUpdate, onDone }: TemplateFormProps) {
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [intents, setIntents] = useState<Intent[]>(existing?.intents ?? []);
  const [categories, setCategories] = useState<string[]>(existing?.categories.filter((c) => KNOWN_CATEGORIES.has(c)) ?? []);
  const [otherCategories, setOtherCategories] = useState((existing?.categories ?? []).filter((c) => !KNOWN_CATEGORIES.has(c)).join(', '));
  const [platform, setPlatform] = useState<SourcePlatform | ''>(existing?.platform ?? '');
  const [language, setLanguage] = useState(existing?.language ?? '');
  const [shortcut, setShortcut] = useState(existing?.shortcut ?? '');
  const { errors, setErrors, busy, submit } = useFormSubmit<Field>();
  const heading = existing ? `Edit the template “${existing.title}”` : `Add a template for ${brand.name}`;

  const problems = useMemo(() => templateProblems(body), [body]);
  const allCategories = useMemo(
    () => [...COMPLAINT_CATEGORIES.map((c) => c.id).filter((id) => categories.includes(id)), ...splitCategories(otherCategories)],
    [categories, otherCategories],
  );
  const fit = useMemo(() => ({ intents, categories: allCategories, platform: platform || null }), [intents, allCategories, platform]);

  function toggle<T extends string>(list: readonly T[], value: T, on: boolean): T[] {
    return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The body's problems are already pointed at under it: don't send what the api will refuse.
    if (problems.length > 0) return;
    const values = {
      title,
      body,
      // In the order the checkboxes show them, whatever order they were ticked in.
      intents: INTENTS.filter((i) => intents.includes(i)),
      categories: [...new Set(allCategories)],
      platform: platform || null,
      language: language.trim() === '' ? null : language.trim().toLowerCase(),
      shortcut: shortcut.trim() === '' ? null : shortcut.trim().replace(/^\//, ''),
    };
    let send: () => Promise<ReplyTemplate>;
    if (existing) {
      const change: UpdateTemplateRequest = {};
      if (values.title.trim() !== existing.title) change.title = values.title;
      if (values.body.trim() !== existing.body) change.body = values.body;
      if (!sameList(values.intents, existing.intents)) change.intents = values.intents;
      if (!sameList(values.categories, existing.categories)) change.categories = values.categories;
      if (values.platform !== existing.platform) change.platform = values.platform;
      if (values.language !== existing.language) change.language = values.language;
      if (values.shortcut !== existing.shortcut) change.shortcut = values.shortcut;
      if (Object.keys(change).length === 0) {
        onDone(null);
        return;
      }
      const checked = UpdateTemplateRequestSchema.safeParse(change);
      if (!checked.success) {
        setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
        return;
      }
      send = () => onUpdate(existing.id, change);
    } else {
      const request = { brandId: brand.id, ...values } satisfies CreateTemplateRequest;
      const checked = CreateTemplateRequestSchema.safeParse(request);
      if (!checked.success) {
        setErrors(issuesToFormErrors(toFieldIssues(checked.error), LABELS));
        return;
      }
      send = () => onCreate(request);
    }
    await submit(send, onDone, LABELS, conflictOn('shortcut'));
  }

  return (
    <form className="form template-form" noValidate aria-label={heading} onSubmit={(e) => void handleSubmit(e)}>
      <h3 className="template-form__title">{heading}</h3>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <div className="template-form__layout">
        <div className="template-form__fields">
          <div className="form__grid">
            <TextField
              label={LABELS.title}
              name="title"
              autoComplete="off"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              error={errors.fields.title}
            />
            <TextField
              label={`${LABELS.shortcut} (optional)`}
              name="shortcut"
              autoComplete="off"
              spellCheck={false}
              hint="Typed after / in the reply box, e.g. sorry-late."
              value={shortcut}
              onChange={(e) => setShortcut(e.target.value)}
              error={errors.fields.shortcut}
            />
          </div>
          <TemplateBodyField
            value={body}
            onChange={(next) => {
              setBody(next);
              if (errors.fields.body) setErrors((current) => ({ ...current, fields: { ...current.fields, body: undefined } }));
            }}
            problems={problems}
            serverError={errors.fields.body}
          />
          <fieldset className={['fieldset', errors.fields.intents ? 'fieldset--invalid' : ''].filter(Boolean).join(' ')}>
            <legend className="fieldset__legend">Suits these intents</legend>
            <p className="fieldset__note">None ticked: any intent. The reply box offers templates that suit the mention first.</p>
            <div className="template-form__checks">
              {INTENTS.map((intent) => (
                <CheckboxField
                  key={intent}
                  label={INTENT_LABELS[intent]}
                  checked={intents.includes(intent)}
                  onChange={(e) => setIntents(toggle(intents, intent, e.target.checked))}
                />
              ))}
            </div>
            {errors.fields.intents ? <p className="field__error">{errors.fields.intents}</p> : null}
          </fieldset>
          <fieldset className={['fieldset', errors.fields.categories ? 'fieldset--invalid' : ''].filter(Boolean).join(' ')}>
            <legend className="fieldset__legend">Suits these complaint categories</legend>
            <p className="fieldset__note">None: any category.</p>
            <div className="template-form__checks">
              {COMPLAINT_CATEGORIES.map((c) => (
                <CheckboxField
                  key={c.id}
                  label={c.label}
                  checked={categories.includes(c.id)}
                  onChange={(e) => setCategories(toggle(categories, c.id, e.target.checked))}
                />
              ))}
            </div>
            <TextField
              label="Other categories (optional)"
              name="otherCategories"
              autoComplete="off"
              hint="Your workspace’s own categories, separated by commas."
              value={otherCategories}
              onChange={(e) => setOtherCategories(e.target.value)}
            />
            {errors.fields.categories ? <p className="field__error">{errors.fields.categories}</p> : null}
          </fieldset>
          <div className="form__grid">
            <SelectField
              label={LABELS.platform}
              name="platform"
              value={platform}
              options={PLATFORM_CHOICES}
              onChange={(e) => setPlatform(e.target.value as SourcePlatform | '')}
              error={errors.fields.platform}
            />
            <TextField
              label={`${LABELS.language} (optional)`}
              name="language"
              autoComplete="off"
              spellCheck={false}
              maxLength={2}
              hint="Two letters, e.g. en. Empty: any language."
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
              error={errors.fields.language}
            />
          </div>
        </div>
        <TemplatePreviewPanel body={body} fit={fit} agent={agent} brandName={brand.name} guide={guide} />
      </div>
      <div className="form__actions">
        <Button type="submit" variant="primary" size="sm" busy={busy}>
          {busy ? 'Saving…' : existing ? 'Save template' : 'Add template'}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onDone(null)} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

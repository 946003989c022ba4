import { useState, type FormEvent } from 'react';
import { PHRASE_RULE_SENTIMENTS, type PhraseRule } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { SelectField } from '../../../shared/ui/SelectField';
import { TextField } from '../../../shared/ui/TextField';
import { categoryLabel, COMPLAINT_CATEGORIES } from '../../templates/complaint-categories';
import { createPhraseRule, deletePhraseRule, listPhraseRules } from '../api/learning.api';

const SENTIMENT_LABEL: Record<(typeof PHRASE_RULE_SENTIMENTS)[number], string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
  ignore: 'Ignore the phrase’s tone',
};

/** What a rule does, in words: "sentiment neutral; no urgency; category Delivery and delays". */
export function describeRule(rule: Pick<PhraseRule, 'sentiment' | 'urgency' | 'category'>): string {
  const parts: string[] = [];
  if (rule.sentiment) parts.push(rule.sentiment === 'ignore' ? 'its tone is ignored' : `sentiment ${rule.sentiment}`);
  if (rule.urgency === 'ignore') parts.push('raises no urgency');
  if (rule.category) parts.push(`category ${categoryLabel(rule.category)}`);
  return parts.join('; ');
}

const failure = (error: unknown) => (isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.');

/** Phrase rules: what data cannot teach quickly ("war zone" is neutral for a game brand). They apply to posts scored from now on. */
export function PhraseRules({ canEdit }: { canEdit: boolean }) {
  const { state, reload, upsert, remove } = useResourceList(listPhraseRules, { failureMessage: 'The phrase rules could not be loaded.' });
  const [phrase, setPhrase] = useState('');
  const [sentiment, setSentiment] = useState('');
  const [urgency, setUrgency] = useState(false);
  const [category, setCategory] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy('add');
    setFeedback(null);
    try {
      const rule = await createPhraseRule({
        phrase,
        sentiment: sentiment === '' ? null : (sentiment as (typeof PHRASE_RULE_SENTIMENTS)[number]),
        urgency: urgency ? 'ignore' : null,
        category: category === '' ? null : category,
      });
      upsert(rule);
      setPhrase('');
      setSentiment('');
      setUrgency(false);
      setCategory('');
      setFeedback({ tone: 'success', text: `The rule for “${rule.phrase}” applies to posts scored from now on.` });
    } catch (error) {
      setFeedback({ tone: 'error', text: `The rule could not be added: ${failure(error)}` });
    } finally {
      setBusy(null);
    }
  }

  async function drop(rule: PhraseRule) {
    setBusy(rule.id);
    setFeedback(null);
    try {
      await deletePhraseRule(rule.id);
      remove(rule.id);
      setFeedback({ tone: 'success', text: `The rule for “${rule.phrase}” was deleted.` });
    } catch (error) {
      setFeedback({ tone: 'error', text: `The rule for “${rule.phrase}” could not be deleted: ${failure(error)}` });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="stack" aria-labelledby="phrase-rules-heading">
      <h3 id="phrase-rules-heading">Phrase rules</h3>
      <p>For what corrections cannot teach quickly: “war zone” is neutral for a game brand. A rule applies to posts scored after it is added.</p>
      {canEdit ? (
        <form className="form phrase-rule-form" aria-label="Add a phrase rule" noValidate onSubmit={(e) => void add(e)}>
          <div className="form__grid">
            <TextField label="Phrase" value={phrase} maxLength={80} onChange={(e) => setPhrase(e.target.value)} hint="Matched on whole words, any case." />
            <SelectField
              label="Sentiment"
              value={sentiment}
              onChange={(e) => setSentiment(e.target.value)}
              options={[{ value: '', label: 'Leave as scored' }, ...PHRASE_RULE_SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABEL[s] }))]}
            />
            <SelectField
              label="Complaint category"
              value={category}
              onChange={(e) => setCategory(e.target.value)}
              options={[{ value: '', label: 'Leave as scored' }, ...COMPLAINT_CATEGORIES.map((c) => ({ value: c.id, label: c.label }))]}
            />
          </div>
          <label className="form__check">
            <input type="checkbox" checked={urgency} onChange={(e) => setUrgency(e.target.checked)} /> The phrase raises no urgency (“killer feature”)
          </label>
          <div className="form__actions">
            <Button type="submit" variant="primary" busy={busy === 'add'} disabled={busy !== null}>
              Add rule
            </Button>
          </div>
        </form>
      ) : null}
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading phrase rules…" errorTitle="The phrase rules could not be loaded" onRetry={reload} />
      {state.status === 'ready' && state.items.length === 0 ? <p>No phrase rules yet.</p> : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <ul className="phrase-rule-list" aria-label="Phrase rules">
          {state.items.map((rule) => (
            <li key={rule.id} className="phrase-rule">
              <strong>“{rule.phrase}”</strong> <span>{describeRule(rule)}</span>
              {rule.createdBy ? <span className="phrase-rule__meta"> — added by {rule.createdBy.name}</span> : null}
              {canEdit ? (
                <Button
                  size="sm"
                  variant="ghost"
                  busy={busy === rule.id}
                  disabled={busy !== null}
                  onClick={() => void drop(rule)}
                  aria-label={`Delete the rule for ${rule.phrase}`}
                >
                  Delete
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

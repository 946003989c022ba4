import { useState } from 'react';
import type { LearningState, WorkspaceModel } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { can } from '../../auth/access-policy';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { Alert } from '../../../shared/ui/Alert';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { EmptyState } from '../../../shared/ui/EmptyState';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { activateModel, rollbackModel, trainModel } from '../api/learning.api';
import { useLearning } from '../hooks/useLearning';
import { canSwitchTo, describeModelFigures, STATUS_LABEL } from '../model-figures';
import { PhraseRules } from './PhraseRules';
import '../learning.css';

type Feedback = { tone: 'success' | 'error'; text: string };

const failure = (error: unknown) => (isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.');

const STATUS_TONE: Record<WorkspaceModel['status'], 'success' | 'accent' | 'muted' | 'warning' | 'danger' | 'neutral'> = {
  active: 'success',
  training: 'accent',
  ready: 'neutral',
  retired: 'muted',
  rejected: 'warning',
  failed: 'danger',
};

function ModelCard({ model, canEdit, busy, onUse }: { model: WorkspaceModel; canEdit: boolean; busy: boolean; onUse(): void }) {
  const titleId = `model-${model.id}`;
  return (
    <article className="model-card" aria-labelledby={titleId}>
      <header className="model-card__header">
        <h3 className="model-card__title" id={titleId}>
          Version {model.version}
        </h3>
        <Badge tone={STATUS_TONE[model.status]}>{STATUS_LABEL[model.status]}</Badge>
        {canEdit && canSwitchTo(model) ? (
          <Button size="sm" busy={busy} onClick={onUse} aria-label={`Use version ${model.version}`}>
            Use this version
          </Button>
        ) : null}
      </header>
      <p className="model-card__meta">
        Trained {formatDateTime(model.createdAt)} {model.createdBy ? `by ${model.createdBy.name}` : 'by the nightly run'} from {model.trainedFrom.posts}{' '}
        labelled posts{model.activatedAt ? `; last switched on ${formatDateTime(model.activatedAt)}` : ''}.
      </p>
      {model.metrics ? (
        <ul className="model-card__figures" aria-label={`Held-out figures of version ${model.version}`}>
          {describeModelFigures(model.metrics.before, model.metrics.after).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {model.error ? <p className="model-card__note">{model.error}</p> : null}
    </article>
  );
}

function Models({ data, canEdit, onChange }: { data: LearningState; canEdit: boolean; onChange(next: LearningState | null): void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const training = data.items.some((m) => m.status === 'training');
  const active = data.items.find((m) => m.id === data.activeModelId) ?? null;
  const short = Math.max(0, data.minimumPosts - data.labelledPosts);

  async function run(key: string, action: () => Promise<LearningState | null>, done: string) {
    setBusy(key);
    setFeedback(null);
    try {
      onChange(await action());
      setFeedback({ tone: 'success', text: done });
    } catch (error) {
      setFeedback({ tone: 'error', text: failure(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="stack" aria-labelledby="models-heading">
      <h3 id="models-heading">Model versions</h3>
      <p>
        {active ? `Version ${active.version} scores new posts.` : 'The shipped model scores new posts.'} {data.labelledPosts} labelled{' '}
        {data.labelledPosts === 1 ? 'post' : 'posts'} in all; {data.labelledSinceLastModel} since the last version.
      </p>
      {canEdit ? (
        <div className="form__actions">
          <Button
            variant="primary"
            busy={busy === 'train'}
            disabled={training || busy !== null}
            onClick={() =>
              void run(
                'train',
                async () => {
                  await trainModel();
                  return null;
                },
                'Training started. The new version is switched on only if it does at least as well on held-out corrections.',
              )
            }
          >
            Train now
          </Button>
          {active ? (
            <Button
              busy={busy === 'rollback'}
              disabled={busy !== null}
              onClick={() => void run('rollback', () => rollbackModel('previous'), `Rolled back from version ${active.version}.`)}
            >
              Roll back
            </Button>
          ) : null}
        </div>
      ) : null}
      {canEdit && short > 0 ? (
        <Alert tone="info">
          Training needs {data.minimumPosts} labelled posts: correct or label {short} more in the inbox.
        </Alert>
      ) : null}
      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}
      {data.items.length === 0 ? (
        <EmptyState title="No workspace model yet">
          <p>When your team corrects scores in the inbox, Earshot learns from them: train a version here, or wait for the nightly run.</p>
        </EmptyState>
      ) : (
        <ul className="model-list" aria-label="Model versions">
          {data.items.map((m) => (
            <li key={m.id}>
              <ModelCard
                model={m}
                canEdit={canEdit}
                busy={busy === m.id}
                onUse={() => void run(m.id, () => activateModel(m.id), `Version ${m.version} is in use; open mentions are being re-scored with it.`)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Settings › Learning: workspace model versions (train, switch, roll back) and phrase rules. Managers and admins change; agents read. */
export function LearningPage() {
  const { user } = useSession();
  const canEdit = can(user.role, 'editLearning');
  const { state, reload, replace } = useLearning();

  return (
    <section className="stack" aria-labelledby="learning-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="learning-heading">
            Learning
          </h2>
          <p className="section-header__description">
            Your team’s corrections train a model for this workspace on top of the shipped one. A version is used only when it does at least as well on
            corrections it did not learn from.
          </p>
        </div>
      </div>
      {!canEdit ? <Alert tone="info">You can read the model versions and phrase rules; managers and admins change them.</Alert> : null}
      <LoadProblem state={state} loadingLabel="Loading model versions…" errorTitle="The model versions could not be loaded" onRetry={reload} />
      {state.status === 'ready' ? <Models data={state.data} canEdit={canEdit} onChange={(next) => (next ? replace(next) : reload())} /> : null}
      <PhraseRules canEdit={canEdit} />
    </section>
  );
}

import { useState } from 'react';
import { PLATFORM_TABLE, type ReplyTemplate } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { ConfirmAction } from '../../../shared/ui/ConfirmAction';
import { INTENT_LABELS } from '../../inbox/mention-labels';
import { categoryLabel } from '../complaint-categories';

interface TemplateCardProps {
  template: ReplyTemplate;
  canEdit: boolean;
  onEdit(): void;
  /** Resolves true when the template was deleted. */
  onDelete(): Promise<boolean>;
}

/** One template: its title, shortcut, what it suits and its body (as text). */
export function TemplateCard({ template, canEdit, onEdit, onDelete }: TemplateCardProps) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const titleId = `template-${template.id}`;

  return (
    <article className="template-card" aria-labelledby={titleId}>
      <header className="template-card__header">
        <h3 className="template-card__title" id={titleId}>
          {template.title}
        </h3>
        {template.shortcut ? (
          <code className="template-card__shortcut" title="Shortcut in the reply box">
            /{template.shortcut}
          </code>
        ) : null}
        {canEdit && !confirming ? (
          <div className="row-actions">
            <Button size="sm" onClick={onEdit} aria-label={`Edit ${template.title}`}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${template.title}`}>
              Delete
            </Button>
          </div>
        ) : null}
      </header>
      <dl className="template-card__fits">
        <div>
          <dt>Intents</dt>
          <dd>{template.intents.length === 0 ? <Badge tone="muted">Any</Badge> : template.intents.map((i) => <Badge key={i}>{INTENT_LABELS[i]}</Badge>)}</dd>
        </div>
        <div>
          <dt>Categories</dt>
          <dd>
            {template.categories.length === 0 ? (
              <Badge tone="muted">Any</Badge>
            ) : (
              template.categories.map((c) => (
                <Badge key={c} tone="accent">
                  {categoryLabel(c)}
                </Badge>
              ))
            )}
          </dd>
        </div>
        <div>
          <dt>Platform</dt>
          <dd>{template.platform ? PLATFORM_TABLE[template.platform].label : 'Any'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{template.language ?? 'Any'}</dd>
        </div>
      </dl>
      <p className="template-card__body">{template.body}</p>
      {confirming ? (
        <ConfirmAction
          title={`Delete the template “${template.title}”?`}
          confirmLabel="Delete template"
          busy={deleting}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setDeleting(true);
            void onDelete().then((deleted) => {
              if (!deleted) {
                setDeleting(false);
                setConfirming(false);
              }
            });
          }}
        >
          <p>Agents will no longer be offered it. Replies already sent with it stay as they are.</p>
        </ConfirmAction>
      ) : null}
    </article>
  );
}

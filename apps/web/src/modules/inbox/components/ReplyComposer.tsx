import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { MentionDetail, Reply, User } from '@earshot/contracts';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { CheckboxField } from '../../../shared/ui/CheckboxField';
import { APPROVAL_REASON_TEXT, approvalReasons } from '../approval-reasons';
import { useComposerResources } from '../hooks/useComposerResources';
import { useReplyComposer } from '../hooks/useReplyComposer';
import { LintedTextarea } from './LintedTextarea';
import { LintFindingsList } from './LintFindingsList';
import { TemplatePicker } from './TemplatePicker';

interface ReplyComposerProps {
  detail: MentionDetail;
  agent: Pick<User, 'id' | 'firstName' | 'signature' | 'role'>;
  onSent(reply: Reply): void;
}

const UNIT_LABELS = { chars: 'characters', graphemes: 'characters', weighted: 'weighted characters' } as const;
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Writing the reply once the claim is ours: templates, live lint with marks in the text,
 * the platform's length, whether a manager must approve and why, and Send (Ctrl/Cmd+Enter).
 */
export function ReplyComposer({ detail, agent, onSent }: ReplyComposerProps) {
  // Read once the claim is ours: viewing a mention costs no template or guide requests.
  const resources = useComposerResources(detail.mention);
  const c = useReplyComposer({ detail, agent, resources, onSent });
  const ids = { text: useId(), findings: useId(), status: useId() };
  const textarea = useRef<HTMLTextAreaElement>(null);
  const reasons = approvalReasons(agent.role, detail.mention, c.report);
  const rejected = lastRejectedOfMine(detail.replies, agent.id);

  // The claim was just taken: the keyboard goes straight to the text.
  useEffect(() => textarea.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void c.send();
    }
  };
  const length = c.report?.length;
  const over = length ? length.used > length.max : false;

  return (
    <div className="composer" data-testid="composer">
      {rejected ? (
        <Alert tone="error" title={`${rejected.approval.decidedBy?.name ?? 'A manager'} asked for changes`}>
          <span className="composer__comment">{rejected.approval.comment ?? 'No comment given.'}</span>{' '}
          <Button
            size="sm"
            onClick={() => {
              c.reviseFrom(rejected);
              textarea.current?.focus();
            }}
          >
            Edit the rejected reply
          </Button>
        </Alert>
      ) : null}
      <TemplatePicker
        mention={detail.mention}
        templates={resources.templates}
        onPick={(template) => {
          if (c.insertTemplate(template)) textarea.current?.focus();
        }}
      />
      {c.templateErrors.length ? (
        <Alert tone="error" title="The template could not be filled in">
          <ul className="composer__errors">
            {c.templateErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {c.repeatOf ? (
        <p className="composer__warning" role="status">
          @{detail.mention.author.handle} already got “{c.inserted?.title}” word for word from {c.repeatOf.author.name}. Make it personal so it does not read
          like a bot.
        </p>
      ) : null}
      <LintedTextarea
        id={ids.text}
        label="Reply"
        value={c.text}
        findings={c.report?.findings ?? []}
        onChange={c.setText}
        onKeyDown={onKeyDown}
        describedBy={`${ids.findings} ${ids.status}`}
        textareaRef={textarea}
      />
      <p className="composer__meta">
        {length ? (
          <span className={`composer__length${over ? ' composer__length--over' : ''}`} data-testid="reply-length">
            {length.used} / {length.max} {UNIT_LABELS[length.unit]}
          </span>
        ) : (
          <span className="muted">Type / and a template’s shortcut, then a space, to insert it.</span>
        )}
      </p>
      <LintFindingsList id={ids.findings} text={c.text} findings={c.report?.findings ?? []} onFix={c.applyFix} />
      {reasons.length ? (
        <p className="composer__approval" data-testid="approval-note">
          A manager approves this reply before it is posted: {reasons.map((r) => APPROVAL_REASON_TEXT[r]).join('; ')}.
        </p>
      ) : null}
      {resources.problem ? <p className="muted">{resources.problem}</p> : null}
      {c.sendError ? <Alert tone="error">{c.sendError}</Alert> : null}
      <div className="composer__actions">
        <CheckboxField label="Resolve after sending" checked={c.resolve} onChange={(event) => c.setResolve(event.target.checked)} />
        <span className="composer__why" id={ids.status} role="status">
          {c.sendBlockReason ?? ''}
        </span>
        <Button
          variant="primary"
          size="sm"
          busy={c.sending}
          disabled={c.sendBlockReason !== null || c.sending}
          onClick={() => void c.send()}
          title={`${isMac ? '⌘' : 'Ctrl'}+Enter`}
        >
          {reasons.length ? 'Send for approval' : 'Send'}
        </Button>
      </div>
    </div>
  );
}

/** The agent's latest reply here when it was rejected and nothing newer followed it. */
function lastRejectedOfMine(replies: readonly Reply[], me: string): Reply | null {
  const last = replies.filter((r) => r.author.id === me).at(-1);
  return last && last.status === 'rejected' ? last : null;
}

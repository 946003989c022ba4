import { useCallback, useEffect, useRef, useState } from 'react';
import type { Mention } from '@earshot/contracts';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import { useSession } from '../../auth/hooks/useSession';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { LoadProblem } from '../../../shared/ui/LoadProblem';
import { RelativeTime } from '../../../shared/ui/RelativeTime';
import { PLATFORM_INFO } from '../../sources/source-platforms';
import * as mentionsApi from '../api/mentions.api';
import { useMentionActions } from '../hooks/useMentionActions';
import { useWorkspaceMembers } from '../hooks/useWorkspaceMembers';
import { useMentionDetail } from '../hooks/useMentionDetail';
import type { PresenceUser } from '../hooks/usePresence';
import { categoryLabel } from '../../templates/complaint-categories';
import { INTENT_LABELS, STATUS_LABELS } from '../mention-labels';
import { AuthorPanel } from './AuthorPanel';
import { ClaimIndicator } from './ClaimIndicator';
import { CorrectedMark } from './CorrectedMark';
import { CorrectionForm } from './CorrectionForm';
import { MentionActions } from './MentionActions';
import { MentionThread } from './MentionThread';
import { NotesSection } from './NotesSection';
import { PostLink } from './PostLink';
import { ReplyPanel } from './ReplyPanel';
import { SentimentBadge } from './SentimentBadge';
import { SlaBadge } from './SlaBadge';
import { TeamReplyList } from './TeamReplyList';
import { UrgencyBadge } from './UrgencyBadge';
import { UrgencyReasons } from './UrgencyReasons';
import { ViewersNote } from './ViewersNote';

interface MentionDetailPaneProps {
  id: string;
  connection: RealtimeConnection;
  me: string;
  readOnly: boolean;
  /** May hand mentions to any teammate (not only take them). */
  canAssignOthers?: boolean;
  /** Claim at once (opened with "r"). */
  autoReply: boolean;
  /** Opens the correction form each time it rises (the "c" shortcut). */
  correctSignal?: number;
  presence: PresenceUser[];
  now: Date;
  timeZone: string;
  /** Hands changed mentions to the list too. */
  onChanged(mentions: Mention[]): void;
  onClose(): void;
}

/** The open mention: text, scoring, thread, author and history, notes, status and the reply claim. */
export function MentionDetailPane({
  id,
  connection,
  me,
  readOnly,
  canAssignOthers = false,
  autoReply,
  correctSignal = 0,
  presence,
  now,
  timeZone,
  onChanged,
  onClose,
}: MentionDetailPaneProps) {
  const { state, applyMention, applyReply, addNote, reload, refresh } = useMentionDetail(id, connection);
  const applied = useCallback(
    (mentions: Mention[]) => {
      onChanged(mentions);
      mentions.forEach(applyMention);
    },
    [onChanged, applyMention],
  );
  const actions = useMentionActions(me, applied);
  const members = useWorkspaceMembers(canAssignOthers && !readOnly);
  const { user } = useSession();
  // The correction form: opened with its button, or by the "c" shortcut (each press raises correctSignal).
  const [openedByButton, setOpenedByButton] = useState(false);
  const [closedSignal, setClosedSignal] = useState(0);
  const correcting = !readOnly && (openedByButton || correctSignal > closedSignal);
  const stopCorrecting = useCallback(() => {
    setOpenedByButton(false);
    setClosedSignal(correctSignal);
  }, [correctSignal]);
  // Focus returns to the button that opened the form once it closes.
  const correctButton = useRef<HTMLButtonElement>(null);
  const wasCorrecting = useRef(false);
  useEffect(() => {
    if (wasCorrecting.current && !correcting) correctButton.current?.focus();
    wasCorrecting.current = correcting;
  }, [correcting]);

  return (
    <aside className="detail" aria-label="Mention detail">
      <div className="detail__bar">
        <h2 className="detail__title">{state.status === 'ready' ? `@${state.detail.mention.author.handle}` : 'Mention'}</h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close mention">
          Close
        </Button>
      </div>
      <LoadProblem
        state={state.status === 'ready' ? { status: 'ready' } : state}
        loadingLabel="Loading the mention…"
        errorTitle="This mention could not be loaded"
        onRetry={reload}
      />
      {state.status === 'ready'
        ? (() => {
            const { mention, thread, authorHistory, notes, replies, corrections } = state.detail;
            return (
              <div className="detail__body">
                <ViewersNote users={presence} mentionId={mention.id} me={me} />
                <div className="detail__facts">
                  <UrgencyBadge urgency={mention.urgency} />
                  <CorrectedMark mention={mention} field="urgency" corrections={corrections} now={now} />
                  <SentimentBadge sentiment={mention.sentiment} />
                  <CorrectedMark mention={mention} field="sentiment" corrections={corrections} now={now} />
                  <span className={`status status--${mention.status}`}>{STATUS_LABELS[mention.status]}</span>
                  <SlaBadge mention={mention} now={now} />
                  <ClaimIndicator claim={mention.claim} me={me} now={now} />
                </div>
                <p className="detail__text" data-testid="mention-text">
                  {mention.text}
                </p>
                <p className="detail__meta">
                  {PLATFORM_INFO[mention.platform].label} · posted <RelativeTime iso={mention.postedAt} now={now} timeZone={timeZone} past /> ·{' '}
                  {mention.assignee ? `assigned to ${mention.assignee.id === me ? 'you' : mention.assignee.name}` : 'unassigned'} <PostLink url={mention.url} />
                </p>
                <dl className="detail__labels">
                  <div>
                    <dt>Intent</dt>
                    <dd>
                      {mention.intent ? INTENT_LABELS[mention.intent] : '—'}{' '}
                      <CorrectedMark mention={mention} field="intent" corrections={corrections} now={now} />
                    </dd>
                  </div>
                  <div>
                    <dt>Category</dt>
                    <dd>
                      {mention.category ? categoryLabel(mention.category) : '—'}{' '}
                      <CorrectedMark mention={mention} field="category" corrections={corrections} now={now} />
                    </dd>
                  </div>
                  <div>
                    <dt>Tags</dt>
                    <dd>{mention.tags.length ? mention.tags.join(', ') : '—'}</dd>
                  </div>
                </dl>
                {readOnly ? (
                  <p className="muted">You have read-only access: viewers cannot change, claim or reply.</p>
                ) : (
                  <>
                    {actions.error ? <Alert tone="error">{actions.error}</Alert> : null}
                    {correcting ? (
                      <CorrectionForm
                        mention={mention}
                        onCorrect={async (correction) => (await mentionsApi.correctMention(mention.id, correction)).mention}
                        onDone={(corrected) => {
                          applied([corrected]);
                          refresh();
                          stopCorrecting();
                        }}
                        onCancel={stopCorrecting}
                      />
                    ) : (
                      <Button ref={correctButton} size="sm" variant="secondary" onClick={() => setOpenedByButton(true)} aria-keyshortcuts="c">
                        Correct scores
                      </Button>
                    )}
                    <MentionActions
                      mention={mention}
                      me={me}
                      busy={actions.busy}
                      onStatus={(status) => void actions.setStatus([mention.id], status)}
                      onAssignToMe={() => void actions.assignToMe([mention.id])}
                      onUnassign={() => void actions.unassign([mention.id])}
                      members={members}
                      onAssign={(userId) => void actions.assignTo([mention.id], userId)}
                    />
                    <ReplyPanel key={mention.id} detail={state.detail} me={me} holder={liveHolder(mention, now)} autoStart={autoReply} onSent={applyReply} />
                  </>
                )}
                <h3 className="detail__heading">Why this urgency</h3>
                <UrgencyReasons urgency={mention.urgency} />
                <h3 className="detail__heading">Thread</h3>
                <MentionThread thread={thread} now={now} timeZone={timeZone} ours={replies.length > 0} />
                <TeamReplyList replies={replies} now={now} timeZone={timeZone} me={me} role={user.role} readOnly={readOnly} onChanged={applyReply} />
                <h3 className="detail__heading">Author</h3>
                <AuthorPanel author={mention.author} history={authorHistory} now={now} timeZone={timeZone} />
                <h3 className="detail__heading">Internal notes</h3>
                <NotesSection notes={notes} canAdd={!readOnly} now={now} timeZone={timeZone} onAdd={addNote} />
              </div>
            );
          })()
        : null}
    </aside>
  );
}

function liveHolder(mention: Mention, now: Date) {
  return mention.claim && new Date(mention.claim.expiresAt).getTime() > now.getTime() ? mention.claim.user : null;
}

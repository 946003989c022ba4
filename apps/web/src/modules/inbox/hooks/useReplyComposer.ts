import { useCallback, useMemo, useRef, useState } from 'react';
import type { LintFinding, LintReport, MentionDetail, Reply, ReplyTemplate, User } from '@earshot/contracts';
import { applyFix as withFix, lintReply, renderTemplate, type LintContext } from '@earshot/voice';
import { isApiRequestError } from '../../../shared/http';
import * as repliesApi from '../api/replies.api';
import { newClientKey } from '../new-client-key';
import { templateVars } from '../template-vars';
import type { ComposerResources } from './useComposerResources';

/** `/shortcut` followed by a space or a new line, just before the caret. */
const SHORTCUT_BEFORE_CARET = /(^|\s)\/([a-z0-9][a-z0-9-]{0,31})(\s)$/;

export interface ComposerInput {
  detail: MentionDetail;
  agent: Pick<User, 'firstName' | 'signature' | 'role'>;
  resources: ComposerResources;
  /** The reply as the api answered (shown in the thread at once; live updates follow on the socket). */
  onSent(reply: Reply): void;
}

interface Inserted {
  template: ReplyTemplate;
  /** The template's rendering as inserted: the reply is "unedited" while the text is still exactly this. */
  rendered: string;
}

/**
 * The composer's state: the draft, the template it came from, live lint with the brand's
 * guide and the same context the api uses, fixes, and sending exactly once — one clientKey
 * per composed reply, kept until the api has answered with the reply, so a double click or a
 * retry after a lost answer returns the first reply instead of posting twice.
 */
export function useReplyComposer({ detail, agent, resources, onSent }: ComposerInput) {
  const { mention } = detail;
  const [text, setTextState] = useState('');
  const [inserted, setInserted] = useState<Inserted | null>(null);
  const [templateErrors, setTemplateErrors] = useState<string[]>([]);
  const [clientKey, setClientKey] = useState(newClientKey);
  const [resolve, setResolve] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const inFlight = useRef(false);

  const vars = useMemo(() => templateVars(mention, agent, resources.brandName), [mention, agent, resources.brandName]);
  const context = useMemo<LintContext>(
    () => ({
      platform: mention.platform,
      intent: mention.intent,
      category: mention.category,
      mentionText: mention.text,
      authorHandle: mention.author.handle,
      agent: { firstName: agent.firstName, signature: agent.signature },
      brandName: resources.brandName ?? '',
    }),
    [mention, agent.firstName, agent.signature, resources.brandName],
  );
  const report: LintReport | null = useMemo(() => (text.trim() ? lintReply(text, resources.guide, context) : null), [text, resources.guide, context]);

  /** Renders a template; on a missing variable, names it and leaves the draft alone. */
  const render = useCallback(
    (template: ReplyTemplate): string | null => {
      const result = renderTemplate(template.body, vars);
      if (result.ok) {
        setTemplateErrors([]);
        return result.text;
      }
      setTemplateErrors(result.errors.map((e) => `“${template.title}”: ${e.message}`));
      return null;
    },
    [vars],
  );

  const setText = useCallback(
    (value: string, caret: number = value.length) => {
      setSendError(null);
      const match = SHORTCUT_BEFORE_CARET.exec(value.slice(0, caret));
      const template = match ? resources.templates.find((t) => t.shortcut === match[2]) : undefined;
      if (match && template) {
        const rendered = render(template);
        if (rendered !== null) {
          const start = caret - match[0].length + match[1]!.length;
          const next = value.slice(0, start) + rendered + value.slice(caret);
          setTextState(next);
          setInserted({ template, rendered: next });
          return;
        }
      }
      setTextState(value);
    },
    [resources.templates, render],
  );

  /** The picker's choice replaces an empty draft, or is added after what is written. */
  const insertTemplate = useCallback(
    (template: ReplyTemplate) => {
      const rendered = render(template);
      if (rendered === null) return false;
      setSendError(null);
      const next = text.trim() ? `${text.trimEnd()}\n\n${rendered}` : rendered;
      setTextState(next);
      setInserted({ template, rendered: next });
      return true;
    },
    [render, text],
  );

  const applyFix = useCallback((finding: LintFinding) => {
    const fix = finding.fix;
    if (!fix) return;
    setTextState((current) => withFix(current, fix));
  }, []);

  const unedited = inserted !== null && text === inserted.rendered;
  /** The author already got this very template, unedited: sending it again reads like a bot. */
  const repeatOf = unedited ? (detail.authorHistory.teamReplies.find((r) => r.templateId === inserted.template.id && r.templateUnedited) ?? null) : null;

  const blockedBy = report?.findings.filter((f) => f.severity === 'block') ?? [];
  const sendBlockReason = !text.trim()
    ? 'Write a reply first.'
    : blockedBy.length
      ? `Fix ${blockedBy.length === 1 ? 'the blocking problem' : `the ${blockedBy.length} blocking problems`} first.`
      : null;

  const send = useCallback(async () => {
    if (inFlight.current || sendBlockReason) return;
    inFlight.current = true;
    setSending(true);
    setSendError(null);
    try {
      const reply = await repliesApi.createReply(mention.id, { text, templateId: inserted?.template.id ?? null, clientKey, resolve });
      // This composed reply is done: the next one gets its own key.
      setClientKey(newClientKey());
      setTextState('');
      setInserted(null);
      setTemplateErrors([]);
      onSent(reply);
    } catch (error) {
      setSendError(sendFailure(error));
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }, [sendBlockReason, mention.id, text, inserted, clientKey, resolve, onSent]);

  /** Starts again from a rejected reply's text (a new reply, with a new key). */
  const reviseFrom = useCallback((reply: Reply) => {
    setTextState(reply.text);
    setInserted(null);
    setSendError(null);
    setClientKey(newClientKey());
  }, []);

  return {
    text,
    setText,
    insertTemplate,
    templateErrors,
    inserted: inserted?.template ?? null,
    repeatOf,
    report,
    applyFix,
    resolve,
    setResolve,
    send,
    sending,
    sendError,
    sendBlockReason,
    clientKey,
    reviseFrom,
  };
}

function sendFailure(error: unknown): string {
  if (!isApiRequestError(error)) return 'The reply could not be sent.';
  if (error.statusCode === 0 || error.statusCode >= 500)
    return 'No answer from Earshot: the reply may or may not have been taken. Press Send again — it will not be posted twice.';
  return error.message;
}

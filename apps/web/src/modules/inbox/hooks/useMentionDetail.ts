import { useCallback, useEffect, useState } from 'react';
import type { Mention, MentionDetail, MentionNote, Reply } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import * as mentionsApi from '../api/mentions.api';

export type DetailState =
  { status: 'loading'; id: string } | { status: 'error'; id: string; message: string } | { status: 'ready'; id: string; detail: MentionDetail };

/** One mention with thread, author history and notes; the mention itself stays live over the socket. */
export function useMentionDetail(id: string, connection: RealtimeConnection) {
  const [state, setState] = useState<DetailState>({ status: 'loading', id });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    mentionsApi.getMention(id, controller.signal).then(
      (detail) => {
        if (!controller.signal.aborted) setState({ status: 'ready', id, detail });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ status: 'error', id, message: isApiRequestError(error) ? error.message : 'This mention could not be loaded.' });
      },
    );
    return () => controller.abort();
  }, [id, attempt]);

  /** Replaces the open mention when `mention` is newer than what is shown. */
  const applyMention = useCallback((mention: Mention) => {
    setState((current) =>
      current.status === 'ready' && current.detail.mention.id === mention.id && current.detail.mention.seq < mention.seq
        ? { ...current, detail: { ...current.detail, mention } }
        : current,
    );
  }, []);

  /** Adds or updates one of our replies to the open mention (its status moves on over the socket). */
  const applyReply = useCallback((reply: Reply) => {
    setState((current) =>
      current.status === 'ready' && current.detail.mention.id === reply.mentionId ? { ...current, detail: withReply(current.detail, reply) } : current,
    );
  }, []);

  /** Re-reads the detail without showing "loading" (notes and corrections are not in the events). */
  const refresh = useCallback(() => {
    mentionsApi.getMention(id).then(
      (detail) =>
        setState((current) =>
          current.status === 'ready' && current.id === id && detail.mention.seq >= current.detail.mention.seq ? { status: 'ready', id, detail } : current,
        ),
      () => undefined,
    );
  }, [id]);

  useEffect(() => {
    const apply = (e: { mention: Mention }) => applyMention(e.mention);
    // An update of the open mention may be a teammate's note or correction (not in the event): re-read the detail quietly.
    const refreshOn = (e: { mention: Mention }) => {
      apply(e);
      if (e.mention.id === id) refresh();
    };
    const offs = [
      connection.on('mention.updated', refreshOn),
      connection.on('mention.claimed', apply),
      connection.on('sla.breached', apply),
      connection.on('reply.updated', (e) => {
        apply(e);
        applyReply(e.reply);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [connection, applyMention, applyReply, id, refresh]);

  const addNote = useCallback(
    async (body: string): Promise<MentionNote> => {
      const note = await mentionsApi.addNote(id, body);
      setState((current) =>
        current.status === 'ready' && current.id === id ? { ...current, detail: { ...current.detail, notes: [...current.detail.notes, note] } } : current,
      );
      return note;
    },
    [id],
  );

  const reload = useCallback(() => {
    setState({ status: 'loading', id });
    setAttempt((n) => n + 1);
  }, [id]);

  // A state left over from the previous id reads as loading.
  const current: DetailState = state.id === id ? state : { status: 'loading', id };
  return { state: current, applyMention, applyReply, addNote, reload, refresh };
}

/** The reply in its place (oldest first); an older copy than the one shown (by `updatedAt`) is ignored. */
export function withReply(detail: MentionDetail, reply: Reply): MentionDetail {
  const index = detail.replies.findIndex((r) => r.id === reply.id);
  if (index === -1) {
    const replies = [...detail.replies, reply].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { ...detail, replies };
  }
  if (detail.replies[index]!.updatedAt > reply.updatedAt) return detail;
  const replies = detail.replies.slice();
  replies[index] = reply;
  return { ...detail, replies };
}

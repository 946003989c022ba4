import { useCallback, useEffect, useRef, useState } from 'react';
import type { Mention, Reply } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';
import * as mentionsApi from '../../inbox/api/mentions.api';
import * as repliesApi from '../../inbox/api/replies.api';

export interface PendingApproval {
  reply: Reply;
  /** Null until read (or when it could not be). */
  mention: Mention | null;
}

export type ApprovalQueueState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: PendingApproval[] };

const byAge = (a: PendingApproval, b: PendingApproval) => a.reply.createdAt.localeCompare(b.reply.createdAt);

/**
 * Replies waiting for a manager, oldest first. `reply.updated` keeps it live (a reply another
 * manager decided leaves, a new one arrives with its mention); after every reconnect the list
 * is read again, so what happened while the socket was away is caught up.
 */
export function useApprovalQueue(connection: RealtimeConnection) {
  const [state, setState] = useState<ApprovalQueueState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  /** The newest version of each reply the socket announced: a list read before it must not bring it back. */
  const seen = useRef(new Map<string, { reply: Reply; event: number }>());
  /** Counts socket events, to tell those that came while a list was being read. */
  const events = useRef(0);
  const mentions = useRef(new Map<string, Mention>());

  /** `show` reports a failure; `catchUp` (after a reconnect) keeps the list shown. */
  const load = useCallback(async (mode: 'show' | 'catchUp') => {
    const startedAfter = events.current;
    try {
      const replies = await repliesApi.listReplies({ status: ['pending_approval'] });
      const missing = [...new Set(replies.map((r) => r.mentionId))].filter((id) => !mentions.current.has(id));
      await Promise.all(
        missing.map((id) =>
          mentionsApi.getMention(id).then(
            (detail) => mentions.current.set(id, detail.mention),
            () => undefined,
          ),
        ),
      );
      const fresh = replies.filter((r) => {
        const newer = seen.current.get(r.id)?.reply;
        return !newer || newer.updatedAt <= r.updatedAt || newer.status === 'pending_approval';
      });
      // Announced while the list was being read (the list may predate it).
      const listed = new Set(fresh.map((r) => r.id));
      [...seen.current.values()].forEach(({ reply: r, event }) => {
        if (event > startedAfter && r.status === 'pending_approval' && !listed.has(r.id)) fresh.push(r);
      });
      setState({ status: 'ready', items: fresh.map((reply) => ({ reply, mention: mentions.current.get(reply.mentionId) ?? null })).sort(byAge) });
    } catch (error) {
      if (mode !== 'catchUp') setState({ status: 'error', message: isApiRequestError(error) ? error.message : 'The approval queue could not be loaded.' });
    }
  }, []);

  useEffect(() => {
    void load('show');
    let first = true;
    const offs = [
      connection.on('reply.updated', ({ reply, mention }) => {
        events.current += 1;
        seen.current.set(reply.id, { reply, event: events.current });
        mentions.current.set(mention.id, mention);
        setState((current) => {
          if (current.status !== 'ready') return current;
          const rest = current.items.filter((i) => i.reply.id !== reply.id);
          return reply.status === 'pending_approval' ? { ...current, items: [...rest, { reply, mention }].sort(byAge) } : { ...current, items: rest };
        });
      }),
      // The first connect comes with the first load; every later one is a reconnect that may have missed events.
      connection.onConnect(() => {
        if (first) first = false;
        else void load('catchUp');
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [connection, load]);

  const remove = (id: string) =>
    setState((current) => (current.status === 'ready' ? { ...current, items: current.items.filter((i) => i.reply.id !== id) } : current));

  /** Approves or rejects; a reply someone else decided first leaves the list with a note. */
  const decide = useCallback(async (id: string, decision: 'approve' | 'reject', comment?: string): Promise<string | null> => {
    try {
      const reply = decision === 'approve' ? await repliesApi.approveReply(id, comment) : await repliesApi.rejectReply(id, comment ?? '');
      events.current += 1;
      seen.current.set(reply.id, { reply, event: events.current });
      remove(id);
      setNotice(null);
      return null;
    } catch (error) {
      if (isApiRequestError(error) && (error.statusCode === 409 || error.statusCode === 404)) {
        remove(id);
        setNotice(`That reply was no longer waiting: ${error.message}`);
        return null;
      }
      return isApiRequestError(error) ? error.message : 'The decision could not be saved.';
    }
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void load('show');
  }, [load]);
  return { state, notice, decide, reload };
}

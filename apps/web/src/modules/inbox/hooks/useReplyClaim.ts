import { useCallback, useEffect, useRef, useState } from 'react';
import type { Claim, UserRef } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import * as mentionsApi from '../api/mentions.api';
import { claimConflictHolder } from '../api/claim-conflict';

/** A held claim is renewed this often while the reply pane is open (claims last 90 s). */
export const CLAIM_RENEW_MS = 30_000;

export type ClaimState =
  | { status: 'idle' }
  | { status: 'claiming'; takeOver: boolean }
  | { status: 'held'; claim: Claim }
  | { status: 'conflict'; holder: UserRef | null; message: string }
  | { status: 'error'; message: string };

/**
 * Claiming a mention to reply: claim (or take over), renew every 30 s while held, and give
 * the claim back when the pane closes or another mention is opened. If the live mention
 * shows someone else took the claim over, the state turns into a conflict.
 */
export function useReplyClaim(mentionId: string, me: string, liveHolder: UserRef | null, options: { autoStart: boolean }) {
  const [state, setState] = useState<ClaimState>(options.autoStart ? { status: 'claiming', takeOver: false } : { status: 'idle' });
  const held = useRef(false);
  // `r` on the mention that is already open asks to reply after mount (adjusting state to a prop change, during render).
  const [autoStartSeen, setAutoStartSeen] = useState(options.autoStart);
  if (options.autoStart !== autoStartSeen) {
    setAutoStartSeen(options.autoStart);
    if (options.autoStart && state.status === 'idle') setState({ status: 'claiming', takeOver: false });
  }

  const onFailure = useCallback((error: unknown) => {
    held.current = false;
    const holder = claimConflictHolder(error);
    const text = isApiRequestError(error) ? error.message : 'The mention could not be claimed.';
    setState(holder !== undefined ? { status: 'conflict', holder, message: text } : { status: 'error', message: text });
  }, []);

  // Sends the claim request whenever the state asks for one.
  const claiming = state.status === 'claiming' ? state.takeOver : null;
  useEffect(() => {
    if (claiming === null) return;
    let cancelled = false;
    mentionsApi.claimMention(mentionId, claiming).then(
      (claim) => {
        held.current = true;
        if (!cancelled) setState({ status: 'held', claim });
      },
      (error: unknown) => {
        if (!cancelled) onFailure(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [claiming, mentionId, onFailure]);

  // Renew while held.
  const holding = state.status === 'held';
  useEffect(() => {
    if (!holding) return;
    const timer = setInterval(() => {
      mentionsApi.claimMention(mentionId, false).then((claim) => setState({ status: 'held', claim }), onFailure);
    }, CLAIM_RENEW_MS);
    return () => clearInterval(timer);
  }, [holding, mentionId, onFailure]);

  // Give the claim back when the pane closes or moves to another mention.
  useEffect(
    () => () => {
      if (!held.current) return;
      held.current = false;
      mentionsApi.releaseClaim(mentionId).catch(() => undefined);
    },
    [mentionId],
  );

  const start = useCallback(() => setState({ status: 'claiming', takeOver: false }), []);
  const takeOver = useCallback(() => setState({ status: 'claiming', takeOver: true }), []);

  // Taken over by someone else while we held it (seen on the live mention).
  const takenOver = state.status === 'held' && liveHolder !== null && liveHolder.id !== me;
  const shown: ClaimState = takenOver ? { status: 'conflict', holder: liveHolder, message: `${liveHolder.name} took over the reply.` } : state;
  return { state: shown, start, takeOver };
}

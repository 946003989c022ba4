import { useCallback, useState } from 'react';
import type { Mention, MentionStatus } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import * as mentionsApi from '../api/mentions.api';

/**
 * Status and assignee changes for one or many mentions. The api's answer is handed to
 * `apply` (the queue and the open detail), so the list reflects it before the socket echo.
 */
export function useMentionActions(userId: string, apply: (mentions: Mention[]) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (ids: readonly string[], changes: { status?: MentionStatus; assigneeId?: string | null }): Promise<boolean> => {
      if (ids.length === 0) return false;
      setBusy(true);
      setError(null);
      try {
        const mentions =
          ids.length === 1 ? [await mentionsApi.updateMention(ids[0]!, changes)] : (await mentionsApi.bulkUpdateMentions({ ids: [...ids], changes })).items;
        apply(mentions);
        return true;
      } catch (e) {
        setError(isApiRequestError(e) ? e.message : 'The change could not be saved.');
        return false;
      } finally {
        setBusy(false);
      }
    },
    [apply],
  );

  const setStatus = useCallback((ids: readonly string[], status: MentionStatus) => run(ids, { status }), [run]);
  const assignToMe = useCallback((ids: readonly string[]) => run(ids, { assigneeId: userId }), [run, userId]);
  const unassign = useCallback((ids: readonly string[]) => run(ids, { assigneeId: null }), [run]);
  const assignTo = useCallback((ids: readonly string[], assigneeId: string | null) => run(ids, { assigneeId }), [run]);
  const dismissError = useCallback(() => setError(null), []);

  return { busy, error, setStatus, assignToMe, unassign, assignTo, dismissError };
}

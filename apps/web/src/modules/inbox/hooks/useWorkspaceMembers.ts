import { useEffect, useState } from 'react';
import type { WorkspaceMember } from '@earshot/contracts';
import { listMembers } from '../api/members.api';

/** Teammates to assign to, loaded once when `enabled`; an empty list when it cannot be read. */
export function useWorkspaceMembers(enabled: boolean): WorkspaceMember[] {
  const [members, setMembers] = useState<WorkspaceMember[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    listMembers(controller.signal).then(
      (items) => {
        if (!controller.signal.aborted) setMembers(items);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [enabled]);
  return members;
}

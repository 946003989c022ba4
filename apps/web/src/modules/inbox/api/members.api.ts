import { WorkspaceMemberListSchema, type WorkspaceMember } from '@earshot/contracts';
import { http } from '../../../shared/http';

/** Active teammates (id, name, role) to assign mentions to. */
export async function listMembers(signal?: AbortSignal): Promise<WorkspaceMember[]> {
  const list = await http.get('/api/workspace/members', WorkspaceMemberListSchema, signal ? { signal } : {});
  return list.items;
}

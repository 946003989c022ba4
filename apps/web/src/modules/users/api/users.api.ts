import { UserListSchema, UserSchema, type CreateUserRequest, type UpdateUserRequest, type User } from '@earshot/contracts';
import { http } from '../../../shared/http';

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  const list = await http.get('/api/users', UserListSchema, signal ? { signal } : {});
  return list.items;
}

export function createUser(request: CreateUserRequest): Promise<User> {
  return http.post('/api/users', request, UserSchema);
}

export function updateUser(id: string, change: UpdateUserRequest): Promise<User> {
  return http.patch(`/api/users/${encodeURIComponent(id)}`, change, UserSchema);
}

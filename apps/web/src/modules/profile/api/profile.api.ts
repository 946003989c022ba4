import { UserSchema, type UpdateProfileRequest, type User } from '@earshot/contracts';
import { http } from '../../../shared/http';

/** The signed-in user, with the first name and signature templates use. */
export function getProfile(signal?: AbortSignal): Promise<User> {
  return http.get('/api/profile', UserSchema, signal ? { signal } : {});
}

/** Changes the signed-in user's own first name and signature (null: back to the default). */
export function updateProfile(change: UpdateProfileRequest): Promise<User> {
  return http.patch('/api/profile', change, UserSchema);
}

import { SessionSchema, type ChangePasswordRequest, type LoginRequest, type Session } from '@earshot/contracts';
import { http } from '../../../shared/http';

/** The signed-in session; rejects with a 401 `ApiRequestError` when there is none. */
export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return http.get('/api/auth/me', SessionSchema, { redirectOnUnauthorized: false, ...(signal ? { signal } : {}) });
}

export function login(credentials: LoginRequest): Promise<Session> {
  return http.post('/api/auth/login', credentials, SessionSchema, { redirectOnUnauthorized: false });
}

export function logout(): Promise<void> {
  return http.send('POST', '/api/auth/logout', { redirectOnUnauthorized: false });
}

/** Replaces the signed-in user's password; answers the session (no longer needing a change). */
export function changePassword(body: ChangePasswordRequest): Promise<Session> {
  return http.post('/api/auth/password', body, SessionSchema, { redirectOnUnauthorized: false });
}

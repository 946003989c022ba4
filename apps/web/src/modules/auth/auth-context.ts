import { createContext } from 'react';
import type { ChangePasswordRequest, LoginRequest, Session, User, Workspace } from '@earshot/contracts';

export interface AuthContextValue {
  /** Null while signed out. The provider renders nothing else until it knows. */
  session: Session | null;
  /** Why the user is on the login page, when it is not their choice (session ended). */
  notice: string | null;
  login(credentials: LoginRequest): Promise<Session>;
  logout(): Promise<void>;
  /** Replaces the user's password (required first when `session.mustChangePassword`). */
  changePassword(body: ChangePasswordRequest): Promise<Session>;
  /** Puts the user as the api last answered (after a profile change) into the session, without a reload. */
  updateUser(user: User): void;
  /** Puts the workspace as the api last answered (after a settings change) into the session, without a reload. */
  updateWorkspace(workspace: Workspace): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../hooks/useAuth';
import { ChangePasswordPage } from './ChangePasswordPage';

export interface LoginLocationState {
  /** Where to go after signing in: path, query and hash of the page first asked for. */
  from?: string;
}

/**
 * Renders its children for a signed-in user; anyone else goes to the login page. A user who
 * must replace a generated password sees only the change-password form (the api answers 403
 * everywhere else until then), on whatever page they asked for.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (session.mustChangePassword) return <ChangePasswordPage />;
  return children;
}

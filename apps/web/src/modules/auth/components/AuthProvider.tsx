import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChangePasswordRequest, LoginRequest, Session, User, Workspace } from '@earshot/contracts';
import { isApiRequestError, onUnauthorized } from '../../../shared/http';
import { closeRealtimeConnections } from '../../../shared/realtime/open-connections';
import { Button } from '../../../shared/ui/Button';
import { FullPageMessage } from '../../../shared/ui/FullPageMessage';
import * as authApi from '../api/auth.api';
import { AuthContext, type AuthContextValue } from '../auth-context';

type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'unavailable'; message: string };

const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

/**
 * Asks the api who is signed in (`GET /api/auth/me`) before rendering anything else,
 * keeps the session, and forgets it when any call answers 401.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const sessionRef = useRef<Session | null>(null);

  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  useEffect(() => {
    const controller = new AbortController();
    authApi.fetchSession(controller.signal).then(
      (current) => {
        setSession(current);
        setLoad({ status: 'ready' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiRequestError(error) && error.statusCode === 401) {
          setSession(null);
          setLoad({ status: 'ready' });
        } else {
          setLoad({
            status: 'unavailable',
            message: isApiRequestError(error) ? error.message : 'Something went wrong while starting Earshot.',
          });
        }
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() => {
        if (sessionRef.current) setNotice(SESSION_ENDED);
        setSession(null);
      }),
    [],
  );

  const login = useCallback(async (credentials: LoginRequest) => {
    const next = await authApi.login(credentials);
    setNotice(null);
    setSession(next);
    return next;
  }, []);

  const logout = useCallback(async () => {
    try {
      // Sockets first, on every sign-out path: the server closes a signed-out session's
      // sockets, and a socket still open then has requests in flight that the server
      // answers "400 Session ID unknown".
      await closeRealtimeConnections();
      await authApi.logout();
    } catch {
      // The cookie may already be gone; either way this browser is signed out now.
    } finally {
      setNotice(null);
      setSession(null);
    }
  }, []);

  const changePassword = useCallback(async (body: ChangePasswordRequest) => {
    const next = await authApi.changePassword(body);
    setSession(next);
    return next;
  }, []);

  const updateUser = useCallback((user: User) => {
    // Only the signed-in user's own record replaces it (a late answer after a sign-out changes nothing).
    setSession((current) => (current && current.user.id === user.id ? { ...current, user } : current));
  }, []);

  const updateWorkspace = useCallback((workspace: Workspace) => {
    setSession((current) => (current && current.workspace.id === workspace.id ? { ...current, workspace } : current));
  }, []);

  const value = useMemo<AuthContextValue>(
    () => ({ session, notice, login, logout, changePassword, updateUser, updateWorkspace }),
    [session, notice, login, logout, changePassword, updateUser, updateWorkspace],
  );

  if (load.status === 'loading') return <FullPageMessage title="Loading Earshot…" busy />;
  if (load.status === 'unavailable') {
    return (
      <FullPageMessage title="Earshot can't start right now">
        <p className="full-page__text">{load.message}</p>
        <Button
          variant="primary"
          onClick={() => {
            setLoad({ status: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          Try again
        </Button>
      </FullPageMessage>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

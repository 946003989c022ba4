import { useCallback, useEffect, useState } from 'react';
import type { CreateUserRequest, UpdateUserRequest, User } from '@earshot/contracts';
import { isApiRequestError } from '../../../shared/http';
import * as usersApi from '../api/users.api';

export type UsersState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; users: User[] };

/** The workspace's users, kept in step with what the api answers to each change. */
export function useUsers() {
  const [state, setState] = useState<UsersState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    usersApi.listUsers(controller.signal).then(
      (users) => setState({ status: 'ready', users }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: isApiRequestError(error) ? error.message : 'The list of users could not be loaded.' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const replace = useCallback((user: User) => {
    setState((current) => {
      if (current.status !== 'ready') return current;
      const exists = current.users.some((u) => u.id === user.id);
      return { status: 'ready', users: exists ? current.users.map((u) => (u.id === user.id ? user : u)) : [...current.users, user] };
    });
  }, []);

  const createUser = useCallback(
    async (request: CreateUserRequest) => {
      const user = await usersApi.createUser(request);
      replace(user);
      return user;
    },
    [replace],
  );

  const updateUser = useCallback(
    async (id: string, change: UpdateUserRequest) => {
      const user = await usersApi.updateUser(id, change);
      replace(user);
      return user;
    },
    [replace],
  );

  return { state, reload, createUser, updateUser };
}

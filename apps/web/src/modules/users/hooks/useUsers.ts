import { useCallback, useMemo } from 'react';
import type { CreateUserRequest, UpdateUserRequest, User } from '@earshot/contracts';
import { useResourceList } from '../../../shared/hooks/useResourceList';
import * as usersApi from '../api/users.api';

export type UsersState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; users: User[] };

/** The workspace's users, kept in step with what the api answers to each change. */
export function useUsers() {
  const list = useResourceList(usersApi.listUsers, { failureMessage: 'The list of users could not be loaded.' });
  const { reload, upsert } = list;

  const state = useMemo<UsersState>(() => (list.state.status === 'ready' ? { status: 'ready', users: list.state.items } : list.state), [list.state]);

  const createUser = useCallback(
    async (request: CreateUserRequest) => {
      const user = await usersApi.createUser(request);
      upsert(user);
      return user;
    },
    [upsert],
  );

  const updateUser = useCallback(
    async (id: string, change: UpdateUserRequest) => {
      const user = await usersApi.updateUser(id, change);
      upsert(user);
      return user;
    },
    [upsert],
  );

  return { state, reload, createUser, updateUser };
}

import { Fragment, useId, useState } from 'react';
import type { Role, UpdateUserRequest, User } from '@earshot/contracts';
import { useSession } from '../../auth/hooks/useSession';
import { ROLE_LABELS } from '../../auth/role-labels';
import { Alert } from '../../../shared/ui/Alert';
import { Button } from '../../../shared/ui/Button';
import { isApiRequestError } from '../../../shared/http';
import { asSentence } from '../../../shared/format/as-sentence';
import { useUsers } from '../hooks/useUsers';
import { AddUserForm } from './AddUserForm';
import { SetPasswordForm } from './SetPasswordForm';
import { UserRow } from './UserRow';
import { LoadProblem } from '../../../shared/ui/LoadProblem';

type Feedback = { tone: 'success' | 'error'; text: string } | null;

function reason(error: unknown): string {
  return isApiRequestError(error) ? asSentence(error.message) : 'Something went wrong. Try again in a moment.';
}

/** Settings › Users (admins): list, add, change role, deactivate or reactivate, set a password. */
export function UsersPage() {
  const { user: me, workspace } = useSession();
  const { state, reload, createUser, updateUser } = useUsers();
  const [adding, setAdding] = useState(false);
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [feedback, setFeedback] = useState<Feedback>(null);
  const selfHintId = useId();

  async function change(user: User, update: UpdateUserRequest, done: (updated: User) => string, failed: string) {
    setBusyIds((ids) => new Set(ids).add(user.id));
    setFeedback(null);
    try {
      const updated = await updateUser(user.id, update);
      setFeedback({ tone: 'success', text: done(updated) });
    } catch (error) {
      setFeedback({ tone: 'error', text: `${failed}: ${reason(error)}` });
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(user.id);
        return next;
      });
    }
  }

  function changeRole(user: User, role: Role) {
    void change(user, { role }, (u) => `${u.name} is now ${ROLE_LABELS[u.role].toLowerCase()}.`, `Couldn't change ${user.name}'s role`);
  }

  function changeActive(user: User, active: boolean) {
    void change(
      user,
      { active },
      (u) => (u.active ? `${u.name} can sign in again.` : `${u.name} is deactivated and can no longer sign in.`),
      active ? `Couldn't reactivate ${user.name}` : `Couldn't deactivate ${user.name}`,
    );
  }

  return (
    <section className="users" aria-labelledby="users-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="users-heading">
            Users
          </h2>
          <p className="section-header__description">People who can sign in to {workspace.name}, and what each may do.</p>
        </div>
        {!adding ? (
          <Button
            variant="primary"
            onClick={() => {
              setAdding(true);
              setFeedback(null);
            }}
          >
            Add user
          </Button>
        ) : null}
      </div>

      {adding ? (
        <AddUserForm
          onCreate={createUser}
          onCreated={(created) => {
            setAdding(false);
            setFeedback({ tone: 'success', text: `${created.name} was added as ${ROLE_LABELS[created.role].toLowerCase()}.` });
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}

      {feedback ? <Alert tone={feedback.tone}>{feedback.text}</Alert> : null}

      <LoadProblem state={state} loadingLabel="Loading users…" errorTitle="The list of users could not be loaded" onRetry={reload} />
      {state.status === 'ready' ? (
        <div className="table-wrap">
          <table className="table users-table">
            <caption className="visually-hidden">Users of {workspace.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name and e-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.users.map((user) => (
                <Fragment key={user.id}>
                  <UserRow
                    user={user}
                    isSelf={user.id === me.id}
                    busy={busyIds.has(user.id)}
                    timeZone={workspace.timeZone}
                    selfHintId={selfHintId}
                    passwordOpen={passwordFor === user.id}
                    onRoleChange={changeRole}
                    onActiveChange={changeActive}
                    onTogglePassword={(u) => setPasswordFor((current) => (current === u.id ? null : u.id))}
                  />
                  {passwordFor === user.id ? (
                    <tr className="row--form">
                      <td colSpan={5}>
                        <SetPasswordForm
                          user={user}
                          onSave={async (password) => {
                            setFeedback(null);
                            await updateUser(user.id, { password });
                            setFeedback({ tone: 'success', text: `New password saved for ${user.name}.` });
                          }}
                          onDone={() => setPasswordFor(null)}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="table-note" id={selfHintId}>
        You can't change your own role or deactivate your own account here; another admin can.
      </p>
    </section>
  );
}

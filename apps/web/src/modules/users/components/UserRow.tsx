import { RoleSchema, type Role, type User } from '@earshot/contracts';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { formatDateTime } from '../../../shared/format/format-date-time';
import { ROLE_OPTIONS } from '../role-options';

interface UserRowProps {
  user: User;
  isSelf: boolean;
  busy: boolean;
  timeZone: string;
  selfHintId: string;
  passwordOpen: boolean;
  onRoleChange(user: User, role: Role): void;
  onActiveChange(user: User, active: boolean): void;
  onTogglePassword(user: User): void;
}

export function UserRow({ user, isSelf, busy, timeZone, selfHintId, passwordOpen, onRoleChange, onActiveChange, onTogglePassword }: UserRowProps) {
  return (
    <tr className={user.active ? undefined : 'row--inactive'}>
      <th scope="row" className="users-table__user">
        <span className="users-table__name">
          {user.name}
          {isSelf ? (
            <>
              {' '}
              <Badge tone="accent">You</Badge>
            </>
          ) : null}
        </span>
        <span className="users-table__email">{user.email}</span>
      </th>
      <td>
        <select
          className="field__input field__select field__select--compact"
          aria-label={`Role for ${user.name}`}
          value={user.role}
          disabled={isSelf || busy}
          aria-describedby={isSelf ? selfHintId : undefined}
          onChange={(event) => onRoleChange(user, RoleSchema.parse(event.target.value))}
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td>{user.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Deactivated</Badge>}</td>
      <td className="users-table__date">
        {user.lastLoginAt ? <time dateTime={user.lastLoginAt}>{formatDateTime(user.lastLoginAt, timeZone)}</time> : <span className="muted">Never</span>}
      </td>
      <td className="users-table__actions">
        <div className="users-table__actions-inner">
          <Button
            size="sm"
            variant={user.active ? 'danger' : 'secondary'}
            disabled={isSelf || busy}
            aria-describedby={isSelf ? selfHintId : undefined}
            onClick={() => onActiveChange(user, !user.active)}
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
            <span className="visually-hidden"> {user.name}</span>
          </Button>
          <Button size="sm" variant="ghost" disabled={busy} aria-expanded={passwordOpen} onClick={() => onTogglePassword(user)}>
            Set password<span className="visually-hidden"> for {user.name}</span>
          </Button>
        </div>
      </td>
    </tr>
  );
}

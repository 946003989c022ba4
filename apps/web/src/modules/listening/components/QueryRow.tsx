import type { ListeningQuery } from '@earshot/contracts';
import { Button } from '../../../shared/ui/Button';

interface QueryRowProps {
  query: ListeningQuery;
  canEdit: boolean;
  busy: boolean;
  /** An edit form or delete confirmation is open under this row. */
  open: boolean;
  onToggle(query: ListeningQuery, enabled: boolean): void;
  onEdit(query: ListeningQuery): void;
  onDelete(query: ListeningQuery): void;
}

export function QueryRow({ query, canEdit, busy, open, onToggle, onEdit, onDelete }: QueryRowProps) {
  return (
    <tr className={query.enabled ? undefined : 'row--inactive'}>
      <th scope="row" className="queries-table__name">
        {query.name}
      </th>
      <td>
        <code className="query-code">{query.query}</code>
      </td>
      <td className="queries-table__topic">{query.topic ?? <span className="muted">—</span>}</td>
      <td>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            className="switch__input"
            checked={query.enabled}
            disabled={!canEdit || busy}
            onChange={(event) => onToggle(query, event.target.checked)}
          />
          <span className="switch__track" aria-hidden="true" />
          <span className="switch__text">
            {query.enabled ? 'On' : 'Off'}
            <span className="visually-hidden">: {query.name} enabled</span>
          </span>
        </label>
      </td>
      <td className="queries-table__actions">
        {canEdit ? (
          <div className="row-actions">
            <Button size="sm" variant="ghost" disabled={busy || open} onClick={() => onEdit(query)}>
              Edit<span className="visually-hidden"> query {query.name}</span>
            </Button>
            <Button size="sm" variant="danger" disabled={busy || open} onClick={() => onDelete(query)}>
              Delete<span className="visually-hidden"> query {query.name}</span>
            </Button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

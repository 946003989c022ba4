import type { Incident } from '../api/alert-schemas';
import { MentionSnippet } from './MentionSnippet';

/** The alert's mentions in groups (by category, by a shared top term), each opened to a few samples. Texts show as text. */
export function MentionGroups({ groups, timeZone }: { groups: Incident['groups']; timeZone: string }) {
  if (groups.length === 0) return <p className="muted">No mentions to group yet.</p>;
  return (
    <ul className="incident-groups" aria-label="Groups of mentions">
      {groups.map((group) => (
        <li key={group.key} className="incident-group" data-testid="incident-group">
          <details>
            <summary>
              <span className="incident-group__label">{group.label}</span>
              <span className="incident-group__counts">
                {group.count} {group.count === 1 ? 'mention' : 'mentions'} · {group.authors} {group.authors === 1 ? 'author' : 'authors'}
              </span>
            </summary>
            {group.sample.length > 0 ? (
              <ul className="mention-snippets">
                {group.sample.map((m) => (
                  <MentionSnippet key={m.id} mention={m} timeZone={timeZone} />
                ))}
              </ul>
            ) : (
              <p className="muted">No samples.</p>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}

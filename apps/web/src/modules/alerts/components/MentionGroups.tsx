import { Link } from 'react-router';
import { alertInboxHref } from '../alert-links';
import type { AlertEvent, Incident } from '../api/alert-schemas';
import { MentionSnippet } from './MentionSnippet';

interface MentionGroupsProps {
  groups: Incident['groups'];
  alert: AlertEvent;
  timeZone: string;
}

/** A category group's mentions in the inbox: the alert's, of that category (exactly the group). */
function groupHref(group: Incident['groups'][number], alert: AlertEvent): string | null {
  if (group.kind !== 'category') return null;
  const category = group.key.slice('category:'.length);
  return alertInboxHref({ ...alert, category });
}

/**
 * The alert's mentions in groups: by category (each mention in one) and by the surge's top
 * terms (a mention in each whose term it has), each opening to a few samples of different
 * authors. Mention texts are shown as text, never as markup.
 */
export function MentionGroups({ groups, alert, timeZone }: MentionGroupsProps) {
  if (groups.length === 0) return <p className="muted">No mentions to group yet.</p>;
  const sections = [
    { kind: 'category', title: 'By category', items: groups.filter((g) => g.kind === 'category') },
    { kind: 'term', title: 'By what they mention', items: groups.filter((g) => g.kind === 'term') },
  ].filter((s) => s.items.length > 0);
  return (
    <div className="incident-groups-wrap">
      {sections.map((section) => (
        <div key={section.kind} className="incident-groups__section">
          <h3 className="incident-groups__title">{section.title}</h3>
          <ul className="incident-groups" aria-label={`Mentions ${section.title.toLowerCase()}`}>
            {section.items.map((group) => {
              const href = groupHref(group, alert);
              return (
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
                    {href ? (
                      <p className="incident-group__more">
                        <Link to={href}>All {group.count} in the inbox</Link>
                      </p>
                    ) : null}
                  </details>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import type { Incident } from '../api/alert-schemas';
import { platformLabel } from '../platform-label';

const FIRST = 25;

/** Everyone who wrote during the surge, with their latest mention and whether the team has answered them. */
export function AffectedAuthors({ authors }: { authors: Incident['authors'] }) {
  const [all, setAll] = useState(false);
  if (authors.length === 0) return <p className="muted">Nobody yet.</p>;
  const replied = authors.filter((a) => a.replied).length;
  const shown = all ? authors : authors.slice(0, FIRST);
  return (
    <>
      <p className="muted">
        {authors.length} {authors.length === 1 ? 'author' : 'authors'}, {replied} answered.
      </p>
      <div className="table-wrap">
        <table className="table incident-authors">
          <thead>
            <tr>
              <th scope="col">Author</th>
              <th scope="col">Platform</th>
              <th scope="col">Answered</th>
              <th scope="col">
                <span className="visually-hidden">Latest mention</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.authorId}>
                <th scope="row">@{a.handle}</th>
                <td>{platformLabel(a.platform)}</td>
                <td>{a.replied ? <Badge tone="success">Answered</Badge> : <Badge tone="warning">Not yet</Badge>}</td>
                <td>
                  <Link to={`/inbox/${encodeURIComponent(a.mentionId)}`} aria-label={`Latest mention of @${a.handle} in the inbox`}>
                    Open
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && authors.length > FIRST ? (
        <Button size="sm" variant="ghost" onClick={() => setAll(true)}>
          Show all {authors.length}
        </Button>
      ) : null}
    </>
  );
}

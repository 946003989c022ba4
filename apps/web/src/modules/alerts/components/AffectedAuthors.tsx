import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../shared/ui/Badge';
import { Button } from '../../../shared/ui/Button';
import { REPLY_STATUS_LABELS, REPLY_STATUS_TONES } from '../../inbox/reply-status-labels';
import type { Incident, IncidentAuthor } from '../api/alert-schemas';
import { platformLabel } from '../platform-label';

const FIRST = 25;

function AnsweredBadge({ author }: { author: IncidentAuthor }) {
  if (author.replied) {
    const status = author.replyStatus;
    if (status === null || status === 'sent') return <Badge tone="success">Answered</Badge>;
    // On its way or waiting: the reply's own state ("Awaiting approval", "Queued", "Failed"…).
    return (
      <Badge tone={REPLY_STATUS_TONES[status]} title="Our reply to this author">
        {REPLY_STATUS_LABELS[status]}
      </Badge>
    );
  }
  if (!author.canReply)
    return (
      <Badge tone="muted" title={author.cannotReply ?? undefined}>
        Cannot be answered here
      </Badge>
    );
  return <Badge tone="warning">Not yet</Badge>;
}

/** Everyone who wrote during the surge: their latest mention and whether the team has answered them. */
export function AffectedAuthors({ authors, counts }: { authors: Incident['authors']; counts: Incident['counts'] }) {
  const [all, setAll] = useState(false);
  if (authors.length === 0) return <p className="muted">Nobody yet.</p>;
  const shown = all ? authors : authors.slice(0, FIRST);
  return (
    <>
      <p className="muted">
        {counts.authors} {counts.authors === 1 ? 'author' : 'authors'}: {counts.replied} answered, {counts.toAnswer} to answer
        {counts.authors > authors.length ? ` (the latest ${authors.length} are listed)` : ''}.
      </p>
      <div className="table-wrap">
        <table className="table incident-authors">
          <thead>
            <tr>
              <th scope="col">Author</th>
              <th scope="col">Platform</th>
              <th scope="col">Mentions</th>
              <th scope="col">Answered</th>
              <th scope="col">
                <span className="visually-hidden">Latest mention</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.authorId} data-testid="incident-author">
                <th scope="row">
                  @{a.handle}
                  {a.displayName ? <span className="muted"> {a.displayName}</span> : null}
                </th>
                <td>{platformLabel(a.platform)}</td>
                <td>{a.mentions}</td>
                <td>
                  <AnsweredBadge author={a} />
                </td>
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

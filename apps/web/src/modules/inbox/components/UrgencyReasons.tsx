import type { Mention } from '@earshot/contracts';

/** Why the mention scored as it did: each reason with its weight, the level it holds the mention at (a floor), and the words that triggered it. */
export function UrgencyReasons({ urgency }: { urgency: Mention['urgency'] }) {
  if (!urgency) return <p className="muted">This mention has not been scored.</p>;
  if (urgency.reasons.length === 0) return <p className="muted">No particular signal raised or lowered the score.</p>;
  return (
    <ul className="reasons" aria-label="Urgency reasons">
      {urgency.reasons.map((reason) => (
        <li key={reason.code} className="reasons__item">
          <span className="reasons__text">{reason.text}</span>
          <span className={reason.weight >= 0 ? 'reasons__weight' : 'reasons__weight reasons__weight--down'}>
            {reason.weight >= 0 ? '+' : ''}
            {reason.weight}
          </span>
          {reason.floor ? <span className="reasons__floor">Keeps this mention at {reason.floor} or above, whatever the author's reach</span> : null}
          {reason.triggers.length ? <span className="reasons__triggers">Triggered by: {reason.triggers.map((t) => `“${t}”`).join(', ')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

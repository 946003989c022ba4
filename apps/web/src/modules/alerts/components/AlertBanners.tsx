import { Link, useMatch } from 'react-router';
import { useSession } from '../../auth/hooks/useSession';
import { useRealtimeConnection } from '../../../shared/realtime/useRealtimeConnection';
import { Button } from '../../../shared/ui/Button';
import { alertInboxHref, incidentHref } from '../alert-links';
import { alertHeadline, jumpText } from '../alert-text';
import type { AlertEvent } from '../api/alert-schemas';
import { useAlertFeed } from '../hooks/useAlertFeed';
import '../alerts.css';

/** At most this many banners at once; the rest wait behind "N more on the Alerts page". */
const SHOWN = 3;

/**
 * Spike alerts on every page of the dashboard, as they are raised and after a catch-up
 * (see `useAlertFeed`): a banner per alert with the brand, the jump against normal, the
 * surge's top terms and a link to its incident view, until dismissed.
 */
export function AlertBanners() {
  const { user } = useSession();
  const connection = useRealtimeConnection();
  const { banners, dismiss } = useAlertFeed(connection, user.id);
  // On an alert's own incident view its banner would only repeat the page's header.
  const open = useMatch('/alerts/:alertId')?.params.alertId;
  const pending = banners.filter((a) => a.id !== open);
  const shown = pending.slice(0, SHOWN);
  const more = pending.length - shown.length;

  // The live region is always in the page, so a banner added to it is announced.
  return (
    <section className="alert-banners" aria-label="Spike alerts" aria-live="assertive" aria-relevant="additions">
      {shown.map((alert) => (
        <AlertBanner key={alert.id} alert={alert} onDismiss={() => dismiss(alert.id)} />
      ))}
      {more > 0 ? (
        <p className="alert-banners__more">
          <Link to="/alerts">
            {more} more {more === 1 ? 'alert' : 'alerts'} on the Alerts page
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function AlertBanner({ alert, onDismiss }: { alert: AlertEvent; onDismiss(): void }) {
  const cleared = alert.status === 'cleared';
  const headline = alertHeadline(alert, alert.brandName);
  return (
    <div className={`alert-banner${cleared ? ' alert-banner--cleared' : ''}`} data-testid="alert-banner">
      <div className="alert-banner__text">
        <p className="alert-banner__headline">
          {cleared ? <span className="alert-banner__state">Over · </span> : null}
          {headline}
        </p>
        <p className="alert-banner__detail">
          {jumpText(alert)} · <Link to={incidentHref(alert.id)}>Open incident</Link> · <Link to={alertInboxHref(alert)}>Its mentions</Link>
        </p>
      </div>
      <Button size="sm" variant="ghost" className="alert-banner__dismiss" aria-label={`Dismiss: ${headline}`} onClick={onDismiss}>
        ✕
      </Button>
    </div>
  );
}

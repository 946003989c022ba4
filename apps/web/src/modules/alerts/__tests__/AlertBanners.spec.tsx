import { act, screen, waitFor, within } from '@testing-library/react';
import type { AlertEvent } from '@earshot/contracts';
import { buildSession } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { mockApi, type MockApi, type RecordedCall } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { alertList, buildAlert } from './alerts-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
  localStorage.clear();
});

const session = buildSession('agent');

/** A signed-in agent on a page with nothing else to load (not found); `alerts` answers every `GET /api/alerts`. */
function openPage(alerts: (call: RecordedCall) => ReturnType<typeof alertList>) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: session },
    'GET /api/alerts': (call) => ({ status: 200, body: alerts(call) }),
  });
  const socket = new FakeSocket();
  const view = renderApp('/no-such-page', { socket });
  return { ...view, socket };
}

const banners = () => screen.queryAllByTestId('alert-banner');
const settle = () => act(() => new Promise((r) => setTimeout(r, 0)));
/** The `since` and `status` of every catch-up so far. */
const catchUps = () => api!.callsTo('GET /api/alerts').map((c) => `${c.query.get('since') ?? '-'} ${c.query.get('status')}`);

describe('spike alerts on every page', () => {
  it('shows an alert raised live, with the brand, the jump, the top terms and a link to its incident; dismissed, it stays away after a reload', async () => {
    const alert = buildAlert({ seq: 6 });
    const first = openPage(() => alertList([], 5));
    await screen.findByRole('heading', { name: 'Page not found' });
    first.socket.serverConnect();
    await settle();
    expect(banners()).toHaveLength(0);

    first.socket.serverEmit('alert.raised', alert);
    const banner = await screen.findByTestId('alert-banner');
    expect(banner).toHaveTextContent('Spike: Acme complaints about delivery and delays 6.2× normal — delivery, late, refund');
    expect(banner).toHaveTextContent('42 in 15 min against 6.8 expected');
    expect(within(banner).getByRole('link', { name: 'Open incident' })).toHaveAttribute('href', `/alerts/${alert.id}`);
    const inbox = new URL(within(banner).getByRole('link', { name: 'Its mentions' }).getAttribute('href')!, 'http://x');
    expect(inbox.pathname).toBe('/inbox');
    expect(inbox.searchParams.get('status')).toBe('all');
    expect(inbox.searchParams.get('brandId')).toBe(alert.brandId);
    expect(inbox.searchParams.get('postedFrom')).toBe(alert.surgeStart);
    expect(inbox.searchParams.get('category')).toBe('delivery');

    await first.user.click(within(banner).getByRole('button', { name: /^Dismiss/ }));
    expect(banners()).toHaveLength(0);
    first.unmount();

    // Reloaded: the alerts raised now, then a catch-up after the last seq seen (5: the socket event does not move
    // it); both bring the same alert again, which stays dismissed.
    const again = openPage(() => alertList([alert], 6));
    await screen.findByRole('heading', { name: 'Page not found' });
    again.socket.serverConnect();
    await waitFor(() => expect(catchUps()).toEqual(['- raised', '5 all', '6 all']));
    await settle();
    expect(banners()).toHaveLength(0);
  });

  it('keeps a raised alert that was not dismissed after a reload', async () => {
    const alert = buildAlert({ seq: 3 });
    const first = openPage(() => alertList([], 2));
    await screen.findByRole('heading', { name: 'Page not found' });
    first.socket.serverConnect();
    await settle();
    first.socket.serverEmit('alert.raised', alert);
    await screen.findByTestId('alert-banner');
    first.unmount();

    openPage((call) => (call.query.get('since') ? alertList([], 3) : alertList([alert], 3)));
    expect(await screen.findByTestId('alert-banner')).toHaveTextContent('Spike: Acme complaints about delivery and delays 6.2× normal');
    expect(catchUps()).toEqual(['- raised', '2 all']);
  });

  it('catches up after a reconnect: what happened while away shows once, nothing twice, and the next catch-up starts after it', async () => {
    const early = buildAlert({ seq: 3, detectedAt: '2026-12-05T14:04:20.000Z' });
    const missed = buildAlert({
      seq: 4,
      brandName: 'Globex',
      category: null,
      topTerms: [{ term: 'outage', count: 9 }],
      detectedAt: '2026-12-05T15:10:00.000Z',
    });
    const earlyCleared: AlertEvent = { ...early, seq: 5, status: 'cleared', clearedAt: '2026-12-05T15:20:00.000Z' };
    let away = false;
    const view = openPage((call) => {
      const since = call.query.get('since');
      if (since === null) return alertList([early], 3);
      if (!away) return alertList([], 3);
      return Number(since) < 4 ? alertList([earlyCleared, missed], 5) : alertList([], 5);
    });
    await screen.findByTestId('alert-banner');
    view.socket.serverConnect();
    await settle();
    expect(banners()).toHaveLength(1);

    view.socket.serverDrop();
    away = true;
    view.socket.serverConnect();
    await waitFor(() => expect(banners()).toHaveLength(2));
    // The live event for one it already has changes nothing.
    view.socket.serverEmit('alert.raised', missed);
    await settle();
    expect(banners()).toHaveLength(2);
    expect(banners()[0]).toHaveTextContent('Spike: Globex mentions 6.2× normal — outage');
    expect(banners()[1]).toHaveTextContent('Over · Spike: Acme complaints about delivery and delays');

    view.socket.serverDrop();
    view.socket.serverConnect();
    await waitFor(() => expect(catchUps()).toHaveLength(4));
    expect(catchUps()).toEqual(['- raised', '3 all', '3 all', '5 all']);
    await settle();
    expect(banners()).toHaveLength(2);
  });

  it('shows nothing for alerts found in the past (nobody is notified of those)', async () => {
    const old = buildAlert({ seq: 2, historical: true });
    const view = openPage((call) => (call.query.get('since') ? alertList([], 2) : alertList([old], 2)));
    await screen.findByRole('heading', { name: 'Page not found' });
    view.socket.serverConnect();
    await waitFor(() => expect(catchUps()).toEqual(['- raised', '2 all']));
    await settle();
    expect(banners()).toHaveLength(0);
  });

  it('starts afresh when the api counts fewer alert changes than this browser remembers (another database)', async () => {
    localStorage.setItem(`earshot.alerts.v1.${session.user.id}`, JSON.stringify({ cursor: 90, dismissed: [] }));
    const live = buildAlert({ seq: 2 });
    openPage((call) => (call.query.get('since') ? alertList([], 2) : alertList([live], 2)));
    await screen.findByTestId('alert-banner');
    expect(catchUps()).toEqual(['- raised', '90 all', '- raised']);
  });
});

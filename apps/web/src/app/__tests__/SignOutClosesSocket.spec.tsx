import { act, screen } from '@testing-library/react';
import { buildSession } from '../../test/factories';
import { FakeSocket } from '../../test/fake-socket';
import { mockApi, type MockApi, type MockReply } from '../../test/mock-api';
import { renderApp } from '../../test/render-app';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

/** The inbox, signed in, its socket connected; `me` answers the later "who am I" calls. */
async function inboxWithSocket(me: () => MockReply, onLogout: () => void = () => undefined) {
  const session = buildSession('agent');
  let first = true;
  api = mockApi({
    'GET /api/auth/me': () => {
      if (first) {
        first = false;
        return { status: 200, body: session };
      }
      return me();
    },
    'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
    'GET /api/mentions/changes': (call) => ({ status: 200, body: { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
    'GET /api/workspace/members': { status: 200, body: { items: [] } },
    'POST /api/auth/logout': () => {
      onLogout();
      return { status: 204 };
    },
  });
  const socket = new FakeSocket();
  const view = renderApp('/inbox', { socket });
  await screen.findByRole('heading', { name: 'Inbox' });
  expect(socket.active).toBe(true);
  socket.serverConnect();
  await act(() => new Promise((r) => setTimeout(r, 0))); // the catch-up after connecting
  return { ...view, socket };
}

describe('the socket and the end of a session', () => {
  it('closes the socket before asking the server to sign out', async () => {
    let socketOpenAtLogout: boolean | null = null;
    const view = await inboxWithSocket(
      () => ({ status: 200, body: buildSession('agent') }),
      () => (socketOpenAtLogout = view.socket.active || view.socket.connected),
    );
    await view.user.click(screen.getByRole('button', { name: /Account/ }));
    await view.user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(api.callsTo('POST /api/auth/logout')).toHaveLength(1);
    expect(socketOpenAtLogout).toBe(false);
  });

  it('asks for the session when the server closed the socket, and shows the login page when it has ended', async () => {
    const view = await inboxWithSocket(() => ({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Sign in to continue.' } }));
    view.socket.serverClose();
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(await screen.findByText('Your session has ended. Sign in again to continue.')).toBeInTheDocument();
    expect(api.callsTo('GET /api/auth/me')).toHaveLength(2);
  });

  it('does not ask for the session when the socket only dropped (socket.io reconnects by itself)', async () => {
    const view = await inboxWithSocket(() => ({ status: 200, body: buildSession('agent') }));
    view.socket.serverDrop();
    await new Promise((r) => setTimeout(r, 20));
    expect(api.callsTo('GET /api/auth/me')).toHaveLength(1);
    expect(screen.getByRole('heading', { name: 'Inbox' })).toBeInTheDocument();
  });
});

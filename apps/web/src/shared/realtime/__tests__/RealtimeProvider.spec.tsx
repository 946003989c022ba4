import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../../../app/AppRoutes';
import { AuthProvider } from '../../../modules/auth/components/AuthProvider';
import { buildSession } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { mockApi, type MockApi } from '../../../test/mock-api';
import type { InboxSocket } from '../inbox-socket';
import { SocketFactoryContext } from '../socket-factory-context';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

describe('one socket for the signed-in dashboard', () => {
  it('opens one connection that the pages and the alert banner share, kept from page to page', async () => {
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: buildSession('agent') },
      'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
      'GET /api/mentions/changes': (call) => ({ status: 200, body: { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
      'GET /api/workspace/members': { status: 200, body: { items: [] } },
    });
    const sockets: FakeSocket[] = [];
    const factory = () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as InboxSocket;
    };
    const user = userEvent.setup();
    render(
      <SocketFactoryContext value={factory}>
        <MemoryRouter initialEntries={['/inbox']}>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </MemoryRouter>
      </SocketFactoryContext>,
    );
    await screen.findByRole('heading', { name: 'Inbox' });
    sockets[0]!.serverConnect();
    await user.click(screen.getByRole('link', { name: 'Alerts' }));
    await screen.findByRole('heading', { name: 'No spikes so far' });
    await user.click(screen.getByRole('link', { name: 'Inbox' }));
    await screen.findByRole('heading', { name: 'Inbox' });
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.connected).toBe(true);
    expect(sockets[0]!.active).toBe(true);
  });
});

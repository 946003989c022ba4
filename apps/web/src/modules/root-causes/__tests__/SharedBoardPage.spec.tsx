import { screen, waitFor, within } from '@testing-library/react';
import type { SetRootCauseStatusRequest, SharedRootCauseBoard } from '@earshot/contracts';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { addDays } from '../period';
import { buildDetail, buildPeriod, buildRow, TODAY } from './root-causes-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz';

function openShare(routes: MockRoutes) {
  api = mockApi({ 'GET /api/auth/me': apiError(401, 'Unauthorized', 'not signed in'), ...routes });
  return renderApp(`/share/root-causes/${TOKEN}`);
}

function sharedBoard(): SharedRootCauseBoard {
  return {
    workspaceName: 'Acme Support',
    period: buildPeriod(),
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    categories: [buildDetail(buildRow({ category: 'delivery' }))],
  };
}

describe('the owners’ share page', () => {
  it('shows the shared categories without the desk’s navigation, and lets the owner set the status', async () => {
    let board = sharedBoard();
    const view = openShare({
      'GET /api/share/root-causes/:token': () => ({ status: 200, body: board }),
      'PUT /api/share/root-causes/:token/status/:category': (call) => {
        const body = call.body as SetRootCauseStatusRequest;
        const status = {
          status: body.status,
          note: body.note ?? null,
          fixShippedAt: body.fixShippedAt ?? null,
          setBy: { kind: 'share_link' as const, name: 'Logistics', userId: null },
          setAt: new Date().toISOString(),
        };
        board = { ...board, categories: board.categories.map((c) => ({ ...c, status })) };
        return { status: 200, body: status };
      },
    });
    const detail = await screen.findByTestId('root-cause-detail');
    expect(screen.getByRole('heading', { name: 'Root causes shared with you' })).toBeInTheDocument();
    expect(screen.getByText('Acme Support')).toBeInTheDocument();
    expect(within(detail).getByRole('heading', { name: 'Delivery and delays' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    // No way into the inbox: representatives link to the original post only.
    expect(within(detail).queryByRole('link', { name: 'Open in the inbox' })).not.toBeInTheDocument();
    expect(within(detail).getByRole('link', { name: 'View the original post' })).toHaveAttribute('href', 'https://mastodon.social/@casey/1');
    expect(screen.queryByRole('form', { name: 'Owner' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New share link' })).not.toBeInTheDocument();

    const form = within(detail).getByRole('form', { name: 'Set the status' });
    await view.user.click(within(form).getByRole('radio', { name: 'Fix shipped' }));
    await view.user.type(within(form).getByLabelText('Fix shipped on'), addDays(TODAY, -1));
    await view.user.type(within(form).getByLabelText('Note (optional)'), 'New courier since Monday');
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    await waitFor(() => expect(api!.callsTo('GET /api/share/root-causes/:token')).toHaveLength(2));
    expect(api!.callsTo('PUT /api/share/root-causes/:token/status/:category').map((c) => [c.path, c.body])).toEqual([
      [`/api/share/root-causes/${TOKEN}/status/delivery`, { status: 'fix_shipped', note: 'New courier since Monday', fixShippedAt: addDays(TODAY, -1) }],
    ]);
    expect(await within(screen.getByTestId('root-cause-detail')).findByText(/Fix shipped/, { selector: '.badge' })).toBeInTheDocument();
    // Only the share api was asked: nothing else of the desk.
    expect(api!.calls.map((c) => c.path).filter((p) => !p.startsWith('/api/share/') && p !== '/api/auth/me')).toEqual([]);
  });

  it('says plainly when the link has expired or was revoked', async () => {
    openShare({ 'GET /api/share/root-causes/:token': apiError(404, 'Not Found', 'This link has expired or was revoked') });
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeInTheDocument();
    expect(screen.getByText('It has expired or was revoked. Ask the person who sent it to you for a new link.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).not.toBeInTheDocument();
  });

  it('offers Try again when the server fails', async () => {
    let fail = true;
    const view = openShare({
      'GET /api/share/root-causes/:token': () => (fail ? apiError(503, 'Service Unavailable', 'database is down') : { status: 200, body: sharedBoard() }),
    });
    expect(await screen.findByRole('heading', { name: 'The board could not be loaded' })).toBeInTheDocument();
    fail = false;
    await view.user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('root-cause-detail')).toBeInTheDocument();
  });
});

import { useEffect } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import type { Mention } from '@earshot/contracts';
import { AppRoutes } from '../../../app/AppRoutes';
import { AuthProvider } from '../../auth/components/AuthProvider';
import { SocketFactoryContext } from '../../../shared/realtime/socket-factory-context';
import { FakeSocket, fakeSocketFactory } from '../../../test/fake-socket';
import { buildMention, buildMentionDetail, buildSession } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import { mockApi, type MockApi } from '../../../test/mock-api';
import { SEARCH_DEBOUNCE_MS } from '../components/InboxPage';

const BRAND = '5b0c2a7e-1f1e-4c57-9a52-7d2f0b6f3a11';
const DRILL =
  `/inbox?status=all&brandId=${BRAND}&postedFrom=2026-11-12T09:00:00.000Z&postedTo=2026-11-12T10:00:00.000Z` +
  '&category=delivery&sentiment=negative&spam=include';

stubLayout();

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

/** Where the router is: the page's address, as the browser's bar would show it. */
let at = '';
function LocationProbe() {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    at = `${location.pathname}${location.search}`;
  });
  return (
    <button type="button" onClick={() => void navigate(-1)}>
      Browser back
    </button>
  );
}

function openAt(path: string, items: Mention[], total?: number) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession('agent') },
    'GET /api/mentions': (call) => ({
      status: 200,
      body: { items, nextCursor: null, seq: 10, ...(call.query.get('withTotal') === 'true' ? { total: total ?? items.length } : {}) },
    }),
    'GET /api/mentions/changes': (call) => ({ status: 200, body: { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
    'GET /api/mentions/:id': (call) => ({ status: 200, body: buildMentionDetail(items.find((m) => m.id === call.params['id'])!) }),
    'GET /api/workspace/members': { status: 200, body: { items: [] } },
    'GET /api/templates': { status: 200, body: { items: [] } },
    'GET /api/brands': {
      status: 200,
      body: {
        items: [
          {
            id: BRAND,
            name: 'Acme Air',
            kind: 'own',
            handles: [],
            createdAt: '2026-11-01T09:00:00.000Z',
            updatedAt: '2026-11-01T09:00:00.000Z',
          },
        ],
      },
    },
  });
  const user = userEvent.setup();
  const socket = new FakeSocket();
  render(
    <SocketFactoryContext value={fakeSocketFactory(socket)}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <AppRoutes />
          <LocationProbe />
        </AuthProvider>
      </MemoryRouter>
    </SocketFactoryContext>,
  );
  return { user, socket };
}

const lastQuery = () => api.callsTo('GET /api/mentions').at(-1)!.query;

describe('Inbox › filters in the address', () => {
  it('opens a drill-down link filtered to exactly its mentions, shows the link’s filters as chips and the total', async () => {
    const m = buildMention({ postedAt: '2026-11-12T09:30:00.000Z', status: 'resolved', brandId: BRAND });
    openAt(DRILL, [m], 37);
    await screen.findByRole('list', { name: 'Mentions' });
    expect(Object.fromEntries(api.callsTo('GET /api/mentions')[0]!.query)).toEqual({
      status: 'new,open,pending,resolved,ignored',
      sentiment: 'negative',
      postedFrom: '2026-11-12T09:00:00.000Z',
      postedTo: '2026-11-12T10:00:00.000Z',
      brandId: BRAND,
      category: 'delivery',
      spam: 'include',
      sort: 'urgency',
      limit: '100',
      withTotal: 'true',
    });
    expect(api.callsTo('GET /api/mentions')).toHaveLength(1);
    // The bar shows what it has controls for; the chips the rest, in the workspace's zone (Berlin).
    expect(screen.getByLabelText('Status')).toHaveValue('all');
    expect(screen.getByLabelText('Sentiment')).toHaveValue('negative');
    const chips = screen.getByRole('group', { name: 'Filters from the link' });
    await waitFor(() =>
      expect(
        within(chips)
          .getAllByTestId('filter-chip')
          .map((c) => c.firstChild!.textContent),
      ).toEqual(['Posted 12 Nov 2026 10:00–11:00', 'Brand: Acme Air', 'Category: Delivery and delays', 'Spam included']),
    );
    expect(screen.getByTestId('queue-total')).toHaveTextContent('37 mentions');
  });

  it('takes a chip off (a new history entry), keeps the filters when a mention opens and closes, and types into the address in place', async () => {
    const m = buildMention({ postedAt: '2026-11-12T09:30:00.000Z', status: 'resolved', brandId: BRAND });
    const view = openAt(DRILL, [m]);
    await screen.findByRole('list', { name: 'Mentions' });
    await view.user.click(await screen.findByRole('button', { name: 'Remove filter: Spam included' }));
    await waitFor(() => expect(lastQuery().get('spam')).toBeNull());
    expect(at).not.toContain('spam=');
    expect(at).toContain('postedFrom=2026-11-12T09:00:00.000Z');
    await view.user.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitFor(() => expect(lastQuery().get('spam')).toBe('include'));
    await view.user.click(await screen.findByRole('button', { name: 'Remove filter: Spam included' }));
    await waitFor(() => expect(lastQuery().get('spam')).toBeNull());

    const row = (await screen.findAllByTestId('mention-row'))[0]!;
    await view.user.click(row.querySelector('.mention-row__open')!);
    await waitFor(() => expect(at).toContain(`/inbox/${m.id}?status=all&`));
    const calls = api.callsTo('GET /api/mentions').length;
    await view.user.click(await screen.findByRole('button', { name: 'Close mention' }));
    await waitFor(() => expect(at.startsWith('/inbox?status=all&')).toBe(true));
    expect(api.callsTo('GET /api/mentions')).toHaveLength(calls); // same filters: no reload

    await view.user.type(screen.getByLabelText('Search'), 'refund');
    await waitFor(() => expect(lastQuery().get('q')).toBe('refund'), { timeout: SEARCH_DEBOUNCE_MS * 5 });
    expect(at).toContain('q=refund');
    expect(screen.getByLabelText('Search')).toHaveValue('refund');

    await view.user.click(screen.getByRole('button', { name: 'Remove filter: Posted 12 Nov 2026 10:00–11:00' }));
    await waitFor(() => expect(lastQuery().get('postedFrom')).toBeNull());
    expect(lastQuery().get('withTotal')).toBeNull();
    expect(screen.queryByTestId('queue-total')).not.toBeInTheDocument();
  });

  it('follows the address back: a saved view, then back to the link’s filters and search', async () => {
    const view = openAt(`${DRILL}&q=late`, [buildMention()]);
    await screen.findByRole('list', { name: 'Mentions' });
    expect(screen.getByLabelText('Search')).toHaveValue('late');
    await view.user.click(screen.getByRole('button', { name: 'My queue' }));
    await waitFor(() => expect(lastQuery().get('assignee')).toBe('me'));
    expect(at).toBe('/inbox?assignee=me');
    expect(screen.getByLabelText('Search')).toHaveValue('');
    expect(screen.queryByRole('group', { name: 'Filters from the link' })).not.toBeInTheDocument();

    await view.user.click(screen.getByRole('button', { name: 'Browser back' }));
    await waitFor(() => expect(lastQuery().get('postedFrom')).toBe('2026-11-12T09:00:00.000Z'));
    expect(lastQuery().get('q')).toBe('late');
    expect(lastQuery().get('assignee')).toBeNull();
    expect(screen.getByLabelText('Search')).toHaveValue('late');
    expect(await screen.findByRole('group', { name: 'Filters from the link' })).toBeInTheDocument();
  });

  it('says which parts of a link it could not read instead of narrowing the list silently wrong', async () => {
    openAt('/inbox?status=closed&postedFrom=yesterday&sentiment=negative', [buildMention()]);
    await screen.findByRole('list', { name: 'Mentions' });
    expect(screen.getByText(/These filters could not be read: status=closed .*; postedFrom=yesterday/)).toBeInTheDocument();
    expect(lastQuery().get('status')).toBe('new,open,pending');
    expect(lastQuery().get('sentiment')).toBe('negative');
  });
});

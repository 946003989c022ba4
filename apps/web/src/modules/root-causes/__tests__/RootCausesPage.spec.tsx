import { screen, waitFor, within } from '@testing-library/react';
import type { Role } from '@earshot/contracts';
import { buildSession } from '../../../test/factories';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { addDays } from '../period';
import { buildBoard, buildDetail, buildFix, buildRepresentative, buildRow, TODAY } from './root-causes-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

function open(role: Role, routes: MockRoutes, path = '/root-causes') {
  api = mockApi({ 'GET /api/auth/me': { status: 200, body: buildSession(role) }, ...routes });
  return renderApp(path);
}

const fixDay = addDays(TODAY, -9);
const delivery = buildRow({ category: 'delivery', total: 30, change: { absolute: 10, percent: 50 }, reach: 12_400, negativeShare: 0.6 });
const billing = buildRow({
  category: 'billing',
  total: 12,
  previousTotal: 20,
  change: { absolute: -8, percent: -40 },
  owner: null,
  status: {
    status: 'fix_shipped',
    note: 'Refund bug fixed',
    fixShippedAt: fixDay,
    setBy: { kind: 'user', name: 'Pat', userId: null },
    setAt: '2026-12-01T09:00:00.000Z',
  },
});

describe('Root causes board', () => {
  it('shows one card per category in the api’s order with owner, status, change, share, authors, reach and a chart', async () => {
    open('manager', {
      'GET /api/root-causes': { status: 200, body: buildBoard([delivery, billing]) },
      'GET /api/root-causes/:category': { status: 200, body: buildDetail(billing, { fix: buildFix({ fixShippedAt: fixDay }) }) },
      'GET /api/root-causes/share-links': { status: 200, body: { items: [] } },
    });
    const cards = await screen.findAllByTestId('root-cause');
    expect(cards.map((c) => c.getAttribute('data-category'))).toEqual(['delivery', 'billing']);

    const first = cards[0]!;
    expect(within(first).getByRole('link', { name: 'Delivery and delays' })).toHaveAttribute('href', '/root-causes/delivery');
    expect(first).toHaveTextContent('Logistics');
    expect(first).toHaveTextContent('Open');
    expect(first).toHaveTextContent('60 %');
    expect(first).toHaveTextContent('12.4K');
    // More complaints is bad: red, with the direction in words as well.
    const up = first.querySelector('.change')!;
    expect(up).toHaveClass('change--worse');
    expect(up).toHaveTextContent('up +50 %');
    const chart = within(first).getByRole('img', { name: /Complaints a day: Delivery and delays/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(28);
    // The same numbers for screen readers.
    expect(within(first).getByRole('table', { name: 'Complaints a day: Delivery and delays' }).querySelectorAll('tbody tr')).toHaveLength(28);

    const second = cards[1]!;
    expect(second.querySelector('.change')).toHaveClass('change--better');
    expect(second).toHaveTextContent('No owner yet');
    expect(second).toHaveTextContent('Fix shipped');
    // A shipped fix: the verdict from the category's detail, and the fix day on the chart.
    expect(await within(second).findByText(/the fix looks like it worked/)).toBeInTheDocument();
    expect(second).toHaveTextContent('12.1 → 4.4 a day');
    expect(within(second).getByTestId('fix-marker')).toBeInTheDocument();
    // Only the category with a shipped fix is read in detail (the share-links list matches the pattern too).
    expect(api!.callsTo('GET /api/root-causes/:category').map((c) => c.path)).toEqual(['/api/root-causes/billing', '/api/root-causes/share-links']);
  });

  it('asks for the last 28 days by default and for the picked period after', async () => {
    const view = open('viewer', { 'GET /api/root-causes': { status: 200, body: buildBoard([delivery]) } });
    await screen.findAllByTestId('root-cause');
    const first = api!.callsTo('GET /api/root-causes')[0]!;
    expect([first.query.get('from'), first.query.get('to')]).toEqual([addDays(TODAY, -27), TODAY]);

    await view.user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Last 7 days');
    await waitFor(() => expect(api!.callsTo('GET /api/root-causes')).toHaveLength(2));
    const second = api!.callsTo('GET /api/root-causes')[1]!;
    expect([second.query.get('from'), second.query.get('to')]).toEqual([addDays(TODAY, -6), TODAY]);

    await view.user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Custom…');
    const from = screen.getByLabelText('From');
    await view.user.clear(from);
    await view.user.type(from, '2026-11-01');
    const to = screen.getByLabelText('To');
    await view.user.clear(to);
    await view.user.type(to, '2026-11-10');
    await view.user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(api!.callsTo('GET /api/root-causes')).toHaveLength(3));
    const third = api!.callsTo('GET /api/root-causes')[2]!;
    expect([third.query.get('from'), third.query.get('to')]).toEqual(['2026-11-01', '2026-11-10']);
  });

  it('says what to do when the period has no complaints', async () => {
    open('manager', {
      'GET /api/root-causes': { status: 200, body: buildBoard([]) },
      'GET /api/root-causes/share-links': { status: 200, body: { items: [] } },
    });
    expect(await screen.findByRole('heading', { name: 'No complaints in this period' })).toBeInTheDocument();
    expect(screen.getByText(/Pick a longer period/)).toBeInTheDocument();
  });

  it('shows a load error with Try again', async () => {
    let fail = true;
    const view = open('viewer', {
      'GET /api/root-causes': () => (fail ? apiError(503, 'Service Unavailable', 'database is down') : { status: 200, body: buildBoard([delivery]) }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The root causes could not be loaded');
    expect(screen.getByRole('alert')).toHaveTextContent('Database is down.');
    fail = false;
    await view.user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('root-cause')).toHaveLength(1);
  });

  it('gives a viewer the board read-only: no share links, no owners, no status form', async () => {
    const view = open('viewer', {
      'GET /api/root-causes': { status: 200, body: buildBoard([delivery]) },
      'GET /api/root-causes/:category': { status: 200, body: buildDetail(delivery) },
    });
    await screen.findAllByTestId('root-cause');
    expect(screen.getByText('You can read the board; managers and admins set owners and status.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Share with owners' })).not.toBeInTheDocument();
    await view.user.click(screen.getByRole('link', { name: 'Delivery and delays' }));
    const detail = await screen.findByTestId('root-cause-detail');
    // The link that opened it is gone: focus lands on the category's name.
    expect(within(detail).getByRole('heading', { name: 'Delivery and delays' })).toHaveFocus();
    expect(screen.queryByRole('form', { name: 'Set the status' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Owner' })).not.toBeInTheDocument();
    expect(api!.callsTo('GET /api/root-causes/owners')).toHaveLength(0);
    expect(api!.callsTo('GET /api/root-causes/share-links')).toHaveLength(0);
  });

  it('lets agents read the board (they answer these complaints) but not set owners or status', async () => {
    open('agent', { 'GET /api/root-causes': { status: 200, body: buildBoard([delivery]) } });
    await screen.findAllByTestId('root-cause');
    expect(screen.getByText('You can read the board; managers and admins set owners and status.')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Share with owners' })).not.toBeInTheDocument();
    expect(api!.callsTo('GET /api/root-causes/owners')).toHaveLength(0);
  });

  it('renders representative mention texts as text, never as HTML', async () => {
    const hostile = buildRow({ representatives: [buildRepresentative({ text: '<img src=x onerror="alert(1)"><b>bold</b>', url: 'javascript:alert(1)' })] });
    open(
      'viewer',
      {
        'GET /api/root-causes/:category': { status: 200, body: buildDetail(hostile) },
      },
      '/root-causes/delivery',
    );
    const detail = await screen.findByTestId('root-cause-detail');
    expect(within(detail).getByText('<img src=x onerror="alert(1)"><b>bold</b>')).toBeInTheDocument();
    expect(detail.querySelector('img, b')).toBeNull();
    expect(within(detail).getByRole('link', { name: 'Open in the inbox' })).toHaveAttribute('href', `/inbox/${hostile.representatives[0]!.id}`);
  });
});

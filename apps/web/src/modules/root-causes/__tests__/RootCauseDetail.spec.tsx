import { screen, waitFor, within } from '@testing-library/react';
import type { RootCauseDetail, SetRootCauseStatusRequest, ShareLink } from '@earshot/contracts';
import { buildSession, nextId } from '../../../test/factories';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { addDays } from '../period';
import { buildDetail, buildFix, buildRow, TODAY } from './root-causes-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

const owners = {
  items: [{ category: 'delivery', department: 'Logistics', email: 'logistics@example.com', webhookUrl: null, updatedAt: '2026-12-01T09:00:00.000Z' }],
};

/** A manager on the delivery category; the detail answers with `detail` until a status PUT changes it. */
function openDetail(initial: RootCauseDetail, routes: MockRoutes = {}) {
  let detail = initial;
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession('manager') },
    'GET /api/root-causes/owners': { status: 200, body: owners },
    'GET /api/root-causes/share-links': { status: 200, body: { items: [] } },
    'GET /api/templates': { status: 200, body: { items: [] } },
    'PUT /api/root-causes/:category/status': (call) => {
      const body = call.body as SetRootCauseStatusRequest;
      detail = {
        ...detail,
        status: {
          status: body.status,
          note: body.note ?? null,
          fixShippedAt: body.fixShippedAt ?? null,
          setBy: { kind: 'user', name: 'Pat manager', userId: null },
          setAt: new Date().toISOString(),
        },
        history: [
          {
            id: nextId(),
            status: body.status,
            note: body.note ?? null,
            fixShippedAt: body.fixShippedAt ?? null,
            setBy: { kind: 'user', name: 'Pat manager', userId: null },
            setAt: new Date().toISOString(),
          },
          ...detail.history,
        ],
      };
      return { status: 200, body: detail.status };
    },
    ...routes,
    'GET /api/root-causes/:category': () => ({ status: 200, body: detail }),
  });
  return renderApp('/root-causes/delivery');
}

describe('a category’s detail', () => {
  it('shows the representatives with a link to the inbox, the history, and sets investigating with a note', async () => {
    const row = buildRow();
    const view = openDetail(
      buildDetail(row, {
        history: [
          {
            id: nextId(),
            status: 'open',
            note: 'Opened after the spike',
            fixShippedAt: null,
            setBy: { kind: 'share_link', name: 'Logistics', userId: null },
            setAt: '2026-11-30T08:00:00.000Z',
          },
        ],
      }),
    );
    const detail = await screen.findByTestId('root-cause-detail');
    expect(within(detail).getByRole('heading', { name: 'Delivery and delays' })).toBeInTheDocument();
    const reps = within(detail).getByRole('list', { name: 'Representative complaints' });
    expect(reps).toHaveTextContent('My parcel is two weeks late');
    expect(reps).toHaveTextContent('@casey');
    expect(reps).toHaveTextContent('Negative');
    expect(within(reps).getByRole('link', { name: 'Open in the inbox' })).toHaveAttribute('href', `/inbox/${row.representatives[0]!.id}`);
    expect(within(detail).getByRole('list', { name: 'Status history' })).toHaveTextContent('Logistics, through a share link');
    expect(screen.getByRole('link', { name: '← All categories' })).toHaveAttribute('href', '/root-causes');

    const form = screen.getByRole('form', { name: 'Set the status' });
    await view.user.click(within(form).getByRole('radio', { name: 'Investigating' }));
    await view.user.type(within(form).getByLabelText('Note (optional)'), 'Courier contract under review');
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('root-cause-detail')).getByRole('list', { name: 'Status history' })).toHaveTextContent('Investigating'),
    );
    expect(api!.callsTo('PUT /api/root-causes/:category/status').map((c) => c.body)).toEqual([
      { status: 'investigating', note: 'Courier contract under review' },
    ]);
  });

  it('fix shipped needs a day that is not in the future; the api’s answer is shown next to the field', async () => {
    const view = openDetail(buildDetail(), {});
    const form = await screen.findByRole('form', { name: 'Set the status' });
    await view.user.click(within(form).getByRole('radio', { name: 'Fix shipped' }));
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(within(form).getByText('Pick the day the fix went out.')).toBeInTheDocument();

    const day = within(form).getByLabelText('Fix shipped on');
    await view.user.type(day, addDays(TODAY, 2));
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(within(form).getByText('The fix day must not be in the future.')).toBeInTheDocument();
    expect(api!.callsTo('PUT /api/root-causes/:category/status')).toHaveLength(0);

    await view.user.clear(day);
    await view.user.type(day, addDays(TODAY, -3));
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    await waitFor(() => expect(api!.callsTo('PUT /api/root-causes/:category/status')).toHaveLength(1));
    expect(api!.callsTo('PUT /api/root-causes/:category/status')[0]!.body).toEqual({ status: 'fix_shipped', fixShippedAt: addDays(TODAY, -3) });
    // Now the desk can tell the authors.
    expect(await screen.findByRole('form', { name: 'Tell the authors' })).toBeInTheDocument();
  });

  it('shows the api’s refusal of a status', async () => {
    const view = openDetail(buildDetail(), {
      'PUT /api/root-causes/:category/status': apiError(400, 'Bad Request', 'Validation failed', [
        { path: 'fixShippedAt', message: 'must not be in the future' },
      ]),
    });
    const form = await screen.findByRole('form', { name: 'Set the status' });
    await view.user.click(within(form).getByRole('radio', { name: 'Fix shipped' }));
    await view.user.type(within(form).getByLabelText('Fix shipped on'), TODAY);
    await view.user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(await within(form).findByText('Fix shipped on must not be in the future')).toBeInTheDocument();
  });

  it('after a fix: the verdict and numbers, and "Tell the authors" queues replies and shows the counts', async () => {
    const fixDay = addDays(TODAY, -9);
    const row = buildRow({ status: { status: 'fix_shipped', note: 'New courier', fixShippedAt: fixDay, setBy: null, setAt: null } });
    const view = openDetail(buildDetail(row, { fix: buildFix({ fixShippedAt: fixDay }) }), {
      'GET /api/templates': {
        status: 200,
        body: {
          items: [
            {
              id: nextId(),
              brandId: nextId(),
              title: 'Fixed now',
              body: 'Hi, we fixed it. Thanks for telling us.',
              intents: [],
              categories: ['delivery'],
              platform: null,
              language: null,
              shortcut: null,
              createdAt: '2026-11-01T09:00:00.000Z',
              updatedAt: '2026-11-01T09:00:00.000Z',
            },
          ],
        },
      },
      'POST /api/root-causes/:category/notify': {
        status: 200,
        body: {
          authors: 9,
          queued: 6,
          skipped: { not_replyable: 1, already_notified: 2, refused: 0 },
          details: [{ mentionId: nextId(), reason: 'not_replyable', message: 'The source of @dee is disconnected.' }],
        },
      },
    });
    const outcome = await screen.findByTestId('fix-outcome');
    expect(outcome).toHaveTextContent('the fix looks like it worked');
    expect(outcome).toHaveTextContent('7 of 11 who wrote again no longer negative');
    expect(screen.getByTestId('fix-marker')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Tell the authors' });
    const send = within(form).getByRole('button', { name: 'Queue the replies' });
    expect(send).toBeDisabled();
    await view.user.selectOptions(await within(form).findByRole('combobox', { name: 'Template' }), 'Fixed now');
    expect(within(form).getByRole('textbox', { name: 'Message' })).toHaveValue('Hi, we fixed it. Thanks for telling us.');
    await view.user.click(send);
    expect(await within(form).findByText('6 replies queued for 9 authors')).toBeInTheDocument();
    expect(form).toHaveTextContent('Skipped: 1 cannot be answered on their platform, 2 already told.');
    expect(form).toHaveTextContent('The source of @dee is disconnected.');
    const body = api!.callsTo('POST /api/root-causes/:category/notify')[0]!.body as { text: string; templateId: string };
    expect(body.text).toBe('Hi, we fixed it. Thanks for telling us.');
    expect(body.templateId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('edits the owner and shows field errors from the api', async () => {
    let attempts = 0;
    const view = openDetail(buildDetail(), {
      'PUT /api/root-causes/owners/:category': (call) => {
        attempts += 1;
        if (attempts === 1) return apiError(400, 'Bad Request', 'Validation failed', [{ path: 'webhookUrl', message: 'must be an https URL' }]);
        return { status: 200, body: { category: 'delivery', ...(call.body as object), updatedAt: new Date().toISOString() } };
      },
    });
    await view.user.click(await screen.findByRole('button', { name: 'Edit owner' }));
    const form = screen.getByRole('form', { name: 'Owner' });
    const department = within(form).getByRole('textbox', { name: 'Department' });
    await view.user.clear(department);
    await view.user.type(department, 'Shipping');
    await view.user.type(within(form).getByRole('textbox', { name: 'Webhook URL' }), 'ftp://example.com/hook');
    await view.user.click(within(form).getByRole('button', { name: 'Save owner' }));
    expect(await within(form).findByText('Webhook URL must be an https URL')).toBeInTheDocument();
    const webhook = within(form).getByRole('textbox', { name: 'Webhook URL' });
    await view.user.clear(webhook);
    await view.user.type(webhook, 'https://ops.example.com/hook');
    await view.user.click(within(form).getByRole('button', { name: 'Save owner' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Owner' })).not.toBeInTheDocument());
    expect(api!.callsTo('PUT /api/root-causes/owners/:category')[1]!.body).toEqual({
      department: 'Shipping',
      email: 'logistics@example.com',
      webhookUrl: 'https://ops.example.com/hook',
    });
  });

  it('creates a share link shown once with Copy, and revokes one', async () => {
    const created: ShareLink = {
      id: nextId(),
      categories: ['delivery'],
      createdBy: { id: nextId(), name: 'Pat manager' },
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      revokedAt: null,
      active: true,
    };
    let links: ShareLink[] = [];
    const view = openDetail(buildDetail(), {
      'GET /api/root-causes/share-links': () => ({ status: 200, body: { items: links } }),
      'POST /api/root-causes/share-links': () => {
        links = [created];
        return { status: 201, body: { ...created, token: 'tok_abcdefghijklmnopqrstuvwxyz', path: '/share/root-causes/tok_abcdefghijklmnopqrstuvwxyz' } };
      },
      'DELETE /api/root-causes/share-links/:id': () => {
        links = [{ ...created, active: false, revokedAt: new Date().toISOString() }];
        return { status: 204 };
      },
    });
    const form = await screen.findByRole('form', { name: 'New share link' });
    expect(within(form).getByRole('checkbox', { name: 'Delivery and delays' })).toBeChecked();
    await view.user.click(within(form).getByRole('button', { name: 'Create share link' }));
    const link = await screen.findByRole('textbox', { name: 'Share link' });
    expect(link).toHaveValue('http://localhost/share/root-causes/tok_abcdefghijklmnopqrstuvwxyz');
    expect(screen.getByText('Copy the link now: it is shown only this once')).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Copy link' }));
    // user-event stands in for the clipboard.
    expect(await screen.findByText('The link was copied.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('http://localhost/share/root-causes/tok_abcdefghijklmnopqrstuvwxyz');
    expect(api!.callsTo('POST /api/root-causes/share-links')[0]!.body).toEqual({ categories: ['delivery'], expiresInDays: 14 });

    const list = await screen.findByRole('list', { name: 'Share links' });
    await view.user.click(within(list).getByRole('button', { name: 'Revoke…' }));
    await view.user.click(within(list).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Share links' })).getByText(/revoked/)).toBeInTheDocument());
    expect(api!.callsTo('DELETE /api/root-causes/share-links/:id')).toHaveLength(1);
  });

  it('previews the owner digest and sends it now', async () => {
    const view = openDetail(buildDetail(), {
      'POST /api/root-causes/digest/preview': {
        status: 200,
        body: { to: 'logistics@example.com', subject: 'Your week: Delivery', text: 'Delivery: 10 complaints (+25 %)', categories: ['delivery'] },
      },
      'POST /api/root-causes/digest/send': {
        status: 200,
        body: { sent: [], failed: [{ email: 'logistics@example.com', reason: 'SMTP is not configured (EARSHOT_SMTP_URL or EARSHOT_SMTP_HOST)' }] },
      },
    });
    await view.user.click(await screen.findByRole('button', { name: 'Preview the digest' }));
    const preview = await screen.findByRole('region', { name: 'Digest preview' });
    expect(preview).toHaveTextContent('Your week: Delivery');
    expect(preview).toHaveTextContent('Delivery: 10 complaints (+25 %)');
    await view.user.click(screen.getByRole('button', { name: 'Send it now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('SMTP is not configured');
    expect(api!.callsTo('POST /api/root-causes/digest/send')[0]!.body).toEqual({ email: 'logistics@example.com' });
  });
});

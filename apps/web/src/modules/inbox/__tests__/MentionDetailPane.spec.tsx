import { screen, waitFor } from '@testing-library/react';
import { buildMention, buildMentionDetail } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import type { MockApi } from '../../../test/mock-api';
import { checkInboxApiAfterEach, openInbox, waitForRows } from './inbox-test-kit';

stubLayout();

checkInboxApiAfterEach();
let api: MockApi | undefined;

const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const DANA = { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' };

describe('Inbox › detail pane', () => {
  it('opens with r, meets Dana’s claim, takes it over, opens the composer and gives the claim back on close', async () => {
    const m = buildMention({ text: 'Where is my parcel?' });
    let claims = 0;
    const view = openInbox({
      items: [m],
      routes: {
        'POST /api/mentions/:id/claim': (call) => {
          claims += 1;
          return (call.body as { takeOver: boolean }).takeOver
            ? {
                status: 200,
                body: {
                  user: { id: '00000000-0000-4000-8000-0000000000ee', name: 'Me' },
                  claimedAt: inMinutes(0),
                  expiresAt: inMinutes(1.5),
                  reason: 'replying',
                },
              }
            : {
                status: 409,
                body: {
                  statusCode: 409,
                  error: 'Conflict',
                  message: 'Dana is replying to this mention. Take over the claim to reply instead.',
                  code: 'claimed',
                  claimedBy: DANA,
                },
              };
        },
        'DELETE /api/mentions/:id/claim': { status: 204 },
      },
    });
    api = view.api;
    await waitForRows(1);
    view.socket.serverConnect();

    await view.user.keyboard('jr');
    expect(await screen.findByText('Dana is replying')).toBeInTheDocument();
    expect(claims).toBe(1);
    expect(view.socket.emittedOf('presence.viewing')).toContainEqual({ mentionId: m.id });

    await view.user.click(screen.getByRole('button', { name: 'Take over' }));
    const composer = await screen.findByRole('textbox', { name: 'Reply' });
    expect(composer).toHaveFocus();
    expect(api.callsTo('POST /api/mentions/:id/claim').map((c) => c.body)).toEqual([{ takeOver: false }, { takeOver: true }]);

    await view.user.click(screen.getByRole('button', { name: 'Close mention' }));
    await waitFor(() => expect(api!.callsTo('DELETE /api/mentions/:id/claim')).toHaveLength(1));
    expect(view.socket.emittedOf('presence.viewing').at(-1)).toEqual({ mentionId: null });
  });

  it('shows the reasons, thread, author history, notes and who else is viewing; adds a note; changes status', async () => {
    const m = buildMention({
      text: 'Still waiting',
      urgency: { score: 80, level: 'high', reasons: [{ code: 'wait', weight: 25, text: 'Waiting a long time', triggers: ['still waiting'] }] },
      tags: ['vip', 'refund'],
    });
    const detail = buildMentionDetail(m, {
      thread: { parent: buildMention({ text: 'We shipped it yesterday' }), replies: [buildMention({ text: 'Thanks, checking' })] },
      authorHistory: { total: 3, open: 2, earlier: [buildMention({ text: 'Order 1 is late', status: 'resolved' })], teamReplies: [] },
      notes: [{ id: '00000000-0000-4000-8000-00000000b0b0', mentionId: m.id, author: DANA, body: 'Called the courier', createdAt: inMinutes(-3) }],
    });
    const view = openInbox({
      items: [m],
      path: `/inbox/${m.id}`,
      routes: {
        'GET /api/mentions/:id': { status: 200, body: detail },
        'POST /api/mentions/:id/notes': (call) => ({
          status: 201,
          body: {
            id: '00000000-0000-4000-8000-00000000b0b1',
            mentionId: m.id,
            author: { id: '00000000-0000-4000-8000-00000000b0b2', name: 'Pat agent' },
            body: (call.body as { body: string }).body,
            createdAt: inMinutes(0),
          },
        }),
        'PATCH /api/mentions/:id': (call) => ({ status: 200, body: { ...m, seq: 99, ...(call.body as object) } }),
      },
    });
    api = view.api;
    await waitForRows(1);
    view.socket.serverConnect();
    view.socket.serverEmit('presence.changed', { users: [{ user: DANA, role: 'agent', viewing: m.id }] });

    expect(await screen.findByText('Waiting a long time')).toBeInTheDocument();
    expect(screen.getByText('+25')).toBeInTheDocument();
    expect(screen.getByText('Triggered by: “still waiting”')).toBeInTheDocument();
    expect(screen.getByText('We shipped it yesterday')).toBeInTheDocument();
    expect(screen.getByText('Thanks, checking')).toBeInTheDocument();
    expect(screen.getByText('Order 1 is late')).toBeInTheDocument();
    expect(screen.getByText('3 mentions stored · 2 still open')).toBeInTheDocument();
    expect(screen.getByText('Called the courier')).toBeInTheDocument();
    expect(screen.getByText('vip, refund', { selector: 'dd' })).toBeInTheDocument();
    expect(screen.getByText('Dana is also viewing')).toBeInTheDocument();

    await view.user.type(screen.getByLabelText('Add a note'), 'Refund approved');
    await view.user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Refund approved', { selector: '.notes__body' })).toBeInTheDocument();
    expect(screen.getByLabelText('Add a note')).toHaveValue('');

    await view.user.click(screen.getByRole('button', { name: 'Pending' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Pending' })).toBeDisabled());
    expect(api.callsTo('PATCH /api/mentions/:id')[0]!.body).toEqual({ status: 'pending' });
    await view.user.click(screen.getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(api!.callsTo('PATCH /api/mentions/:id')).toHaveLength(2));
    expect(api.callsTo('PATCH /api/mentions/:id')[1]!.body).toEqual({ assigneeId: view.session.user.id });
  });
});

describe('Inbox › assigning', () => {
  it('lets an agent hand the open mention to a teammate; a trainee can only take it', async () => {
    const m = buildMention({ text: 'Can someone call me back?' });
    const view = openInbox({
      items: [m],
      path: `/inbox/${m.id}`,
      routes: {
        'PATCH /api/mentions/:id': (call) => ({
          status: 200,
          body: { ...m, seq: m.seq + 1, assignee: { id: (call.body as { assigneeId: string }).assigneeId, name: 'Dana' } },
        }),
      },
    });
    api = view.api;
    const select = await screen.findByLabelText('Assign to');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Dana' })).toBeInTheDocument());
    await view.user.selectOptions(select, DANA.id);
    await waitFor(() => expect(api!.callsTo('PATCH /api/mentions/:id')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/mentions/:id')[0]!.body).toEqual({ assigneeId: DANA.id });
    api.restore();
    view.unmount();

    const trainee = openInbox({ role: 'trainee', items: [m], path: `/inbox/${m.id}` });
    api = trainee.api;
    await screen.findByRole('button', { name: 'Assign to me' });
    expect(screen.queryByLabelText('Assign to')).toBeNull();
    expect(api.callsTo('GET /api/workspace/members')).toHaveLength(0);
  });
});

describe('Inbox › reply shortcut', () => {
  it('r on the mention that is already open claims it', async () => {
    const m = buildMention({ text: 'Is anyone there?' });
    const view = openInbox({
      items: [m],
      routes: {
        'POST /api/mentions/:id/claim': {
          status: 200,
          body: { user: { id: '00000000-0000-4000-8000-0000000000ee', name: 'Me' }, claimedAt: inMinutes(0), expiresAt: inMinutes(1.5), reason: 'replying' },
        },
        'DELETE /api/mentions/:id/claim': { status: 204 },
      },
    });
    api = view.api;
    await waitForRows(1);
    await view.user.keyboard('j{Enter}');
    await screen.findByRole('button', { name: 'Reply' });
    expect(api.callsTo('POST /api/mentions/:id/claim')).toHaveLength(0);
    await view.user.keyboard('r');
    await screen.findByRole('textbox', { name: 'Reply' });
    expect(api.callsTo('POST /api/mentions/:id/claim')).toHaveLength(1);
  });
});

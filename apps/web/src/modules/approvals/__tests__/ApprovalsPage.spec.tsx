import { act, screen, waitFor, within } from '@testing-library/react';
import type { Reply } from '@earshot/contracts';
import { buildMention, buildMentionDetail, buildSession } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { stubLayout } from '../../../test/layout-stub';
import { mockApi, type MockApi } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { buildReply } from '../../inbox/__tests__/reply-test-kit';

stubLayout();
let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

const mention = buildMention({
  text: '<b>Refund me now</b> or I call my lawyer',
  author: { handle: 'casey' },
  urgency: { score: 95, level: 'critical', reasons: [] },
});
const pending = (text: string, overrides: Partial<Reply> = {}) =>
  buildReply(mention, {
    text,
    status: 'pending_approval',
    author: { id: '00000000-0000-4000-8000-0000000000d1', name: 'Tia Trainee' },
    approval: { required: true, reasons: ['trainee', 'promise'], decidedBy: null, decidedAt: null, comment: null },
    lint: {
      findings: [
        {
          ruleId: 'promise_needs_approval',
          severity: 'warn',
          message: '“refund” is a promise only a manager may make',
          span: { start: 0, end: 6 },
          fix: null,
          requiresApproval: true,
        },
      ],
      length: { used: 30, max: 500, unit: 'graphemes' },
      blocked: false,
      requiresApproval: true,
    },
    ...overrides,
  });

function openApprovals(items: Reply[], extra: Parameters<typeof mockApi>[0] = {}) {
  let list = items;
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession('manager') },
    'GET /api/replies': (call) => {
      expect(call.query.get('status')).toBe('pending_approval');
      return { status: 200, body: { items: list } };
    },
    'GET /api/mentions/:id': { status: 200, body: buildMentionDetail(mention) },
    ...extra,
  });
  const socket = new FakeSocket();
  const view = renderApp('/approvals', { socket });
  return { ...view, socket, setList: (next: Reply[]) => (list = next) };
}

describe('Approvals', () => {
  it('lists each waiting reply with its mention as text, why it waits and the findings; approves one', async () => {
    const a = pending('Refund coming, Casey');
    const view = openApprovals([a], { 'POST /api/replies/:id/approve': { status: 200, body: { ...a, status: 'queued' } } });
    const card = await screen.findByTestId('approval');
    expect(within(card).getByText('<b>Refund me now</b> or I call my lawyer')).toBeInTheDocument();
    expect(card.querySelector('b')).toBeNull();
    expect(card).toHaveTextContent('@casey');
    expect(card).toHaveTextContent('Critical');
    expect(card).toHaveTextContent('trainees’ replies are always checked');
    expect(within(card).getByRole('list', { name: 'Linter findings' })).toHaveTextContent('“refund” is a promise');
    expect(screen.getByText('1 reply waits for a manager.')).toBeInTheDocument();

    await view.user.click(within(card).getByRole('button', { name: 'Approve and send' }));
    await waitFor(() => expect(screen.queryByTestId('approval')).not.toBeInTheDocument());
    expect(api!.callsTo('POST /api/replies/:id/approve')).toHaveLength(1);
    expect(screen.getByText('Nothing to approve')).toBeInTheDocument();
  });

  it('a rejection needs a comment, which goes to the api', async () => {
    const a = pending('Refund coming, Casey');
    const view = openApprovals([a], {
      'POST /api/replies/:id/reject': (call) => ({
        status: 200,
        body: { ...a, status: 'rejected', approval: { ...a.approval, comment: (call.body as { comment: string }).comment } },
      }),
    });
    const card = await screen.findByTestId('approval');
    await view.user.click(within(card).getByRole('button', { name: 'Reject…' }));
    const confirm = within(card).getByRole('button', { name: 'Reject with comment' });
    expect(confirm).toBeDisabled();
    await view.user.type(within(card).getByRole('textbox', { name: 'What should the agent change?' }), 'Offer a DM instead of a refund');
    await view.user.click(confirm);
    await waitFor(() => expect(screen.queryByTestId('approval')).not.toBeInTheDocument());
    expect(api!.callsTo('POST /api/replies/:id/reject').map((c) => c.body)).toEqual([{ comment: 'Offer a DM instead of a refund' }]);
  });

  it('updates live: a reply another manager decided leaves, a new one arrives; a reconnect catches up', async () => {
    const a = pending('First');
    const view = openApprovals([a]);
    await screen.findByTestId('approval');
    view.socket.serverConnect();

    const b = pending('Second');
    act(() => view.socket.serverEmit('reply.updated', { seq: 20, mention, reply: b }));
    await waitFor(() => expect(screen.getAllByTestId('approval')).toHaveLength(2));
    act(() =>
      view.socket.serverEmit('reply.updated', { seq: 21, mention, reply: { ...a, status: 'queued', updatedAt: new Date(Date.now() + 1000).toISOString() } }),
    );
    await waitFor(() => expect(screen.getAllByTestId('approval')).toHaveLength(1));
    expect(screen.getByTestId('approval')).toHaveTextContent('Second');

    // Away for a while: b was decided, c arrived; the reconnect reads the list again.
    const c = pending('Third');
    view.setList([c]);
    act(() => view.socket.serverDrop());
    act(() => view.socket.serverConnect());
    await waitFor(() => expect(screen.getByTestId('approval')).toHaveTextContent('Third'));
    expect(screen.getAllByTestId('approval')).toHaveLength(1);
  });

  it('agents do not see the approval queue', async () => {
    api = mockApi({ 'GET /api/auth/me': { status: 200, body: buildSession('agent') } });
    renderApp('/approvals');
    expect(await screen.findByRole('heading', { name: /access|not allowed|permission/i })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Approvals/ })).not.toBeInTheDocument();
  });
});

import { jest } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import { buildMention, buildMentionDetail } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import type { MockApi } from '../../../test/mock-api';
import { SEARCH_DEBOUNCE_MS } from '../components/InboxPage';
import { checkInboxApiAfterEach, mentionsList, openInbox, rowIds, rowOf, rows, waitForRows } from './inbox-test-kit';

stubLayout();

checkInboxApiAfterEach();
let api: MockApi | undefined;

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

describe('Inbox › queue', () => {
  it('shows each mention with urgency and its reasons, sentiment, platform, author and reach, time, status, claim and SLA', async () => {
    const breached = buildMention({
      text: 'Refund still missing after 3 weeks',
      author: { handle: 'casey', followers: 12_400 },
      urgency: {
        score: 91,
        level: 'critical',
        reasons: [
          { code: 'money', weight: 40, text: 'Mentions a missing refund', triggers: ['refund'] },
          { code: 'wait', weight: 20, text: 'Long wait', triggers: ['3 weeks'] },
        ],
      },
      sla: { dueAt: minutes(-5), breachedAt: minutes(-5), firstResponseAt: null, resolvedAt: null },
      claim: { user: { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' }, claimedAt: minutes(0), expiresAt: minutes(1), reason: 'replying' },
    });
    const calm = buildMention({
      text: 'Love the new app',
      platform: 'bluesky',
      author: { handle: 'sam.bsky.social', followers: 950 },
      sentiment: { score: 0.8, label: 'positive', confidence: 0.9 },
      urgency: { score: 12, level: 'low', reasons: [] },
      status: 'open',
      sla: { dueAt: minutes(120), breachedAt: null, firstResponseAt: null, resolvedAt: null },
    });
    ({ api } = openInbox({ items: [breached, calm] }));

    await mentionsList();
    await waitForRows(2);
    const first = rowOf(breached.id);
    expect(first).toHaveTextContent('Refund still missing after 3 weeks');
    expect(first).toHaveTextContent('Critical 91');
    expect(within(first).getByTestId('urgency-badge')).toHaveAttribute('title', 'Why: Mentions a missing refund; Long wait');
    expect(first).toHaveTextContent('Negative');
    expect(first).toHaveTextContent('Mastodon');
    expect(first).toHaveTextContent('@casey · 12.4K followers');
    expect(first).toHaveTextContent('just now');
    expect(first).toHaveTextContent('Dana is replying');
    expect(first).toHaveTextContent('SLA breached');
    expect(first).toHaveTextContent('New');
    expect(first).toHaveTextContent('Unassigned');

    const second = rowOf(calm.id);
    expect(second).toHaveTextContent('Bluesky');
    expect(second).toHaveTextContent('950 followers');
    expect(second).toHaveTextContent('Positive');
    expect(second).toHaveTextContent('Due in 2 h');
    expect(rowIds()).toEqual([breached.id, calm.id]);
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Connecting…');
  });

  it('sends the filters, saved views and (after a pause) the search as the query of GET /api/mentions', async () => {
    const view = openInbox({ items: [buildMention()] });
    api = view.api;
    await waitForRows(1);
    const first = api.callsTo('GET /api/mentions')[0]!;
    expect(first.query.get('status')).toBe('new,open,pending');
    expect(first.query.get('sort')).toBe('urgency');

    await view.user.selectOptions(screen.getByLabelText('Urgency'), 'critical');
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('urgency')).toBe('critical'));
    await view.user.selectOptions(screen.getByLabelText('Sort'), 'sla');
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('sort')).toBe('sla'));

    await view.user.click(screen.getByRole('button', { name: 'My queue' }));
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('assignee')).toBe('me'));
    expect(api.callsTo('GET /api/mentions').at(-1)!.query.get('urgency')).toBeNull();
    expect(screen.getByRole('button', { name: 'My queue' })).toHaveAttribute('aria-pressed', 'true');

    await view.user.click(screen.getByRole('button', { name: 'Unassigned critical' }));
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('unassigned')).toBe('true'));
    expect(api.callsTo('GET /api/mentions').at(-1)!.query.get('urgency')).toBe('critical');

    await view.user.click(screen.getByRole('button', { name: 'Negative, last 24 h' }));
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('sentiment')).toBe('negative'));
    const from = Date.parse(api.callsTo('GET /api/mentions').at(-1)!.query.get('from')!);
    expect(Math.abs(Date.now() - 24 * 3_600_000 - from)).toBeLessThan(60_000);

    const before = api.callsTo('GET /api/mentions').length;
    await view.user.type(screen.getByLabelText('Search'), 'refund');
    expect(api.callsTo('GET /api/mentions')).toHaveLength(before);
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').at(-1)!.query.get('q')).toBe('refund'), { timeout: SEARCH_DEBOUNCE_MS * 5 });
    expect(api.callsTo('GET /api/mentions').length).toBe(before + 1);
  });

  it('puts a pushed mention into the "N new" pill instead of on top, and inserts it when the pill is clicked', async () => {
    const reading = buildMention({ text: 'I am being read', urgency: { score: 40, level: 'medium', reasons: [] } });
    const view = openInbox({ items: [reading], seq: 10 });
    api = view.api;
    await waitForRows(1);
    view.socket.serverConnect();
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Live');

    const pushed = buildMention({ text: 'Fresh and urgent', seq: 11, urgency: { score: 95, level: 'critical', reasons: [] } });
    await waitFor(() => expect(api!.callsTo('GET /api/mentions/changes')).toHaveLength(1));
    view.socket.serverEmit('mention.created', { seq: 11, mention: pushed });

    expect(await screen.findByRole('button', { name: '1 new' })).toBeInTheDocument();
    expect(rowIds()).toEqual([reading.id]);

    // Not matching the view (resolved) never reaches the pill.
    view.socket.serverEmit('mention.created', { seq: 12, mention: buildMention({ seq: 12, status: 'resolved' }) });
    expect(screen.getByRole('button', { name: '1 new' })).toBeInTheDocument();
    // A malformed payload is dropped (and reported).
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    view.socket.serverEmit('mention.created', { seq: 13, mention: { id: 'not-a-mention' } });
    expect(screen.getByRole('button', { name: '1 new' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith('Ignored a malformed "mention.created" event', expect.anything());
    warn.mockRestore();

    await view.user.click(screen.getByRole('button', { name: '1 new' }));
    expect(rowIds()).toEqual([pushed.id, reading.id]);
    expect(screen.queryByTestId('new-mentions-pill')).not.toBeInTheDocument();
  });

  it('replaces updated mentions in place and drops those that no longer match the view', async () => {
    const a = buildMention({ text: 'First', seq: 3 });
    const b = buildMention({ text: 'Second', seq: 4 });
    const view = openInbox({ items: [a, b] });
    api = view.api;
    await waitForRows(2);

    view.socket.serverEmit('mention.claimed', {
      seq: 11,
      mention: {
        ...b,
        seq: 11,
        claim: { user: { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' }, claimedAt: minutes(0), expiresAt: minutes(1), reason: 'replying' },
      },
      by: { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' },
      takenOverFrom: null,
    });
    expect(rowOf(b.id)).toHaveTextContent('Dana is replying');
    expect(rowIds()).toEqual([a.id, b.id]);

    view.socket.serverEmit('mention.updated', { seq: 12, mention: { ...a, seq: 12, status: 'resolved' } });
    expect(rowIds()).toEqual([b.id]);
    // An older event about it changes nothing.
    view.socket.serverEmit('mention.updated', { seq: 5, mention: { ...a, seq: 5, status: 'open' } });
    expect(rowIds()).toEqual([b.id]);
    expect(screen.queryByTestId('new-mentions-pill')).not.toBeInTheDocument();
  });

  it('catches up after every reconnect from the last sequence, in batches, and never lists a mention twice', async () => {
    const a = buildMention({ text: 'Already here', seq: 8 });
    const changes = [
      { items: [{ ...a, seq: 11, text: 'Already here, edited' }, buildMention({ seq: 12, text: 'Missed one' })], seq: 12, hasMore: true },
      { items: [{ ...a, seq: 11, text: 'Already here, edited' }], seq: 13, hasMore: false },
    ];
    const missed = changes[0]!.items[1]!;
    const view = openInbox({
      items: [a],
      seq: 10,
      routes: {
        'GET /api/mentions/changes': (call) => ({ status: 200, body: changes.shift() ?? { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
      },
    });
    api = view.api;
    await waitForRows(1);

    view.socket.serverConnect();
    await waitFor(() => expect(api!.callsTo('GET /api/mentions/changes')).toHaveLength(2));
    expect(api.callsTo('GET /api/mentions/changes').map((c) => c.query.get('since'))).toEqual(['10', '12']);
    expect(await screen.findByRole('button', { name: '1 new' })).toBeInTheDocument();
    expect(rowOf(a.id)).toHaveTextContent('Already here, edited');

    // The same mention again over the socket, then a drop and a reconnect that brings it a third time.
    view.socket.serverEmit('mention.created', { seq: 12, mention: missed });
    view.socket.serverDrop();
    expect(screen.getByTestId('connection-status')).toHaveTextContent('Reconnecting…');
    changes.push({ items: [missed, { ...a, seq: 11, text: 'Already here, edited' }], seq: 14, hasMore: false });
    view.socket.serverConnect();
    await waitFor(() => expect(api!.callsTo('GET /api/mentions/changes')).toHaveLength(3));
    expect(api.callsTo('GET /api/mentions/changes')[2]!.query.get('since')).toBe('13');

    await view.user.click(await screen.findByRole('button', { name: '1 new' }));
    expect(rowIds().sort()).toEqual([a.id, missed.id].sort());
    expect(new Set(rowIds()).size).toBe(rows().length);
  });
});

describe('Inbox › keyboard', () => {
  it('moves with j/k, resolves with e, and ignores keys typed into the search box', async () => {
    const a = buildMention({ text: 'First' });
    const b = buildMention({ text: 'Second' });
    const view = openInbox({
      items: [a, b],
      routes: { 'PATCH /api/mentions/:id': (call) => ({ status: 200, body: { ...(call.params['id'] === a.id ? a : b), seq: 50, status: 'resolved' } }) },
    });
    api = view.api;
    await waitForRows(2);

    await view.user.keyboard('j');
    expect(rowOf(a.id)).toHaveAttribute('aria-current', 'true');
    await view.user.keyboard('j');
    expect(rowOf(b.id)).toHaveAttribute('aria-current', 'true');
    await view.user.keyboard('k');
    expect(rowOf(a.id)).toHaveAttribute('aria-current', 'true');
    expect(rowOf(b.id)).not.toHaveAttribute('aria-current');

    await view.user.type(screen.getByLabelText('Search'), 'jjke');
    expect(rowOf(a.id)).toHaveAttribute('aria-current', 'true');
    expect(api.callsTo('PATCH /api/mentions/:id')).toHaveLength(0);

    await act(async () => (document.activeElement as HTMLElement).blur());
    await view.user.keyboard('e');
    await waitFor(() => expect(api!.callsTo('PATCH /api/mentions/:id')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/mentions/:id')[0]).toMatchObject({ path: `/api/mentions/${a.id}`, body: { status: 'resolved' } });
    await waitFor(() => expect(rowIds()).toEqual([b.id]));
  });

  it('shows the shortcuts on "?" and closes the help with Escape', async () => {
    const view = openInbox({ items: [buildMention()] });
    api = view.api;
    await waitForRows(1);
    await view.user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('Assign to me');
    expect(dialog).toHaveTextContent('Reply (opens the mention and claims it)');
    await view.user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('selects with x and resolves the selection in bulk', async () => {
    const a = buildMention();
    const b = buildMention();
    const view = openInbox({
      items: [a, b],
      routes: {
        'POST /api/mentions/bulk': {
          status: 200,
          body: {
            updated: 2,
            items: [
              { ...a, seq: 60, status: 'resolved' },
              { ...b, seq: 61, status: 'resolved' },
            ],
          },
        },
      },
    });
    api = view.api;
    await waitForRows(2);
    await view.user.keyboard('jxjx');
    expect(screen.getByText('2 mentions selected')).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Resolve selected' }));
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(api.callsTo('POST /api/mentions/bulk')[0]!.body).toEqual({ ids: [a.id, b.id], changes: { status: 'resolved' } });
  });
});

describe('Inbox › roles and hostile content', () => {
  it('gives viewers everything to read but no action buttons, and turns changing shortcuts into a hint', async () => {
    const m = buildMention();
    const view = openInbox({ role: 'viewer', items: [m], path: `/inbox/${m.id}` });
    api = view.api;
    await waitForRows(1);
    expect(await screen.findByTestId('mention-text')).toHaveTextContent(m.text);

    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    for (const name of ['Resolve', 'Open', 'Pending', 'Ignore', 'Assign to me', 'Reply', 'Take over']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('textbox', { name: 'Add a note' })).not.toBeInTheDocument();

    await view.user.keyboard('je');
    expect(screen.getByText('Viewers can read the inbox but not change it.')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/mentions/:id')).toHaveLength(0);
  });

  it('renders hostile text, names and notes as text and links only http(s) URLs', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const m = buildMention({
      text: xss,
      url: 'javascript:alert(1)',
      author: { handle: '<script>alert(2)</script>', displayName: '<b onmouseover=alert(3)>Casey</b>', avatarUrl: 'javascript:alert(4)' },
    });
    const detail = buildMentionDetail(m, {
      thread: { parent: buildMention({ text: '<svg onload=alert(5)>' }), replies: [] },
      authorHistory: { total: 2, open: 1, earlier: [buildMention({ text: '<iframe src=javascript:alert(6)>' })], teamReplies: [] },
      notes: [
        {
          id: '00000000-0000-4000-8000-00000000a0a0',
          mentionId: m.id,
          author: { id: '00000000-0000-4000-8000-00000000a0a1', name: '<i>Lee</i>' },
          body: '<script>alert(7)</script>',
          createdAt: minutes(-1),
        },
      ],
    });
    const view = openInbox({ items: [m], path: `/inbox/${m.id}`, routes: { 'GET /api/mentions/:id': { status: 200, body: detail } } });
    api = view.api;
    await waitForRows(1);

    expect(rowOf(m.id)).toHaveTextContent(xss);
    expect(await screen.findByTestId('mention-text')).toHaveTextContent(xss);
    expect(screen.getByText('<svg onload=alert(5)>')).toBeInTheDocument();
    expect(screen.getByText('<iframe src=javascript:alert(6)>')).toBeInTheDocument();
    expect(screen.getByText('<script>alert(7)</script>')).toBeInTheDocument();
    expect(screen.getByText('<b onmouseover=alert(3)>Casey</b>')).toBeInTheDocument();
    expect(document.querySelector('img, script, svg[onload], iframe, b[onmouseover]')).toBeNull();
    expect(screen.queryByRole('link', { name: 'View the original post' })).not.toBeInTheDocument();
    for (const link of screen.queryAllByRole('link')) expect(link.getAttribute('href')).not.toMatch(/^javascript:/i);
  });

  it('links the original post when its URL is http(s), in a new tab without an opener', async () => {
    const m = buildMention({ url: 'https://mastodon.social/@casey/1', author: { avatarUrl: 'https://files.example/a.png' } });
    const view = openInbox({ items: [m], path: `/inbox/${m.id}` });
    api = view.api;
    const link = await screen.findByRole('link', { name: 'View the original post' });
    expect(link).toHaveAttribute('href', 'https://mastodon.social/@casey/1');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
    expect(document.querySelector('img.author__avatar')).toHaveAttribute('src', 'https://files.example/a.png');
  });
});

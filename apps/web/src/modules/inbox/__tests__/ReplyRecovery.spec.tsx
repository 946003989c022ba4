import { act, screen, waitFor, within } from '@testing-library/react';
import type { Mention, Reply, Role } from '@earshot/contracts';
import { buildMention, buildMentionDetail, buildSession } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import type { MockRoutes } from '../../../test/mock-api';
import { checkInboxApiAfterEach, DANA_ID, openInbox, waitForRows } from './inbox-test-kit';
import { BRAND_ID, buildReply } from './reply-test-kit';

stubLayout();
checkInboxApiAfterEach();

const ME = '00000000-0000-4000-8000-00000000a9e7';
const DANA = { id: DANA_ID, name: 'Dana' };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const mention = (overrides: Partial<Mention> = {}) =>
  buildMention({ text: 'My order never arrived', brandId: BRAND_ID, platform: 'x', author: { handle: 'casey', displayName: 'Casey' }, ...overrides });

/** Opens the mention with these replies, signed in as `role` (user id ME). */
async function openWithReplies(m: Mention, replies: Reply[], options: { role?: Role; routes?: MockRoutes } = {}) {
  const view = openInbox({
    role: options.role ?? 'agent',
    items: [m],
    path: `/inbox/${m.id}`,
    routes: {
      'GET /api/auth/me': { status: 200, body: buildSession(options.role ?? 'agent', { id: ME }) },
      'GET /api/mentions/:id': { status: 200, body: buildMentionDetail(m, { replies }) },
      ...options.routes,
    },
  });
  await waitForRows(1);
  view.socket.serverConnect();
  await screen.findAllByTestId('our-reply');
  return view;
}

function ourReply(text: string): HTMLElement {
  const li = screen.getAllByTestId('our-reply').find((el) => within(el).queryByText(text));
  if (!li) throw new Error(`no reply "${text}"`);
  return li;
}

const buttonsOf = (li: HTMLElement) =>
  within(li)
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('Inbox › a way out of failed and unconfirmed replies', () => {
  it('offers Retry only when a retry can help, with plain help per case, and Dismiss on every failed or unknown reply', async () => {
    const m = mention();
    const mine = { author: { id: ME, name: 'Pat agent' } };
    const replies = [
      buildReply(m, { ...mine, text: 'transient', status: 'failed', failure: 'transient', lastError: 'Rate-limited by x; Earshot stopped after 8 attempts.' }),
      buildReply(m, { ...mine, text: 'source', status: 'failed', failure: 'source' }),
      buildReply(m, { ...mine, text: 'rejected', status: 'failed', failure: 'rejected' }),
      buildReply(m, { ...mine, text: 'gone', status: 'failed', failure: 'gone' }),
      buildReply(m, { ...mine, text: 'unknown stopped', status: 'unknown', failure: 'transient', nextAttemptAt: null }),
      buildReply(m, { ...mine, text: 'unknown checking', status: 'unknown', failure: 'transient', nextAttemptAt: new Date(Date.now() + 60_000).toISOString() }),
      buildReply(m, { ...mine, text: 'mastodon late', platform: 'mastodon', status: 'unknown', failure: 'transient', createdAt: minutesAgo(90) }),
      buildReply(m, { ...mine, text: 'mastodon fresh', platform: 'mastodon', status: 'unknown', failure: 'transient', createdAt: minutesAgo(20) }),
      // Created long ago but approved 10 minutes ago: the first attempt came after the approval, inside the hour.
      buildReply(m, {
        ...mine,
        text: 'mastodon approved late',
        platform: 'mastodon',
        status: 'unknown',
        failure: 'transient',
        createdAt: minutesAgo(300),
        approval: { required: true, reasons: ['trainee'], decidedBy: DANA, decidedAt: minutesAgo(10), comment: null },
      }),
      buildReply(m, { ...mine, text: 'sent', status: 'sent', externalUrl: 'https://x.com/acme/status/1' }),
      buildReply(m, { ...mine, text: 'queued', status: 'queued' }),
    ];
    await openWithReplies(m, replies);

    expect(buttonsOf(ourReply('transient'))).toEqual(['Retry', 'Dismiss']);
    expect(ourReply('transient')).toHaveTextContent('Retry sends it again; it cannot be posted twice.');
    expect(ourReply('transient')).toHaveTextContent('What happened: Rate-limited by x; Earshot stopped after 8 attempts.');

    expect(buttonsOf(ourReply('source'))).toEqual(['Retry', 'Dismiss']);
    expect(ourReply('source')).toHaveTextContent('An admin must reconnect the X source in Settings › Sources; then retry this reply.');

    expect(buttonsOf(ourReply('rejected'))).toEqual(['Dismiss']);
    expect(ourReply('rejected')).toHaveTextContent('X refused this text: change the text and send a new reply.');

    expect(buttonsOf(ourReply('gone'))).toEqual(['Dismiss']);
    expect(ourReply('gone')).toHaveTextContent('is gone: write a new reply.');

    expect(buttonsOf(ourReply('unknown stopped'))).toEqual(['Retry', 'Dismiss']);
    expect(ourReply('unknown stopped')).toHaveTextContent('Retry checks whether it was posted before sending anything again');

    // A check is already scheduled: nothing to press but Dismiss (e.g. posted by hand meanwhile).
    expect(buttonsOf(ourReply('unknown checking'))).toEqual(['Dismiss']);
    expect(ourReply('unknown checking')).toHaveTextContent('Earshot checks whether it was posted before sending anything again.');

    expect(buttonsOf(ourReply('mastodon late'))).toEqual(['Dismiss']);
    expect(ourReply('mastodon late')).toHaveTextContent('check the thread on Mastodon, then dismiss this reply or write a new reply.');
    expect(buttonsOf(ourReply('mastodon fresh'))).toEqual(['Retry', 'Dismiss']);
    expect(buttonsOf(ourReply('mastodon approved late'))).toEqual(['Retry', 'Dismiss']);

    expect(buttonsOf(ourReply('sent'))).toEqual([]);
    expect(buttonsOf(ourReply('queued'))).toEqual([]);
  });

  it.each<[Role, 'own' | 'teammate’s', boolean]>([
    ['agent', 'own', true],
    ['trainee', 'own', true],
    ['agent', 'teammate’s', false],
    ['trainee', 'teammate’s', false],
    ['manager', 'teammate’s', true],
    ['admin', 'teammate’s', true],
    ['viewer', 'teammate’s', false],
  ])('%s, %s failed reply: buttons %s', async (role, whose, shown) => {
    const m = mention();
    const reply = buildReply(m, {
      text: 'Sorry Casey',
      status: 'failed',
      failure: 'transient',
      author: whose === 'own' ? { id: ME, name: 'Pat agent' } : DANA,
    });
    await openWithReplies(m, [reply], { role });
    const li = ourReply('Sorry Casey');
    // Everyone reads what happened; only the author, managers and admins act.
    expect(li).toHaveTextContent('It was not posted.');
    expect(buttonsOf(li)).toEqual(shown ? ['Retry', 'Dismiss'] : []);
  });

  it('Retry posts an empty body, shows the api’s answer at once, and the status moves on live', async () => {
    const m = mention();
    const failed = buildReply(m, {
      text: 'Sorry Casey',
      status: 'failed',
      failure: 'transient',
      author: { id: ME, name: 'Pat agent' },
      updatedAt: minutesAgo(5),
    });
    const queued: Reply = { ...failed, status: 'queued', failure: null, lastError: null, nextAttemptAt: new Date().toISOString(), updatedAt: minutesAgo(0) };
    const view = await openWithReplies(m, [failed], { routes: { 'POST /api/replies/:id/retry': { status: 200, body: queued } } });

    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(ourReply('Sorry Casey')).toHaveAttribute('data-status', 'queued'));
    expect(view.api.callsTo('POST /api/replies/:id/retry').map((c) => [c.path, c.body])).toEqual([[`/api/replies/${failed.id}/retry`, {}]]);
    expect(buttonsOf(ourReply('Sorry Casey'))).toEqual([]);
    expect(ourReply('Sorry Casey')).toHaveTextContent('It will be posted in a moment.');

    const sent: Reply = {
      ...queued,
      status: 'sent',
      nextAttemptAt: null,
      externalUrl: 'https://x.com/acme/status/9',
      sentAt: new Date().toISOString(),
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    };
    act(() => view.socket.serverEmit('reply.updated', { seq: 11, mention: { ...m, seq: 11 }, reply: sent }));
    await waitFor(() => expect(ourReply('Sorry Casey')).toHaveAttribute('data-status', 'sent'));
    expect(within(ourReply('Sorry Casey')).getByRole('link', { name: 'View the reply on the platform' })).toHaveAttribute(
      'href',
      'https://x.com/acme/status/9',
    );
  });

  it('a failure arriving live gets its buttons, and the api’s 409 is shown in its own words', async () => {
    const m = mention();
    const sending = buildReply(m, { text: 'Sorry Casey', status: 'sending', author: { id: ME, name: 'Pat agent' }, updatedAt: minutesAgo(1) });
    const message = 'The source’s credentials or address must be fixed first: reconnect it in Settings › Sources, then retry this reply.';
    const view = await openWithReplies(m, [sending], {
      routes: { 'POST /api/replies/:id/retry': { status: 409, body: { statusCode: 409, error: 'Conflict', message, code: 'reconnect_source' } } },
    });
    expect(buttonsOf(ourReply('Sorry Casey'))).toEqual([]);

    const failed: Reply = { ...sending, status: 'failed', failure: 'source', lastError: 'x rejected the source’s credentials.', updatedAt: minutesAgo(0) };
    act(() => view.socket.serverEmit('reply.updated', { seq: 11, mention: { ...m, seq: 11 }, reply: failed }));
    const retry = await within(ourReply('Sorry Casey')).findByRole('button', { name: 'Retry' });
    expect(ourReply('Sorry Casey')).toHaveTextContent('An admin must reconnect the X source');

    await view.user.click(retry);
    expect(await within(ourReply('Sorry Casey')).findByRole('alert')).toHaveTextContent(message);
    expect(ourReply('Sorry Casey')).toHaveAttribute('data-status', 'failed');
  });

  it('Dismiss with a picked note: the reply shows who dismissed it and the note as text, and no more buttons', async () => {
    const m = mention({ platform: 'mastodon' });
    const unknown = buildReply(m, {
      text: 'Sorry Casey',
      platform: 'mastodon',
      status: 'unknown',
      failure: 'transient',
      createdAt: minutesAgo(120),
      updatedAt: minutesAgo(60),
      author: DANA,
    });
    const note = 'I posted it by hand';
    const view = await openWithReplies(m, [unknown], {
      role: 'manager',
      routes: {
        'POST /api/replies/:id/dismiss': (call) => ({
          status: 200,
          body: {
            ...unknown,
            updatedAt: minutesAgo(0),
            nextAttemptAt: null,
            // The api stores the note as given: an HTML-looking note must come back as text.
            dismissal: { by: { id: ME, name: 'Pat manager' }, at: minutesAgo(0), note: `${(call.body as { note: string }).note} <b>really</b>` },
          },
        }),
      },
    });

    const li = ourReply('Sorry Casey');
    expect(buttonsOf(li)).toEqual(['Dismiss']);
    await view.user.click(within(li).getByRole('button', { name: 'Dismiss' }));
    const confirm = within(li).getByRole('group', { name: 'Dismiss this reply?' });
    await view.user.click(within(confirm).getByRole('button', { name: note }));
    expect(within(confirm).getByRole('textbox', { name: 'Note (optional)' })).toHaveValue(note);
    await view.user.click(within(confirm).getByRole('button', { name: 'Dismiss reply' }));

    await waitFor(() => expect(ourReply('Sorry Casey')).toHaveAttribute('data-dismissed', 'true'));
    expect(view.api.callsTo('POST /api/replies/:id/dismiss').map((c) => c.body)).toEqual([{ note }]);
    const dismissal = within(ourReply('Sorry Casey')).getByTestId('reply-dismissal');
    expect(dismissal).toHaveTextContent(`Dismissed by Pat manager`);
    expect(dismissal).toHaveTextContent(`${note} <b>really</b>`);
    expect(dismissal.querySelector('b')).toBeNull();
    expect(buttonsOf(ourReply('Sorry Casey'))).toEqual([]);
    expect(ourReply('Sorry Casey')).not.toHaveTextContent('check the thread on Mastodon');
  });

  it('Dismiss without a note sends an empty body; Cancel sends nothing', async () => {
    const m = mention();
    const failed = buildReply(m, {
      text: 'Sorry Casey',
      status: 'failed',
      failure: 'rejected',
      author: { id: ME, name: 'Pat agent' },
      updatedAt: minutesAgo(5),
    });
    const view = await openWithReplies(m, [failed], {
      routes: {
        'POST /api/replies/:id/dismiss': {
          status: 200,
          body: { ...failed, updatedAt: minutesAgo(0), dismissal: { by: { id: ME, name: 'Pat agent' }, at: minutesAgo(0), note: null } },
        },
      },
    });
    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Dismiss' }));
    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Cancel' }));
    expect(view.api.callsTo('POST /api/replies/:id/dismiss')).toHaveLength(0);

    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Dismiss' }));
    await view.user.type(within(ourReply('Sorry Casey')).getByRole('textbox', { name: 'Note (optional)' }), '   ');
    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Dismiss reply' }));
    await waitFor(() => expect(within(ourReply('Sorry Casey')).getByTestId('reply-dismissal')).toHaveTextContent(/^Dismissed by Pat agent/));
    expect(view.api.callsTo('POST /api/replies/:id/dismiss').map((c) => c.body)).toEqual([{}]);
    expect(within(ourReply('Sorry Casey')).getByTestId('reply-dismissal').querySelector('q')).toBeNull();
  });

  it('a dismissal by someone else arrives live, and a late retry gets the api’s “dismissed” 409', async () => {
    const m = mention();
    const failed = buildReply(m, {
      text: 'Sorry Casey',
      status: 'failed',
      failure: 'transient',
      author: { id: ME, name: 'Pat agent' },
      updatedAt: minutesAgo(5),
    });
    const message = 'This reply was dismissed by Dana: write a new reply instead.';
    const view = await openWithReplies(m, [failed], {
      routes: { 'POST /api/replies/:id/retry': { status: 409, body: { statusCode: 409, error: 'Conflict', message, code: 'dismissed' } } },
    });
    await view.user.click(within(ourReply('Sorry Casey')).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);

    const dismissed: Reply = { ...failed, updatedAt: minutesAgo(0), dismissal: { by: DANA, at: minutesAgo(0), note: 'No longer needed' } };
    act(() => view.socket.serverEmit('reply.updated', { seq: 11, mention: { ...m, seq: 11 }, reply: dismissed }));
    await waitFor(() => expect(within(ourReply('Sorry Casey')).getByTestId('reply-dismissal')).toHaveTextContent('Dismissed by Dana'));
    expect(ourReply('Sorry Casey')).toHaveTextContent('No longer needed');
    expect(buttonsOf(ourReply('Sorry Casey'))).toEqual([]);
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import type { Mention, Reply } from '@earshot/contracts';
import { buildMention, buildMentionDetail, buildSession } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import type { MockRoutes } from '../../../test/mock-api';
import { checkInboxApiAfterEach, openInbox, waitForRows } from './inbox-test-kit';
import { BRAND_ID, buildReply, buildTemplate, composerRoutes } from './reply-test-kit';

stubLayout();
checkInboxApiAfterEach();

const complaint = (overrides: Partial<Mention> = {}) =>
  buildMention({
    text: 'My order never arrived',
    brandId: BRAND_ID,
    intent: 'complaint',
    category: 'delivery',
    author: { handle: 'casey', displayName: 'Casey' },
    ...overrides,
  });

/** Opens the mention, claims it with "Reply" and waits for the composer. */
async function openComposer(m: Mention, routes: MockRoutes, options: { role?: 'agent' | 'trainee'; detail?: Parameters<typeof buildMentionDetail>[1] } = {}) {
  const view = openInbox({
    role: options.role ?? 'agent',
    items: [m],
    path: `/inbox/${m.id}`,
    routes: { 'GET /api/mentions/:id': { status: 200, body: buildMentionDetail(m, options.detail) }, ...routes },
  });
  await waitForRows(1);
  view.socket.serverConnect();
  await view.user.click(await screen.findByRole('button', { name: 'Reply' }));
  const textbox = await screen.findByRole('textbox', { name: 'Reply' });
  return { ...view, textbox };
}

const sendButton = () => screen.getByRole('button', { name: /^Send/ });

describe('Inbox › reply composer', () => {
  it('offers the templates that fit first, fills in author, agent and brand, and names a variable that has no value', async () => {
    const fitting = buildTemplate({
      title: 'Late parcel',
      intents: ['complaint'],
      categories: ['delivery'],
      body: 'Hi {{author.name}}, {{brand.name}} here. ^{{agent.signature}}',
    });
    const praise = buildTemplate({ title: 'Thanks!', intents: ['praise'], body: 'Thank you {{author.name | "friend"}}!' });
    const broken = buildTemplate({ title: 'Needs a link', intents: ['complaint'], body: 'See {{mention.url}}' });
    const m = complaint({ url: null });
    const { user, textbox } = await openComposer(m, composerRoutes({ templates: [praise, fitting, broken] }));

    const picker = await screen.findByRole('combobox', { name: 'Template' });
    const groups = within(picker).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual(['Fits this mention', 'Other templates']);
    expect(
      within(groups[0]!)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Late parcel', 'Needs a link']);
    expect(
      within(groups[1]!)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Thanks!']);

    await user.selectOptions(picker, fitting.id);
    expect(textbox).toHaveValue('Hi Casey, Acme here. ^S');
    expect(textbox).toHaveFocus();

    // No URL and no fallback: an error that names the variable, and the draft is left as it was.
    await user.selectOptions(picker, broken.id);
    expect(await screen.findByText(/mention\.url/)).toBeInTheDocument();
    expect(textbox).toHaveValue('Hi Casey, Acme here. ^S');
  });

  it('inserts a template for /shortcut and a space, and warns when the author already got it unedited', async () => {
    const tpl = buildTemplate({ title: 'Sorry', shortcut: 'sorry', body: 'Sorry {{author.name}}, we are on it. ^{{agent.signature}}' });
    const m = complaint();
    const earlier = buildMention({ text: 'old' });
    const { user, textbox } = await openComposer(m, composerRoutes({ templates: [tpl] }), {
      detail: {
        authorHistory: {
          total: 2,
          open: 1,
          earlier: [earlier],
          teamReplies: [
            {
              replyId: '00000000-0000-4000-8000-00000000f001',
              mentionId: earlier.id,
              text: 'Sorry Casey, we are on it. ^S',
              author: { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' },
              sentAt: new Date(Date.now() - 86_400_000).toISOString(),
              externalUrl: 'https://mastodon.social/@acme/9',
              templateId: tpl.id,
              templateUnedited: true,
            },
          ],
        },
      },
    });
    expect(screen.getByRole('list', { name: 'Earlier replies from the team' })).toHaveTextContent('Sorry Casey, we are on it.');

    await user.type(textbox, '/sorry ');
    expect(textbox).toHaveValue('Sorry Casey, we are on it. ^S');
    expect(await screen.findByText(/already got “Sorry” word for word from Dana/)).toBeInTheDocument();

    await user.type(textbox, ' Order 12?');
    expect(screen.queryByText(/already got “Sorry”/)).not.toBeInTheDocument();
  });

  it('underlines a banned phrase, blocks Send with the reason, and the one-click fix clears it', async () => {
    const m = complaint();
    const { user, textbox } = await openComposer(m, composerRoutes({}));

    await user.type(textbox, 'Kindly send us a DM, Casey');
    const marks = screen.getByTestId('lint-backdrop').querySelectorAll('mark[data-severity="block"]');
    expect([...marks].map((mk) => mk.textContent)).toEqual(['Kindly']);
    const problems = screen.getByRole('list', { name: 'Problems in the reply' });
    expect(problems).toHaveTextContent(/kindly/i);
    expect(sendButton()).toBeDisabled();
    expect(screen.getByText('Fix the blocking problem first.')).toBeInTheDocument();

    await user.click(within(problems).getByRole('button', { name: /Replace “Kindly” with “please”/i }));
    expect(textbox).toHaveValue('Please send us a DM, Casey');
    expect(screen.getByTestId('lint-backdrop').querySelectorAll('mark[data-severity="block"]')).toHaveLength(0);
    expect(sendButton()).toBeEnabled();
    expect(screen.getByTestId('reply-length')).toHaveTextContent(/\/ 500/);
  });

  it('sends once per composed reply: a retry after a lost answer reuses the clientKey; the reply shows in the thread and goes live', async () => {
    const m = complaint();
    const posts: { clientKey: string; text: string; resolve?: boolean }[] = [];
    let sent: Reply | undefined;
    const routes: MockRoutes = {
      ...composerRoutes({}),
      'POST /api/mentions/:id/replies': (call) => {
        posts.push(call.body as (typeof posts)[number]);
        if (posts.length === 1) return { status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'try again' } };
        sent = buildReply(m, { text: posts.at(-1)!.text, status: 'queued', author: { id: '00000000-0000-4000-8000-0000000000ee', name: 'Me' } });
        return { status: 201, body: sent };
      },
    };
    const { user, textbox, socket } = await openComposer(m, routes);
    await user.type(textbox, 'Sorry Casey, I have asked the courier and will write back today.');
    await user.click(screen.getByRole('checkbox', { name: 'Resolve after sending' }));

    await user.click(sendButton());
    expect(await screen.findByText(/Press Send again — it will not be posted twice/)).toBeInTheDocument();
    // Ctrl+Enter from the text is Send too.
    textbox.focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]!.clientKey).toBe(posts[0]!.clientKey);
    expect(posts[1]).toMatchObject({ text: 'Sorry Casey, I have asked the courier and will write back today.', resolve: true });

    const ours = await screen.findByTestId('our-reply');
    expect(ours).toHaveAttribute('data-status', 'queued');
    expect(textbox).toHaveValue('');

    act(() =>
      socket.serverEmit('reply.updated', {
        seq: 11,
        mention: { ...m, seq: 11 },
        reply: {
          ...sent!,
          status: 'sent',
          externalUrl: 'https://mastodon.social/@acme/77',
          sentAt: new Date().toISOString(),
          updatedAt: new Date(Date.now() + 1000).toISOString(),
        },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('our-reply')).toHaveAttribute('data-status', 'sent'));
    expect(within(screen.getByTestId('our-reply')).getByRole('link', { name: 'View the reply on the platform' })).toHaveAttribute(
      'href',
      'https://mastodon.social/@acme/77',
    );

    // The next reply is a new one, with its own key.
    await user.type(textbox, 'One more thing, Casey.');
    await user.click(sendButton());
    await waitFor(() => expect(posts).toHaveLength(3));
    expect(posts[2]!.clientKey).not.toBe(posts[0]!.clientKey);
  });

  it('keeps linting with the default guide when the brand’s guide cannot be read, and says so', async () => {
    const m = complaint();
    const { user, textbox } = await openComposer(m, {
      ...composerRoutes({}),
      'GET /api/brands/:id/voice': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } },
    });
    expect(await screen.findByText(/Could not load the voice guide\. The linter checks with the default guide meanwhile/)).toBeInTheDocument();
    await user.type(textbox, 'Kindly DM us.');
    expect([...screen.getByTestId('lint-backdrop').querySelectorAll('mark[data-severity="block"]')].map((mk) => mk.textContent)).toContain('Kindly');
  });

  it('a double click posts once', async () => {
    const m = complaint();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let count = 0;
    const { user, textbox } = await openComposer(m, {
      ...composerRoutes({}),
      'POST /api/mentions/:id/replies': async () => {
        count += 1;
        await gate;
        return { status: 201, body: buildReply(m) };
      },
    });
    await user.type(textbox, 'Sorry Casey, looking into it now.');
    await user.dblClick(sendButton());
    release();
    await screen.findByTestId('our-reply');
    expect(count).toBe(1);
  });

  it('says when and why a manager approves first (a trainee making a promise)', async () => {
    const m = complaint();
    const { user, textbox } = await openComposer(m, composerRoutes({}), { role: 'trainee' });
    await user.type(textbox, 'Sorry Casey, you will get a refund.');
    const note = screen.getByTestId('approval-note');
    expect(note).toHaveTextContent('trainees’ replies are always checked');
    expect(note).toHaveTextContent('it makes a promise');
    expect(sendButton()).toHaveTextContent('Send for approval');
  });

  it('shows a rejected reply’s comment and lets the agent edit it and send again', async () => {
    const m = complaint();
    const me = '00000000-0000-4000-8000-00000000a9e7';
    const rejected = buildReply(m, {
      text: 'We will refund everything!!!',
      status: 'rejected',
      author: { id: me, name: 'Pat agent' },
      approval: {
        required: true,
        reasons: ['promise'],
        decidedBy: { id: '00000000-0000-4000-8000-0000000000da', name: 'Dana' },
        decidedAt: new Date().toISOString(),
        comment: 'No refund promises in public, offer a DM',
      },
    });
    const again = openInbox({
      items: [m],
      path: `/inbox/${m.id}`,
      routes: {
        ...composerRoutes({}),
        'GET /api/mentions/:id': { status: 200, body: buildMentionDetail(m, { replies: [rejected] }) },
        'GET /api/auth/me': { status: 200, body: buildSession('agent', { id: me }) },
      },
    });
    await waitForRows(1);
    expect(await screen.findByTestId('our-reply')).toHaveTextContent('Dana: No refund promises in public, offer a DM');
    await again.user.click(screen.getByRole('button', { name: 'Reply' }));
    expect(await screen.findByText('Dana asked for changes')).toBeInTheDocument();
    await again.user.click(screen.getByRole('button', { name: 'Edit the rejected reply' }));
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveValue('We will refund everything!!!');
  });
});

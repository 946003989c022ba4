import { screen, within } from '@testing-library/react';
import { CreateSourceRequestSchema, UpdateSourceRequestSchema, type Role, type Source } from '@earshot/contracts';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildSession, buildSource } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const minutesAhead = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

const healthy = buildSource({
  name: 'Acme on Mastodon',
  streamKind: 'hashtag',
  streamQuery: 'acmesupport',
  health: { status: 'ok', lastPollAt: minutesAgo(2), lastSuccessAt: minutesAgo(2), nextPollAt: minutesAhead(3), mentionsToday: 42 },
});
const throttled = buildSource({
  name: 'X search',
  platform: 'x',
  baseUrl: 'https://api.x.com',
  streamKind: 'search',
  streamQuery: 'acme',
  health: { status: 'throttled' },
});
const failing = buildSource({
  name: 'Reddit search',
  platform: 'reddit',
  baseUrl: 'https://oauth.reddit.com',
  streamKind: 'search',
  streamQuery: 'acme',
  health: { status: 'failing', lastError: 'Reddit did not answer in time.', lastErrorAt: minutesAgo(1), consecutiveFailures: 3 },
});
const reconnect = buildSource({
  name: 'Bluesky notifications',
  platform: 'bluesky',
  baseUrl: 'https://bsky.social',
  streamKind: 'notifications',
  credentialFields: ['identifier', 'password'],
  health: { status: 'auth_required', lastError: 'Bluesky rejected the app password.', lastErrorAt: minutesAgo(5) },
});
const broken = buildSource({
  name: 'Status feed',
  platform: 'rss',
  baseUrl: 'https://status.example.com/feed.xml',
  streamKind: 'feed',
  credentialFields: [],
  health: { status: 'error', lastError: 'The feed answered 404 Not Found.' },
});
const fresh = buildSource({ name: 'New hashtag', health: { status: 'idle' } });
const off = buildSource({ name: 'Old account', enabled: false, health: { status: 'disabled' } });

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(role: Role = 'admin', extra: MockRoutes = {}, sources: Source[] = [healthy, throttled, failing, reconnect, broken, fresh, off]) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role) },
    'GET /api/sources': { status: 200, body: { items: sources } },
    ...extra,
  });
}

async function cardOf(name: string): Promise<HTMLElement> {
  return screen.findByRole('article', { name });
}

describe('Settings › Sources', () => {
  it('shows each source with its stream, health in words, poll times, mentions today and last error', async () => {
    serve();
    renderApp('/settings/sources');

    const list = await screen.findByRole('list', { name: 'Sources of Acme Support' });
    expect(within(list).getAllByRole('article')).toHaveLength(7);

    const ok = await cardOf('Acme on Mastodon');
    expect(ok).toHaveTextContent('Mastodon');
    expect(ok).toHaveTextContent('Health: Healthy');
    expect(ok).toHaveTextContent('Hashtag acmesupport');
    expect(ok).toHaveTextContent('Mentions today42');
    const lastPoll = within(ok).getByText('2 min ago');
    expect(lastPoll.tagName).toBe('TIME');
    expect(lastPoll).toHaveAttribute('dateTime', healthy.health.lastPollAt);
    expect(lastPoll.getAttribute('title')).toMatch(/\d/);
    expect(within(ok).getByText('in 3 min')).toBeInTheDocument();

    expect(await cardOf('X search')).toHaveTextContent('Waiting for rate limit');
    const retrying = await cardOf('Reddit search');
    expect(retrying).toHaveTextContent('Retrying');
    expect(retrying).toHaveTextContent('Reddit did not answer in time.');
    expect(retrying).toHaveTextContent('3 failures in a row');

    const auth = await cardOf('Bluesky notifications');
    expect(auth).toHaveTextContent('Reconnect needed');
    expect(auth).toHaveTextContent('The platform rejected the stored credentials. An admin must replace them.');
    expect(within(auth).getByText('Bluesky rejected the app password.')).toBeInTheDocument();

    expect(await cardOf('Status feed')).toHaveTextContent('Health: Error');
    expect(await cardOf('Status feed')).toHaveTextContent('The platform refused the request as configured. Check the address and stream.');
    expect(await cardOf('Status feed')).toHaveTextContent('The feed answered 404 Not Found.');
    expect(await cardOf('New hashtag')).toHaveTextContent('Not polled yet');
    const disabled = await cardOf('Old account');
    expect(disabled).toHaveTextContent('Disabled');
    expect(disabled).toHaveTextContent('Not scheduled');
  });

  it('renders names, errors and addresses as text, and links only http(s) addresses', async () => {
    const sneaky = buildSource({
      name: '<img src=x onerror=alert(1)>',
      baseUrl: 'javascript:alert(1)',
      health: { status: 'error', lastError: '<script>alert(2)</script>' },
    });
    serve('admin', {}, [sneaky, healthy]);
    renderApp('/settings/sources');

    const card = await cardOf('<img src=x onerror=alert(1)>');
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(card).toHaveTextContent('<script>alert(2)</script>');
    expect(card).toHaveTextContent('javascript:alert(1)');
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
    expect(document.querySelector('img, script')).toBeNull();

    const link = within(await cardOf('Acme on Mastodon')).getByRole('link', { name: 'https://mastodon.social' });
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('gives admins add, edit, delete and poll-now controls', async () => {
    serve('admin');
    renderApp('/settings/sources');

    const card = await cardOf('Acme on Mastodon');
    expect(screen.getByRole('button', { name: 'Add source' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Poll now Acme on Mastodon' })).toBeEnabled();
    expect(within(card).getByRole('button', { name: 'Edit Acme on Mastodon' })).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Delete Acme on Mastodon' })).toBeInTheDocument();
    expect(within(await cardOf('Old account')).getByRole('button', { name: 'Poll now Old account' })).toBeDisabled();
  });

  it('lets managers watch health without any controls', async () => {
    serve('manager');
    renderApp('/settings/sources');

    const card = await cardOf('Bluesky notifications');
    expect(card).toHaveTextContent('Reconnect needed');
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add source' })).not.toBeInTheDocument();
    expect(screen.getByText('Only admins can connect, change or remove sources.')).toBeInTheDocument();
  });

  it("adds a source, sending only the chosen platform's fields, and shows the server's per-field errors", async () => {
    const created = buildSource({
      name: 'Acme on Bluesky',
      platform: 'bluesky',
      baseUrl: 'https://bsky.social',
      streamKind: 'search',
      streamQuery: 'acme air',
      health: { status: 'idle' },
    });
    let attempt = 0;
    serve('admin', {
      'POST /api/sources': () => {
        attempt += 1;
        return attempt === 1
          ? apiError(400, 'Bad Request', 'validation failed', [
              {
                path: 'baseUrl',
                message: 'points to a private or local address (127.0.0.1); an admin can allow 127.0.0.1:80 with EARSHOT_ALLOWED_PRIVATE_HOSTS',
              },
            ])
          : { status: 201, body: created };
      },
    });
    const { user } = renderApp('/settings/sources');

    await user.click(await screen.findByRole('button', { name: 'Add source' }));
    const form = screen.getByRole('form', { name: 'Add a source' });
    // Mastodon first: a token typed here must not travel with a Bluesky source.
    await user.type(within(form).getByLabelText('Access token'), 'mastodon-secret');
    await user.selectOptions(within(form).getByLabelText('Platform'), 'bluesky');
    expect(within(form).queryByLabelText('Access token')).not.toBeInTheDocument();
    expect(within(form).getByLabelText('Base URL')).toHaveAttribute('placeholder', 'https://bsky.social');

    await user.type(within(form).getByLabelText('Name'), 'Acme on Bluesky');
    await user.type(within(form).getByLabelText('Base URL'), 'http://127.0.0.1');
    await user.selectOptions(within(form).getByLabelText('Stream'), 'search');
    await user.type(within(form).getByLabelText('Search words'), 'acme air');
    await user.type(within(form).getByLabelText('Handle or email'), 'acme.bsky.social');
    await user.type(within(form).getByLabelText('App password'), 'app-pass-1234');
    expect(within(form).getByLabelText('App password')).toHaveAttribute('type', 'password');
    await user.click(within(form).getByRole('button', { name: 'Add source' }));

    const message = 'Base URL points to a private or local address (127.0.0.1); an admin can allow 127.0.0.1:80 with EARSHOT_ALLOWED_PRIVATE_HOSTS';
    expect(await within(form).findByText(message)).toBeInTheDocument();
    expect(within(form).getByLabelText('Base URL')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Base URL')).toHaveAccessibleDescription(expect.stringContaining(message));

    await user.clear(within(form).getByLabelText('Base URL'));
    await user.click(within(form).getByRole('button', { name: 'Add source' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Acme on Bluesky was added and will be polled shortly.');
    expect(screen.queryByRole('form', { name: 'Add a source' })).not.toBeInTheDocument();
    expect(await cardOf('Acme on Bluesky')).toHaveTextContent('Not polled yet');

    const posts = api.callsTo('POST /api/sources');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).toEqual({
      name: 'Acme on Bluesky',
      platform: 'bluesky',
      baseUrl: 'https://bsky.social',
      streamKind: 'search',
      streamQuery: 'acme air',
      credentials: { identifier: 'acme.bsky.social', password: 'app-pass-1234' },
      enabled: true,
      pollIntervalSeconds: 60,
    });
    expect(CreateSourceRequestSchema.safeParse(posts[1]?.body).success).toBe(true);
  });

  it('asks for no query or credentials for a feed, and requires its address', async () => {
    serve('admin', { 'POST /api/sources': { status: 201, body: broken } });
    const { user } = renderApp('/settings/sources');

    await user.click(await screen.findByRole('button', { name: 'Add source' }));
    const form = screen.getByRole('form', { name: 'Add a source' });
    await user.selectOptions(within(form).getByLabelText('Platform'), 'rss');
    expect(within(form).queryByRole('group', { name: /credentials/ })).not.toBeInTheDocument();
    expect(within(form).getByText('This stream needs no query.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Name'), 'Status feed');
    await user.click(within(form).getByRole('button', { name: 'Add source' }));
    expect(await within(form).findByText(/Base URL is required/)).toBeInTheDocument();
    expect(api.callsTo('POST /api/sources')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Base URL'), 'https://status.example.com/feed.xml');
    await user.clear(within(form).getByLabelText('Poll interval (seconds)'));
    await user.type(within(form).getByLabelText('Poll interval (seconds)'), '300');
    await user.click(within(form).getByRole('button', { name: 'Add source' }));

    await screen.findByRole('status');
    expect(api.callsTo('POST /api/sources')[0]?.body).toEqual({
      name: 'Status feed',
      platform: 'rss',
      baseUrl: 'https://status.example.com/feed.xml',
      streamKind: 'feed',
      streamQuery: null,
      credentials: {},
      enabled: true,
      pollIntervalSeconds: 300,
    });
  });

  it('replaces credentials and disables a source, sending only what changed', async () => {
    serve('admin', {
      'PATCH /api/sources/:id': ({ body }) => {
        const change = UpdateSourceRequestSchema.parse(body);
        return {
          status: 200,
          body: { ...reconnect, enabled: false, health: { ...reconnect.health, status: 'disabled' }, name: change.name ?? reconnect.name },
        };
      },
    });
    const { user } = renderApp('/settings/sources');

    const card = await cardOf('Bluesky notifications');
    await user.click(within(card).getByRole('button', { name: 'Edit Bluesky notifications' }));
    const form = within(card).getByRole('form', { name: 'Edit Bluesky notifications' });
    expect(form).toHaveTextContent('Stored credentials: Handle or emailApp password');
    expect(within(form).queryByLabelText('App password')).not.toBeInTheDocument();

    await user.click(within(form).getByRole('switch', { name: 'Enabled' }));
    await user.click(within(form).getByLabelText('Replace the stored credentials'));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await within(form).findByText('Fill in the new credentials, or keep the stored ones')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/sources/:id')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Handle or email'), 'acme.bsky.social');
    await user.type(within(form).getByLabelText('App password'), 'new-app-pass');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Bluesky notifications was saved.');
    expect(within(card).queryByRole('form')).not.toBeInTheDocument();
    expect(card).toHaveTextContent('Disabled');
    const [patch] = api.callsTo('PATCH /api/sources/:id');
    expect(patch?.path).toBe(`/api/sources/${reconnect.id}`);
    expect(patch?.body).toEqual({ enabled: false, credentials: { identifier: 'acme.bsky.social', password: 'new-app-pass' } });
  });

  it('deletes a source only after confirmation', async () => {
    serve('admin', { 'DELETE /api/sources/:id': { status: 204 } });
    const { user } = renderApp('/settings/sources');

    const card = await cardOf('X search');
    await user.click(within(card).getByRole('button', { name: 'Delete X search' }));
    const confirm = within(card).getByRole('group', { name: 'Delete the source “X search”?' });
    expect(confirm).toHaveTextContent('Mentions already collected stay');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('DELETE /api/sources/:id')).toHaveLength(0);

    await user.click(within(card).getByRole('button', { name: 'Delete X search' }));
    await user.click(within(card).getByRole('button', { name: 'Delete source' }));

    expect(await screen.findByRole('status')).toHaveTextContent('X search was deleted.');
    expect(screen.queryByRole('article', { name: 'X search' })).not.toBeInTheDocument();
    expect(api.callsTo('DELETE /api/sources/:id')[0]?.path).toBe(`/api/sources/${throttled.id}`);
  });

  it("polls a source now, and shows the api's reason when it refuses", async () => {
    let refuse = false;
    serve('admin', {
      'POST /api/sources/:id/poll': () =>
        refuse
          ? apiError(400, 'Bad Request', 'This source is disabled; enable it first.')
          : { status: 202, body: { ...healthy, health: { ...healthy.health, nextPollAt: new Date().toISOString() } } },
    });
    const { user } = renderApp('/settings/sources');

    const card = await cardOf('Acme on Mastodon');
    await user.click(within(card).getByRole('button', { name: 'Poll now Acme on Mastodon' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Acme on Mastodon will be polled within a few seconds.');
    expect(card).toHaveTextContent('Due now');

    refuse = true;
    await user.click(within(card).getByRole('button', { name: 'Poll now Acme on Mastodon' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Couldn't poll Acme on Mastodon: This source is disabled; enable it first.");
  });

  it('says so when the list cannot be loaded, and retries', async () => {
    let fail = true;
    serve('admin', {
      'GET /api/sources': () => (fail ? apiError(500, 'Internal Server Error', 'database is down') : { status: 200, body: { items: [healthy] } }),
    });
    const { user } = renderApp('/settings/sources');

    expect(await screen.findByRole('alert')).toHaveTextContent('The list of sources could not be loaded');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await cardOf('Acme on Mastodon')).toBeInTheDocument();
  });
});

describe('Settings tabs for listening', () => {
  it.each<[Role, string[]]>([
    ['admin', ['Workspace', 'Users', 'Sources', 'Brands & queries', 'Templates', 'Voice guide', 'Learning', 'Reports']],
    ['manager', ['Workspace', 'Sources', 'Brands & queries', 'Templates', 'Voice guide', 'Learning', 'Reports']],
  ])('shows %s the tabs their role may open', async (role, tabs) => {
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: buildSession(role) },
      'GET /api/workspace/sla': { status: 200, body: { critical: 15, high: 60, medium: 240, low: 1440 } },
    });
    renderApp('/settings/workspace');
    const nav = await screen.findByRole('navigation', { name: 'Settings' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(tabs);
  });

  it.each<Role>(['agent', 'trainee', 'viewer'])('keeps %s out of Sources and does not call the api', async (role) => {
    api = mockApi({ 'GET /api/auth/me': { status: 200, body: buildSession(role) } });
    renderApp('/settings/sources');
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
    expect(api.callsTo('GET /api/sources')).toHaveLength(0);
  });
});

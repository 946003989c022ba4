import { screen, within } from '@testing-library/react';
import { apiError, mockApi, type MockApi } from '../../../test/mock-api';
import { buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

const SIGNED_OUT = apiError(401, 'Unauthorized', 'not signed in');

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], email: string, password: string) {
  await user.type(await screen.findByLabelText('E-mail'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('shows the login page when nobody is signed in, then signs in and returns to the page first asked for', async () => {
    const session = buildSession('manager', { name: 'Mara Manager' });
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': { status: 200, body: session },
      'GET /api/reports': { status: 200, body: { items: [] } },
    });
    const { user } = renderApp('/reports?range=7d');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await fillAndSubmit(user, 'Mara@Example.com', 'correct horse battery');

    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('button', { name: /Mara Manager/ })).toBeInTheDocument();
    expect(header).toHaveTextContent('Acme Support');
    const [login] = api.callsTo('POST /api/auth/login');
    expect(login?.body).toEqual({ email: 'mara@example.com', password: 'correct horse battery' });
    expect(login?.credentials).toBe('same-origin');
  });

  it("shows the server's message on 401 and keeps the user on the login page", async () => {
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': apiError(401, 'Unauthorized', 'wrong e-mail or password'),
    });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'ana@example.com', 'not the password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong e-mail or password.');
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('says how long to wait when throttled (429 with Retry-After)', async () => {
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': { ...apiError(429, 'Too Many Requests', 'too many sign-in attempts'), headers: { 'Retry-After': '120' } },
    });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'ana@example.com', 'whatever it is');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Try again in 2 minutes.');
  });

  it("shows the server's field errors next to their fields on 400", async () => {
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': apiError(400, 'Bad Request', 'validation failed', [{ path: 'password', message: 'must be at most 1024 characters' }]),
    });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'ana@example.com', 'x'.repeat(20));

    const password = screen.getByLabelText('Password');
    expect(await screen.findByText('Password must be at most 1024 characters')).toBeInTheDocument();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Password must be at most 1024 characters');
    expect(screen.getByLabelText('E-mail')).not.toHaveAttribute('aria-invalid');
  });

  it('checks the form before sending it', async () => {
    api = mockApi({ 'GET /api/auth/me': SIGNED_OUT });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'not-an-email', 'x');
    await user.clear(screen.getByLabelText('Password'));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('E-mail must be an e-mail address')).toBeInTheDocument();
    expect(screen.getByText('Password is required')).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/login')).toHaveLength(0);
  });

  it('disables the button while signing in', async () => {
    let release!: () => void;
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': async () => {
        await answered;
        return apiError(401, 'Unauthorized', 'wrong e-mail or password');
      },
    });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'ana@example.com', 'some password');

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toBeDisabled();
    release();
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('asks an account with a generated password to choose its own before anything else', async () => {
    const session = { ...buildSession('admin', { name: 'Ada Admin', email: 'admin@earshot.local' }), mustChangePassword: true };
    api = mockApi({
      'GET /api/auth/me': SIGNED_OUT,
      'POST /api/auth/login': { status: 200, body: session },
      'POST /api/auth/password': { status: 200, body: { ...session, mustChangePassword: false } },
      'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
    });
    const { user } = renderApp('/inbox');

    await fillAndSubmit(user, 'admin@earshot.local', 'GeneratedPw123456');

    expect(await screen.findByRole('heading', { name: 'Choose your password' })).toBeInTheDocument();
    expect(api.callsTo('GET /api/mentions')).toHaveLength(0);
    await user.type(screen.getByLabelText('Current password'), 'GeneratedPw123456');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('New password again'), 'short');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText('New password must be at least 12 characters')).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/password')).toHaveLength(0);

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'my own long passphrase');
    await user.clear(screen.getByLabelText('New password again'));
    await user.type(screen.getByLabelText('New password again'), 'my own long passphrase');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Inbox' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/password')[0]?.body).toEqual({ currentPassword: 'GeneratedPw123456', newPassword: 'my own long passphrase' });
  });

  it("shows the server's field message when the current password is wrong", async () => {
    const session = { ...buildSession('admin'), mustChangePassword: true };
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: session },
      'POST /api/auth/password': apiError(400, 'Bad Request', 'The current password is wrong.', [
        { path: 'currentPassword', message: 'is not your current password' },
      ]),
    });
    const { user } = renderApp('/inbox');

    await user.type(await screen.findByLabelText('Current password'), 'not it at all');
    await user.type(screen.getByLabelText('New password'), 'my own long passphrase');
    await user.type(screen.getByLabelText('New password again'), 'my own long passphrase');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));

    expect(await screen.findByText('Current password is not your current password')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Choose your password' })).toBeInTheDocument();
  });

  it('signs out from the user menu', async () => {
    const session = buildSession('agent', { name: 'Ari Agent' });
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: session },
      'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
      'POST /api/auth/logout': { status: 204 },
    });
    const { user } = renderApp('/inbox');

    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    const menuButton = await screen.findByRole('button', { name: /Ari Agent/ });
    await user.click(menuButton);
    expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(api.callsTo('POST /api/auth/logout')).toHaveLength(1);
  });
});

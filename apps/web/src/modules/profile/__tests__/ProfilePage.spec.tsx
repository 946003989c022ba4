import { screen, within } from '@testing-library/react';
import { UpdateProfileRequestSchema, type Role, type UpdateProfileRequest } from '@earshot/contracts';
import { apiError, mockApi, type MockApi } from '../../../test/mock-api';
import { buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

/** Dana Reyes with the defaults the api answers until she sets her own (first word, initials). */
function serve(role: Role = 'agent') {
  const session = buildSession(role, { name: 'Dana Reyes', firstName: 'Dana', signature: 'DR' });
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: session },
    'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
    'PATCH /api/profile': (call) => {
      const change = call.body as UpdateProfileRequest;
      const user = { ...session.user };
      if (change.firstName !== undefined) user.firstName = change.firstName ?? 'Dana';
      if (change.signature !== undefined) user.signature = change.signature ?? 'DR';
      return { status: 200, body: user };
    },
  });
  return session;
}

describe('Profile', () => {
  it.each<Role>(['admin', 'manager', 'agent', 'trainee', 'viewer'])('opens for a %s from the user menu', async (role) => {
    serve(role);
    const { user } = renderApp('/inbox');
    await user.click(await screen.findByRole('button', { name: /Account:/ }));
    await user.click(screen.getByRole('link', { name: 'Profile' }));
    expect(await screen.findByRole('heading', { name: 'Profile', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeEnabled();
  });

  it('shows the defaults as placeholders of empty fields', async () => {
    serve();
    renderApp('/profile');
    const first = await screen.findByLabelText('First name');
    const signature = screen.getByLabelText('Signature');
    expect(first).toHaveValue('');
    expect(first).toHaveAttribute('placeholder', 'Dana');
    expect(signature).toHaveValue('');
    expect(signature).toHaveAttribute('placeholder', 'DR');
  });

  it('saves a first name and signature, and the session shows them without a reload', async () => {
    serve();
    const { user } = renderApp('/profile');
    await user.type(await screen.findByLabelText('First name'), '  Dani ');
    await user.type(screen.getByLabelText('Signature'), 'Dani (Acme Care)');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText(/Saved\. Replies now sign as “Dani \(Acme Care\)” and greet as Dani\./)).toBeInTheDocument();
    const [patch] = api.callsTo('PATCH /api/profile');
    expect(patch?.body).toEqual({ firstName: 'Dani', signature: 'Dani (Acme Care)' });
    expect(UpdateProfileRequestSchema.safeParse(patch?.body).success).toBe(true);
    expect(screen.getByLabelText('First name')).toHaveValue('Dani');

    // Away and back: the page starts from the session's user, which now has the new values.
    await user.click(screen.getByRole('link', { name: 'Inbox' }));
    await user.click(await screen.findByRole('button', { name: /Account:/ }));
    await user.click(screen.getByRole('link', { name: 'Profile' }));
    expect(await screen.findByLabelText('Signature')).toHaveValue('Dani (Acme Care)');
    expect(api.callsTo('GET /api/auth/me')).toHaveLength(1);
  });

  it('sends null for a cleared field (back to the default) and only what changed', async () => {
    const session = serve();
    session.user.signature = 'DR of Acme';
    const { user } = renderApp('/profile');
    const signature = await screen.findByLabelText('Signature');
    expect(signature).toHaveValue('DR of Acme');
    await user.clear(signature);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText(/Saved\./)).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/profile')[0]?.body).toEqual({ signature: null });
    expect(signature).toHaveValue('');
  });

  it('refuses a too-long first name before sending, and shows the server’s field errors', async () => {
    serve();
    const { user } = renderApp('/profile');
    const first = await screen.findByLabelText('First name');
    await user.type(first, 'x'.repeat(61));
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('First name must be at most 60 characters')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/profile')).toHaveLength(0);

    api.restore();
    api = mockApi({
      'PATCH /api/profile': apiError(400, 'Bad Request', 'Validation failed', [{ path: 'signature', message: 'must be one line' }]),
    });
    await user.clear(first);
    await user.type(screen.getByLabelText('Signature'), 'DR');
    await user.type(screen.getByLabelText('Signature'), '-x');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    const form = screen.getByRole('form', { name: 'Profile' });
    expect(await within(form).findByText('Signature must be one line')).toBeInTheDocument();
  });
});

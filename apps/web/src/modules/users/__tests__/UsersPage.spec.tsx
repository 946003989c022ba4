import { screen, within } from '@testing-library/react';
import { CreateUserRequestSchema, UpdateUserRequestSchema, type User } from '@earshot/contracts';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildSession, buildUser } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

const admin = buildSession('admin', { name: 'Ada Admin', email: 'ada@example.com', lastLoginAt: '2026-11-20T08:30:00.000Z' });
const ana = buildUser({ name: 'Ana Agent', email: 'ana@example.com', role: 'agent' });
const vic = buildUser({ name: 'Vic Viewer', email: 'vic@example.com', role: 'viewer', active: false });

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(extra: MockRoutes = {}, users: User[] = [admin.user, ana, vic]) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: admin },
    'GET /api/users': { status: 200, body: { items: users } },
    ...extra,
  });
}

async function rowOf(name: string): Promise<HTMLElement> {
  const table = await screen.findByRole('table', { name: /Users of/ });
  const header = within(table).getByRole('rowheader', { name: new RegExp(name) });
  return header.closest('tr')!;
}

describe('Settings › Users', () => {
  it('lists the users with e-mail, role, status and last sign-in', async () => {
    serve();
    renderApp('/settings/users');

    const table = await screen.findByRole('table', { name: 'Users of Acme Support' });
    expect(within(table).getAllByRole('row')).toHaveLength(4); // header + 3 users
    const anaRow = await rowOf('Ana Agent');
    expect(anaRow).toHaveTextContent('ana@example.com');
    expect(within(anaRow).getByRole('combobox', { name: 'Role for Ana Agent' })).toHaveValue('agent');
    expect(anaRow).toHaveTextContent('Active');
    expect(anaRow).toHaveTextContent('Never');
    const vicRow = await rowOf('Vic Viewer');
    expect(vicRow).toHaveTextContent('Deactivated');
    expect(within(vicRow).getByRole('button', { name: 'Reactivate Vic Viewer' })).toBeEnabled();
    const adaRow = await rowOf('Ada Admin');
    expect(within(adaRow).getByRole('time')).toHaveAttribute('dateTime', '2026-11-20T08:30:00.000Z');
  });

  it('renders names as text, never as markup', async () => {
    const sneaky = buildUser({ name: '<img src=x onerror=alert(1)>', email: 'x@example.com' });
    serve({}, [admin.user, sneaky]);
    renderApp('/settings/users');

    const header = await screen.findByRole('rowheader', { name: /onerror/ });
    expect(header).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('adds a user and shows them in the table', async () => {
    const created = buildUser({ name: 'Nia New', email: 'nia@example.com', role: 'manager' });
    serve({ 'POST /api/users': { status: 201, body: created } });
    const { user } = renderApp('/settings/users');

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = screen.getByRole('form', { name: 'Add a user' });
    await user.type(within(form).getByLabelText('Name'), 'Nia New');
    await user.type(within(form).getByLabelText('E-mail'), 'Nia@Example.com');
    await user.selectOptions(within(form).getByLabelText('Role'), 'manager');
    await user.type(within(form).getByLabelText('Initial password'), 'a long enough secret');
    await user.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Nia New was added as manager.');
    expect(await rowOf('Nia New')).toHaveTextContent('nia@example.com');
    expect(screen.queryByRole('form', { name: 'Add a user' })).not.toBeInTheDocument();
    const [post] = api.callsTo('POST /api/users');
    expect(post?.body).toEqual({ name: 'Nia New', email: 'nia@example.com', role: 'manager', password: 'a long enough secret' });
    expect(CreateUserRequestSchema.safeParse(post?.body).success).toBe(true);
  });

  it('refuses a short password before sending anything', async () => {
    serve();
    const { user } = renderApp('/settings/users');

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = screen.getByRole('form', { name: 'Add a user' });
    await user.type(within(form).getByLabelText('Name'), 'Nia');
    await user.type(within(form).getByLabelText('E-mail'), 'nia@example.com');
    await user.type(within(form).getByLabelText('Initial password'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await within(form).findByText('Initial password must be at least 12 characters')).toBeInTheDocument();
    expect(api.callsTo('POST /api/users')).toHaveLength(0);
  });

  it("shows the server's per-field errors and a taken e-mail next to the field", async () => {
    let attempt = 0;
    serve({
      'POST /api/users': () => {
        attempt += 1;
        return attempt === 1
          ? apiError(400, 'Bad Request', 'validation failed', [{ path: 'name', message: 'must be at most 120 characters' }])
          : apiError(409, 'Conflict', 'a user with this e-mail already exists');
      },
    });
    const { user } = renderApp('/settings/users');

    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = screen.getByRole('form', { name: 'Add a user' });
    await user.type(within(form).getByLabelText('Name'), 'Nia');
    await user.type(within(form).getByLabelText('E-mail'), 'ana@example.com');
    await user.type(within(form).getByLabelText('Initial password'), 'a long enough secret');
    await user.click(within(form).getByRole('button', { name: 'Add user' }));

    expect(await within(form).findByText('Name must be at most 120 characters')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(form).getByRole('button', { name: 'Add user' }));
    expect(await within(form).findByText('A user with this e-mail already exists.')).toBeInTheDocument();
    expect(within(form).getByLabelText('E-mail')).toHaveAccessibleDescription('A user with this e-mail already exists.');
    expect(within(form).queryByText('Name must be at most 120 characters')).not.toBeInTheDocument();
  });

  it("changes a user's role inline", async () => {
    serve({
      'PATCH /api/users/:id': ({ params, body }) => {
        const change = UpdateUserRequestSchema.parse(body);
        return { status: 200, body: { ...ana, id: params['id'], ...change } };
      },
    });
    const { user } = renderApp('/settings/users');

    const row = await rowOf('Ana Agent');
    await user.selectOptions(within(row).getByRole('combobox', { name: 'Role for Ana Agent' }), 'manager');

    expect(await screen.findByRole('status')).toHaveTextContent('Ana Agent is now manager.');
    expect(within(row).getByRole('combobox', { name: 'Role for Ana Agent' })).toHaveValue('manager');
    const [patch] = api.callsTo('PATCH /api/users/:id');
    expect(patch?.path).toBe(`/api/users/${ana.id}`);
    expect(patch?.body).toEqual({ role: 'manager' });
  });

  it("deactivates a user, and shows the api's message when it refuses", async () => {
    let refuse = false;
    serve({
      'PATCH /api/users/:id': ({ body }) =>
        refuse ? apiError(403, 'Forbidden', 'the last active admin cannot be deactivated') : { status: 200, body: { ...ana, ...(body as object) } },
    });
    const { user } = renderApp('/settings/users');

    const row = await rowOf('Ana Agent');
    await user.click(within(row).getByRole('button', { name: 'Deactivate Ana Agent' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Ana Agent is deactivated and can no longer sign in.');
    expect(row).toHaveTextContent('Deactivated');
    expect(api.callsTo('PATCH /api/users/:id')[0]?.body).toEqual({ active: false });

    refuse = true;
    await user.click(within(row).getByRole('button', { name: 'Reactivate Ana Agent' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Couldn't reactivate Ana Agent: The last active admin cannot be deactivated.");
    expect(row).toHaveTextContent('Deactivated');
  });

  it('does not let admins demote or deactivate themselves', async () => {
    serve();
    renderApp('/settings/users');

    const own = await rowOf('Ada Admin');
    expect(own).toHaveTextContent('You');
    const role = within(own).getByRole('combobox', { name: 'Role for Ada Admin' });
    expect(role).toBeDisabled();
    expect(role).toHaveAccessibleDescription(/can't change your own role/);
    expect(within(own).getByRole('button', { name: 'Deactivate Ada Admin' })).toBeDisabled();
    expect(within(await rowOf('Ana Agent')).getByRole('combobox', { name: 'Role for Ana Agent' })).toBeEnabled();
  });

  it('sets a new password for a user', async () => {
    serve({ 'PATCH /api/users/:id': { status: 200, body: ana } });
    const { user } = renderApp('/settings/users');

    const row = await rowOf('Ana Agent');
    await user.click(within(row).getByRole('button', { name: 'Set password for Ana Agent' }));
    const form = screen.getByRole('form', { name: 'Set a new password for Ana Agent' });
    await user.type(within(form).getByLabelText('New password for Ana Agent'), 'too short');
    await user.click(within(form).getByRole('button', { name: 'Save password' }));
    expect(await within(form).findByText('Password must be at least 12 characters')).toBeInTheDocument();
    expect(api.callsTo('PATCH /api/users/:id')).toHaveLength(0);

    await user.type(within(form).getByLabelText('New password for Ana Agent'), ' but now it is long');
    await user.click(within(form).getByRole('button', { name: 'Save password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('New password saved for Ana Agent.');
    expect(screen.queryByRole('form', { name: 'Set a new password for Ana Agent' })).not.toBeInTheDocument();
    expect(api.callsTo('PATCH /api/users/:id')[0]?.body).toEqual({ password: 'too short but now it is long' });
  });

  it('says so when the list cannot be loaded, and retries', async () => {
    let fail = true;
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: admin },
      'GET /api/users': () => (fail ? apiError(500, 'Internal Server Error', 'database is down') : { status: 200, body: { items: [admin.user] } }),
    });
    const { user } = renderApp('/settings/users');

    expect(await screen.findByRole('alert')).toHaveTextContent('The list of users could not be loaded');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await rowOf('Ada Admin')).toBeInTheDocument();
  });
});

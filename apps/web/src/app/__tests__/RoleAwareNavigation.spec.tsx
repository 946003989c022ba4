import { screen, within } from '@testing-library/react';
import type { Role } from '@earshot/contracts';
import { apiError, mockApi, type MockApi } from '../../test/mock-api';
import { buildSession } from '../../test/factories';
import { renderApp } from '../../test/render-app';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function signedInAs(role: Role) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role) },
    'GET /api/mentions': { status: 200, body: { items: [], nextCursor: null, seq: 0 } },
    'GET /api/workspace/sla': { status: 200, body: { critical: 15, high: 60, medium: 240, low: 1440 } },
    'GET /api/reports': { status: 200, body: { items: [] } },
  });
}

async function mainNavLabels(): Promise<string[]> {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('role-aware navigation', () => {
  it.each<[Role, string[]]>([
    ['admin', ['Inbox', 'Approvals', 'Analytics', 'Alerts', 'Root causes', 'Reports', 'Settings']],
    ['manager', ['Inbox', 'Approvals', 'Analytics', 'Alerts', 'Root causes', 'Reports', 'Settings']],
    ['agent', ['Inbox', 'Analytics', 'Alerts', 'Root causes', 'Reports', 'Settings']],
    ['trainee', ['Inbox', 'Analytics', 'Alerts', 'Root causes', 'Reports', 'Settings']],
    ['viewer', ['Inbox', 'Analytics', 'Alerts', 'Root causes', 'Reports', 'Settings']],
  ])('shows %s the areas their role may open', async (role, expected) => {
    signedInAs(role);
    renderApp('/inbox');
    expect(await mainNavLabels()).toEqual(expected);
  });

  it('marks the current page with aria-current', async () => {
    signedInAs('agent');
    renderApp('/reports');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Inbox' })).not.toHaveAttribute('aria-current');
  });

  it('gives a manager Settings without Users', async () => {
    signedInAs('manager');
    renderApp('/settings');
    const settingsNav = await screen.findByRole('navigation', { name: 'Settings' });
    expect(within(settingsNav).getByRole('link', { name: 'Workspace' })).toBeInTheDocument();
    expect(within(settingsNav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Workspace' })).toBeInTheDocument();
  });

  it('gives an admin Settings with Users', async () => {
    signedInAs('admin');
    renderApp('/settings/workspace');
    const settingsNav = await screen.findByRole('navigation', { name: 'Settings' });
    expect(within(settingsNav).getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/settings/users');
  });

  it('tells a viewer the inbox is read-only', async () => {
    signedInAs('viewer');
    renderApp('/inbox');
    expect(await screen.findByText('Read-only access')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Nothing to triage here' })).toBeInTheDocument();
  });
});

describe('pages a role may not open', () => {
  it.each<[Role, string]>([
    ['viewer', '/settings/workspace'],
    ['agent', '/approvals'],
    ['manager', '/settings/users'],
  ])('shows %s an access-denied state at %s instead of a blank page', async (role, path) => {
    signedInAs(role);
    renderApp(path);
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the inbox' })).toBeInTheDocument();
  });

  it('does not call the users api for a manager who types the Users address', async () => {
    signedInAs('manager');
    renderApp('/settings/users');
    await screen.findByRole('heading', { name: "You don't have access to this page" });
    expect(api.callsTo('GET /api/users')).toHaveLength(0);
  });

  it('shows a not-found page for unknown addresses', async () => {
    signedInAs('admin');
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
  });
});

describe('session', () => {
  it('sends the user to the login page with a notice when a call answers 401', async () => {
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: buildSession('admin') },
      'GET /api/users': apiError(401, 'Unauthorized', 'session expired'),
    });
    renderApp('/settings/users');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Sign in again to continue.');
  });

  it('offers to try again when the server cannot be reached at start', async () => {
    api = mockApi({ 'GET /api/auth/me': apiError(503, 'Service Unavailable', 'database is down') });
    renderApp('/inbox');
    expect(await screen.findByRole('heading', { name: "Earshot can't start right now" })).toBeInTheDocument();
    expect(screen.getByText('database is down')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

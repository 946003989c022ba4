import { screen, waitFor, within } from '@testing-library/react';
import type { ReportRecipient } from '@earshot/contracts';
import { WORKSPACE } from '../../../test/factories';
import { apiError } from '../../../test/mock-api';
import { currentApi, LIST, openReports } from './report-test-kit';

const CEO: ReportRecipient = { id: 'b1b2c3d4-0000-4000-8000-000000000001', email: 'ceo@acme.example', name: 'Dana', createdAt: '2026-12-01T08:00:00.000Z' };

describe('Settings › Reports', () => {
  it('lists, adds and removes the report’s e-mail recipients (admins)', async () => {
    const items = [CEO];
    const { user } = openReports(
      'admin',
      {
        'GET /api/report-recipients': () => ({ status: 200, body: { items } }),
        'POST /api/report-recipients': (call) => {
          const body = call.body as { email: string; name: string | null };
          if (body.email.includes('\n') || body.email.includes(','))
            return apiError(400, 'Bad Request', 'Invalid request', [{ path: 'email', message: 'must be one e-mail address on one line (no line breaks)' }]);
          const added = { id: 'b1b2c3d4-0000-4000-8000-000000000002', email: body.email, name: body.name, createdAt: '2026-12-08T08:00:00.000Z' };
          items.push(added);
          return { status: 201, body: added };
        },
        'DELETE /api/report-recipients/:id': (call) => {
          items.splice(
            items.findIndex((r) => r.id === call.params.id),
            1,
          );
          return { status: 204 };
        },
      },
      '/settings/reports',
    );
    expect(await screen.findByRole('link', { name: 'Reports', current: 'page' })).toHaveAttribute('href', '/settings/reports');
    const table = await screen.findByRole('table', { name: 'Report recipients' });
    expect(within(table).getByRole('rowheader', { name: 'ceo@acme.example' }).closest('tr')).toHaveTextContent('ceo@acme.exampleDana1 Dec 2026, 09:00');

    await user.type(screen.getByLabelText('E-mail address'), 'a@acme.example, b@acme.example');
    await user.click(screen.getByRole('button', { name: 'Add recipient' }));
    expect(await screen.findByText('E-mail address must be one e-mail address on one line (no line breaks)')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('E-mail address'));
    await user.type(screen.getByLabelText('E-mail address'), 'board@acme.example');
    await user.click(screen.getByRole('button', { name: 'Add recipient' }));
    expect(await screen.findByText('board@acme.example now gets the weekly report.')).toBeInTheDocument();
    expect(currentApi().callsTo('POST /api/report-recipients').at(-1)!.body).toEqual({ email: 'board@acme.example', name: null });
    expect(await screen.findByRole('rowheader', { name: 'board@acme.example' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove ceo@acme.example' }));
    const confirm = screen.getByRole('group', { name: 'Stop sending the report to ceo@acme.example?' });
    await user.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'ceo@acme.example' })).not.toBeInTheDocument());
    expect(currentApi().callsTo('DELETE /api/report-recipients/:id').map((c) => c.path)).toEqual([`/api/report-recipients/${CEO.id}`]);
  });

  it('says an address is already on the list next to the field', async () => {
    const { user } = openReports(
      'admin',
      {
        'GET /api/report-recipients': { status: 200, body: { items: [CEO] } },
        'POST /api/report-recipients': apiError(409, 'Conflict', 'ceo@acme.example already gets the weekly report.'),
      },
      '/settings/reports',
    );
    await user.type(await screen.findByLabelText('E-mail address'), 'CEO@acme.example');
    await user.click(screen.getByRole('button', { name: 'Add recipient' }));
    expect(await screen.findByText('ceo@acme.example already gets the weekly report.')).toHaveClass('field__error');
  });

  it('changes the report week’s first day, and the Reports page follows without a reload', async () => {
    const { user } = openReports(
      'manager',
      {
        'PATCH /api/workspace': (call) => ({ status: 200, body: { ...WORKSPACE, ...(call.body as object) } }),
        'GET /api/reports': { status: 200, body: { items: LIST } },
      },
      '/settings/reports',
    );
    // Managers set the week; recipients are admin business.
    expect(await screen.findByText('Admins choose who gets the weekly report by e-mail.')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Report recipients' })).not.toBeInTheDocument();
    const select = screen.getByRole('combobox', { name: 'Weeks start on' });
    expect(select).toHaveValue('1');
    await user.selectOptions(select, 'Sunday');
    await user.click(screen.getByRole('button', { name: 'Save week start' }));
    expect(await screen.findByText('Saved. Reports now cover Sunday to Saturday.')).toBeInTheDocument();
    expect(currentApi().callsTo('PATCH /api/workspace')[0]!.body).toEqual({ reportWeekStart: 0 });

    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Reports' }));
    expect(await screen.findByText(/Weeks start on Sunday/)).toBeInTheDocument();
  });

  it('is not a Settings tab for agents and viewers', async () => {
    openReports('agent', { 'GET /api/templates': { status: 200, body: { items: [] } } }, '/settings/reports');
    expect(await screen.findByRole('heading', { name: /permission|access/i })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Reports', current: 'page' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Settings' })).queryByRole('link', { name: 'Reports' })).not.toBeInTheDocument();
  });
});

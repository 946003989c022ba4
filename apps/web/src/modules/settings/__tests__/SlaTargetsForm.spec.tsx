import { screen, waitFor } from '@testing-library/react';
import { mockApi, type MockApi } from '../../../test/mock-api';
import { buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

describe('Settings › Workspace › SLA targets', () => {
  it('shows the targets, refuses a bad value before sending, and saves good ones', async () => {
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: buildSession('manager') },
      'GET /api/workspace/sla': { status: 200, body: { critical: 15, high: 60, medium: 240, low: 1440 } },
      'PUT /api/workspace/sla': (call) => ({ status: 200, body: call.body }),
    });
    const { user } = renderApp('/settings/workspace');
    const critical = await screen.findByLabelText('Critical (minutes)');
    await waitFor(() => expect(critical).toHaveValue(15));
    await user.clear(critical);
    await user.type(critical, '0');
    await user.click(screen.getByRole('button', { name: 'Save SLA targets' }));
    expect(await screen.findByText(/at least 1 minute/)).toBeInTheDocument();
    expect(api.callsTo('PUT /api/workspace/sla')).toHaveLength(0);
    await user.clear(critical);
    await user.type(critical, '10');
    await user.click(screen.getByRole('button', { name: 'Save SLA targets' }));
    expect(await screen.findByText(/Saved\./)).toBeInTheDocument();
    expect(api.callsTo('PUT /api/workspace/sla')[0]!.body).toEqual({ critical: 10, high: 60, medium: 240, low: 1440 });
  });
});

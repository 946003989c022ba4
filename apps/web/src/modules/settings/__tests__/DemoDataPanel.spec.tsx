import { screen } from '@testing-library/react';
import { mockApi, type MockApi } from '../../../test/mock-api';
import { buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

const SLA = { status: 200, body: { critical: 15, high: 60, medium: 240, low: 1440 } };

describe('Settings › Workspace › Demo data', () => {
  it('lets an admin clear the demo data after confirming, and says what went', async () => {
    api = mockApi({
      'GET /api/auth/me': { status: 200, body: buildSession('admin') },
      'GET /api/workspace/sla': SLA,
      'DELETE /api/workspace/demo-data': { status: 200, body: { sources: 4, mentions: 2853, replies: 0, corrections: 1, notes: 2, authors: 2790 } },
    });
    const { user } = renderApp('/settings/workspace');
    await user.click(await screen.findByRole('button', { name: 'Clear demo data' }));
    expect(screen.getByText('Clear the demo data?')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/workspace/demo-data')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Clear demo data' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Cleared 2,853 mentions from 4 demo sources, with 0 replies, 1 correction, 2 notes and 2,790 authors.',
    );
    expect(api.callsTo('DELETE /api/workspace/demo-data')).toHaveLength(1);
  });

  it('is not offered to managers', async () => {
    api = mockApi({ 'GET /api/auth/me': { status: 200, body: buildSession('manager') }, 'GET /api/workspace/sla': SLA });
    renderApp('/settings/workspace');
    expect(await screen.findByRole('heading', { name: 'Workspace' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear demo data' })).toBeNull();
  });
});

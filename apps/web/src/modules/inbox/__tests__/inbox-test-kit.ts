import { screen, waitFor, within } from '@testing-library/react';
import type { Mention, Role } from '@earshot/contracts';
import { mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildMentionDetail, buildSession } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { renderApp } from '../../../test/render-app';

/** Serves a session, one queue page and (by default) an empty change feed; renders the inbox. */
/** A teammate in the default members list. */
export const DANA_ID = '00000000-0000-4000-8000-0000000000da';

let current: MockApi | undefined;

/** After each test: the open inbox's mock api saw no call it had no route for; then it is restored. */
export function checkInboxApiAfterEach(): void {
  afterEach(() => {
    expect(current?.unhandled ?? []).toEqual([]);
    current?.restore();
    current = undefined;
  });
}

export function openInbox(options: { role?: Role; items: Mention[]; seq?: number; routes?: MockRoutes; path?: string }) {
  const session = buildSession(options.role ?? 'agent');
  const api: MockApi = mockApi({
    'GET /api/auth/me': { status: 200, body: session },
    'GET /api/mentions': { status: 200, body: { items: options.items, nextCursor: null, seq: options.seq ?? 10 } },
    'GET /api/mentions/changes': (call) => ({ status: 200, body: { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
    'GET /api/workspace/members': {
      status: 200,
      body: {
        items: [
          { id: session.user.id, name: session.user.name, role: session.user.role },
          { id: DANA_ID, name: 'Dana', role: 'agent' },
        ],
      },
    },
    'GET /api/mentions/:id': (call) => {
      const mention = options.items.find((m) => m.id === call.params['id']);
      return mention
        ? { status: 200, body: buildMentionDetail(mention) }
        : { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'No such mention in this workspace.' } };
    },
    // The composer reads the brand's templates once a claim is held (mentions without a brand: all of them).
    'GET /api/templates': { status: 200, body: { items: [] } },
    ...options.routes,
  });
  current = api;
  const socket = new FakeSocket();
  const view = renderApp(options.path ?? '/inbox', { socket });
  return { api, session, ...view };
}

export async function mentionsList(): Promise<HTMLElement> {
  return screen.findByRole('list', { name: 'Mentions' });
}

export function rows(): HTMLElement[] {
  return screen.queryAllByTestId('mention-row');
}

export function rowIds(): string[] {
  return rows().map((r) => r.getAttribute('data-mention-id') ?? '');
}

export function rowOf(id: string): HTMLElement {
  const row = rows().find((r) => r.getAttribute('data-mention-id') === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

export async function waitForRows(count: number): Promise<void> {
  await waitFor(() => expect(rows()).toHaveLength(count));
}

export { within };

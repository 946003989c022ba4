import { act, screen, waitFor, within } from '@testing-library/react';
import type { IncidentRepliesRequest, Role, StatusPostRequest } from '@earshot/contracts';
import { buildMention, buildSession, nextId } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { buildReply } from '../../inbox/__tests__/reply-test-kit';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { alertList, buildAlert, buildIncident, defaultGuide } from './alerts-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
  localStorage.clear();
});

const alert = buildAlert({ seq: 4 });
const incident = buildIncident(alert);

const sockets: FakeSocket[] = [];

function openIncident(role: Role, routes: MockRoutes = {}) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role, { firstName: 'Pat', signature: 'Pat' }) },
    'GET /api/alerts': { status: 200, body: alertList([alert]) },
    'GET /api/alerts/:id/incident': { status: 200, body: incident },
    'GET /api/brands/:id/voice': { status: 200, body: defaultGuide() },
    ...routes,
  });
  const socket = new FakeSocket();
  sockets.push(socket);
  return renderApp(`/alerts/${alert.id}`, { socket });
}

const repliesResult = (queued: number) => ({
  queued,
  pendingApproval: 0,
  replies: incident.authors.slice(0, queued).map((a) => ({ authorId: a.authorId, mentionId: a.mentionId, replyId: nextId(), status: 'queued' })),
  skipped: [{ authorId: incident.authors[2]!.authorId, mentionId: incident.authors[2]!.mentionId, reason: 'already_replied', message: 'Already answered.' }],
});

describe('the incident view', () => {
  it('shows the jump, the surge against normal, the groups (mention text as text) and who is answered; a viewer only reads', async () => {
    const view = openIncident('viewer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme: complaints about delivery and delays 6.2× normal' })).toBeInTheDocument();
    expect(screen.getByText('Raised')).toBeInTheDocument();
    // The chart's numbers, for screen readers.
    const table = screen.getByRole('table', { name: /posted and expected per bucket/ });
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(within(table).getByRole('cell', { name: '23' })).toBeInTheDocument();
    // Groups: the category group's sample, whose text is markup, shows as text.
    const group = screen.getAllByTestId('incident-group')[0]!;
    await view.user.click(within(group).getByText('Delivery and delays'));
    expect(within(group).getByText('<img src=x onerror="alert(1)"> my parcel is late')).toBeInTheDocument();
    expect(group.querySelector('img')).toBeNull();
    const all = new URL(within(group).getByRole('link', { name: 'All 40 in the inbox' }).getAttribute('href')!, 'http://x');
    expect(Object.fromEntries(all.searchParams)).toMatchObject({ status: 'all', brandId: alert.brandId, postedFrom: alert.surgeStart, category: 'delivery' });
    // Authors with their answered state.
    const rows = screen.getAllByTestId('incident-author');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['@casey Casey', '@robin Robin', '@sam Sam']);
    expect(within(rows[2]!).getByText('Answered')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Not yet')).toBeInTheDocument();
    // The statement is there to read; no action for a viewer.
    expect(screen.getByText(/^Hi \{\{author\.name \| "there"\}\}, I'm sorry/).tagName).toBe('BLOCKQUOTE');
    expect(screen.queryByRole('button', { name: /Answer/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Post a status update' })).not.toBeInTheDocument();
  });

  it('re-checks the statement as the manager edits it, and blocks answering until a blocking problem is fixed', async () => {
    const view = openIncident('manager');
    const box = await screen.findByRole('textbox', { name: 'Holding statement' });
    await waitFor(() => expect(api!.callsTo('GET /api/brands/:id/voice')).toHaveLength(1));
    await view.user.type(box, ' Kindly wait.');
    const problems = await screen.findByRole('list', { name: 'Problems in the reply' });
    expect(within(problems).getByText('Must fix')).toBeInTheDocument();
    // What Casey gets: the statement rendered for them, with their reference.
    expect(screen.getByTestId('statement-preview')).toHaveTextContent(/^Hi Casey, I'm sorry about this\..* Kindly wait\. \(ref k7q2m\)$/);
    expect(screen.getByRole('button', { name: 'Answer 2 authors' })).toBeDisabled();
    await view.user.click(within(problems).getByRole('button', { name: 'Replace “Kindly” with “Please”' }));
    expect(box).toHaveValue(`${incident.holdingStatement.body} Please wait.`);
    expect(screen.getByRole('button', { name: 'Answer 2 authors' })).toBeEnabled();
  });

  it('answers the authors once: confirmed with the count, one request however often it is clicked, the result in words', async () => {
    let release: () => void = () => undefined;
    const view = openIncident('manager', {
      'POST /api/alerts/:id/replies': () =>
        new Promise((resolve) => {
          release = () => resolve({ status: 201, body: repliesResult(2) });
        }),
    });
    await view.user.click(await screen.findByRole('button', { name: 'Answer 2 authors' }));
    const confirm = screen.getByRole('group', { name: 'Answer 2 authors?' });
    const queue = within(confirm).getByRole('button', { name: 'Queue 2 replies' });
    await view.user.dblClick(queue);
    await view.user.click(queue);
    expect(api!.callsTo('POST /api/alerts/:id/replies')).toHaveLength(1);
    const sent = api!.callsTo('POST /api/alerts/:id/replies')[0]!;
    expect(sent.path).toBe(`/api/alerts/${alert.id}/replies`);
    expect(sent.body).toEqual({ body: incident.holdingStatement.body, clientKey: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await act(async () => release());
    expect(await screen.findByText('2 replies queued, 1 skipped: already answered.')).toBeInTheDocument();
    // The view is read again (who is answered changed).
    await waitFor(() => expect(api!.callsTo('GET /api/alerts/:id/incident')).toHaveLength(2));
  });

  it('retries with the same clientKey after an answer was lost, so nothing is queued twice', async () => {
    let attempt = 0;
    const view = openIncident('manager', {
      'POST /api/alerts/:id/replies': () => {
        attempt += 1;
        return attempt === 1 ? apiError(502, 'Bad Gateway', 'Upstream went away') : { status: 201, body: repliesResult(2) };
      },
    });
    await view.user.click(await screen.findByRole('button', { name: 'Answer 2 authors' }));
    await view.user.click(screen.getByRole('button', { name: 'Queue 2 replies' }));
    expect(await screen.findByText(/it may or may not have been taken/)).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Queue 2 replies' }));
    expect(await screen.findByText('2 replies queued, 1 skipped: already answered.')).toBeInTheDocument();
    const keys = api!.callsTo('POST /api/alerts/:id/replies').map((c) => (c.body as IncidentRepliesRequest).clientKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('posts one status update from the suggested account, confirmed first, retried with the same key', async () => {
    let attempt = 0;
    const view = openIncident('admin', {
      'POST /api/alerts/:id/status-post': (call) => {
        attempt += 1;
        if (attempt === 1) return apiError(503, 'Service Unavailable', 'Try again');
        const body = call.body as StatusPostRequest;
        return {
          status: 201,
          body: {
            id: nextId(),
            sourceId: body.sourceId ?? null,
            platform: 'mastodon',
            text: body.body,
            status: 'queued',
            author: { id: nextId(), name: 'Pat admin' },
            attempts: 0,
            lastError: null,
            externalId: null,
            externalUrl: null,
            createdAt: new Date().toISOString(),
            sentAt: null,
          },
        };
      },
    });
    expect(await screen.findByText('From Acme on Mastodon (Mastodon).')).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Post a status update' }));
    const confirm = screen.getByRole('group', { name: 'Post this update publicly from Acme on Mastodon?' });
    await view.user.click(within(confirm).getByRole('button', { name: 'Post it' }));
    expect(await screen.findByText(/it may or may not have been taken/)).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Post it' }));
    expect(await screen.findByText('Status update queued')).toBeInTheDocument();
    const calls = api!.callsTo('POST /api/alerts/:id/status-post').map((c) => c.body as StatusPostRequest);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[0]).toEqual({ body: incident.statusPostDraft.body, sourceId: incident.statusPostSources[0]!.id, clientKey: expect.any(String) });
  });

  it('follows the replies as they go out: a reply event for one of its authors reads the view again', async () => {
    const casey = incident.authors[0]!;
    let answered = false;
    openIncident('manager', {
      'GET /api/alerts/:id/incident': () => ({
        status: 200,
        body: answered
          ? {
              ...incident,
              authors: incident.authors.map((a) => (a === casey ? { ...a, replied: true, replyStatus: 'sent' } : a)),
              counts: { ...incident.counts, replied: 2, toAnswer: 1 },
            }
          : incident,
      }),
    });
    await screen.findByRole('button', { name: 'Answer 2 authors' });
    const socket = sockets.at(-1)!;
    socket.serverConnect();
    expect(screen.getByTestId('reply-progress')).toHaveTextContent('Replies: 1 sent');
    answered = true;
    const mention = buildMention({ id: casey.mentionId });
    // Another mention's reply changes nothing; one of the incident's is followed by one read.
    socket.serverEmit('reply.updated', { seq: 20, mention: buildMention(), reply: buildReply(buildMention(), { status: 'sent' }) });
    socket.serverEmit('reply.updated', { seq: 21, mention, reply: buildReply(mention, { status: 'queued' }) });
    socket.serverEmit('reply.updated', { seq: 22, mention, reply: buildReply(mention, { status: 'sent' }) });
    await waitFor(() => expect(screen.getByTestId('reply-progress')).toHaveTextContent('Replies: 2 sent'));
    expect(screen.getByRole('button', { name: 'Answer 1 author' })).toBeEnabled();
    expect(api!.callsTo('GET /api/alerts/:id/incident')).toHaveLength(2);
  });

  it('says so when the alert does not exist', async () => {
    openIncident('agent', { 'GET /api/alerts/:id/incident': apiError(404, 'Not Found', 'No such alert.') });
    expect(await screen.findByText('This alert does not exist (or belongs to another workspace).')).toBeInTheDocument();
  });
});

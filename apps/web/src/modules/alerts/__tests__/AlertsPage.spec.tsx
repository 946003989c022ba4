import { screen, waitFor, within } from '@testing-library/react';
import type { AlertEvent, Role, UpdateAlertRuleRequest } from '@earshot/contracts';
import { buildMention, buildSession } from '../../../test/factories';
import { FakeSocket } from '../../../test/fake-socket';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { renderApp } from '../../../test/render-app';
import { alertList, buildAlert, buildRule } from './alerts-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
  localStorage.clear();
});

const live = buildAlert({ seq: 7, raisedAt: '2026-12-05T14:04:00.000Z', detectedAt: '2026-12-05T14:04:20.000Z' });
const over = buildAlert({
  seq: 5,
  brandName: 'Globex',
  category: null,
  status: 'cleared',
  surgeStart: '2026-12-04T09:00:00.000Z',
  raisedAt: '2026-12-04T09:03:00.000Z',
  detectedAt: '2026-12-04T09:03:10.000Z',
  clearedAt: '2026-12-04T10:10:00.000Z',
  ratio: 3.46,
  observed: 18,
  expected: 5.2,
  topTerms: [{ term: 'outage', count: 11 }],
});
const past = buildAlert({
  seq: 1,
  status: 'cleared',
  historical: true,
  surgeStart: '2026-11-26T15:00:00.000Z',
  raisedAt: '2026-11-26T15:04:00.000Z',
  detectedAt: '2026-12-05T08:00:00.000Z',
  clearedAt: '2026-11-26T17:00:00.000Z',
  ratio: null,
  observed: 12,
  expected: 0,
});

function openAlerts(role: Role, routes: MockRoutes = {}, path = '/alerts') {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role) },
    // Newest raised first, whatever the order of the answer.
    'GET /api/alerts': { status: 200, body: alertList([over, past, live], 7) },
    ...routes,
  });
  const socket = new FakeSocket();
  return { ...renderApp(path, { socket }), socket };
}

const cards = () => screen.getAllByTestId('alert-card');

describe('the Alerts page', () => {
  it('lists alerts newest first: raised, over and found in the past, with the jump, the times and links to the mentions and the incident', async () => {
    openAlerts('agent');
    await screen.findByRole('list', { name: 'Alerts, newest first' });
    expect(cards().map((c) => within(c).getByRole('heading').textContent)).toEqual([
      'Acme: complaints about delivery and delays 6.2× normal',
      'Globex: mentions 3.5× normal',
      'Acme: complaints about delivery and delays where none are usual',
    ]);
    const [first, second, third] = cards() as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(first).getByText('Raised')).toBeInTheDocument();
    expect(within(second).getByText('Over')).toBeInTheDocument();
    expect(within(third).getByText('Found in the past')).toBeInTheDocument();
    expect(within(first).getByText('Still going on')).toBeInTheDocument();
    expect(within(first).getByRole('list', { name: 'Top terms of the surge' })).toHaveTextContent('delivery 30late 21refund 12');
    expect(within(second).getByText('18')).toBeInTheDocument();
    expect(within(second).getByText('5.2')).toBeInTheDocument();

    const mentions = within(second).getByRole('link', { name: '42 mentions in the inbox' });
    const url = new URL(mentions.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/inbox');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'all',
      brandId: over.brandId,
      postedFrom: '2026-12-04T09:00:00.000Z',
      postedTo: '2026-12-04T10:10:00.000Z',
    });
    expect(within(second).getByRole('link', { name: 'Open the incident view' })).toHaveAttribute('href', `/alerts/${over.id}`);
    // Agents read: no rules.
    expect(screen.queryByRole('heading', { name: 'Alert rules' })).not.toBeInTheDocument();
    expect(api!.callsTo('GET /api/alert-rules')).toHaveLength(0);
  });

  it('adds an alert raised while the page is open at the top, and shows it as over when it clears', async () => {
    const { socket } = openAlerts('viewer');
    await screen.findByRole('list', { name: 'Alerts, newest first' });
    socket.serverConnect();
    const fresh = buildAlert({ seq: 8, brandName: 'Initech', raisedAt: '2026-12-05T16:00:00.000Z', detectedAt: '2026-12-05T16:00:05.000Z' });
    socket.serverEmit('alert.raised', fresh);
    await waitFor(() => expect(cards()).toHaveLength(4));
    expect(within(cards()[0]!).getByRole('heading')).toHaveTextContent('Initech:');
    const cleared: AlertEvent = { ...fresh, seq: 9, status: 'cleared', clearedAt: '2026-12-05T16:40:00.000Z' };
    socket.serverEmit('alert.cleared', cleared);
    await waitFor(() => expect(within(cards()[0]!).getByText('Over')).toBeInTheDocument());
    expect(cards()).toHaveLength(4);
  });

  it('lets a manager switch a brand’s rule off, set where alerts go, and add a rule for one category', async () => {
    const brandRule = buildRule();
    const patches: UpdateAlertRuleRequest[] = [];
    const view = openAlerts('manager', {
      'GET /api/alert-rules': { status: 200, body: { items: [brandRule] } },
      'PATCH /api/alert-rules/:id': (call) => {
        const change = call.body as UpdateAlertRuleRequest;
        patches.push(change);
        if (change.webhookUrl === 'http://10.0.0.1/hook') {
          return apiError(400, 'Bad Request', 'Invalid request', [{ path: 'webhookUrl', message: 'must be an https URL' }]);
        }
        return { status: 200, body: { ...brandRule, ...change } };
      },
      'POST /api/alert-rules': (call) => ({ status: 201, body: buildRule({ category: (call.body as { category: string }).category }) }),
    });
    const rules = await screen.findByRole('region', { name: 'Alert rules' });
    const rule = await within(rules).findByTestId('alert-rule');
    expect(within(rule).getByText('Watching')).toBeInTheDocument();

    await view.user.click(within(rule).getByRole('switch', { name: 'Acme' }));
    await waitFor(() => expect(within(rule).getByText('Off')).toBeInTheDocument());
    expect(patches[0]).toEqual({ enabled: false });

    await view.user.click(within(rule).getByRole('button', { name: 'Edit where alerts for Acme go' }));
    const form = within(rule).getByRole('form', { name: 'Where alerts for Acme go' });
    await view.user.type(within(form).getByLabelText('Webhook URL'), 'http://10.0.0.1/hook');
    await view.user.type(within(form).getByLabelText('E-mail'), 'ops@example.com');
    await view.user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Webhook URL must be an https URL')).toBeInTheDocument();
    await view.user.clear(within(form).getByLabelText('Webhook URL'));
    await view.user.type(within(form).getByLabelText('Webhook URL'), 'https://hooks.example.com/T1');
    await view.user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(rule).getByText('Webhook: https://hooks.example.com/T1 · E-mail: ops@example.com')).toBeInTheDocument());
    expect(patches.at(-1)).toEqual({ webhookUrl: 'https://hooks.example.com/T1', email: 'ops@example.com' });

    const add = within(rules).getByRole('form', { name: 'Add a rule for one category' });
    await view.user.selectOptions(within(add).getByLabelText('Category'), 'outage');
    await view.user.click(within(add).getByRole('button', { name: 'Add rule for Acme' }));
    await waitFor(() => expect(within(rules).getAllByTestId('alert-rule')).toHaveLength(2));
    expect(api!.callsTo('POST /api/alert-rules')[0]!.body).toEqual({ brandId: brandRule.brandId, category: 'outage' });
    expect(within(rules).getByRole('switch', { name: 'Acme · Outage or technical fault' })).toBeChecked();
  });

  it('shows the recurring questions and the suggestions on their own tab, texts as text', async () => {
    const asked = [1, 2, 3].map((n) => buildMention({ text: `Where is my order #${n}? <b>help</b>`, intent: 'question', author: { handle: `q${n}` } }));
    const idea = buildMention({ text: 'Please add <script>x</script> tracking by SMS', intent: 'suggestion' });
    openAlerts(
      'agent',
      {
        'GET /api/insights/recurring-questions': {
          status: 200,
          body: {
            range: { from: '2026-11-28T00:00:00.000Z', to: '2026-12-05T00:00:00.000Z' },
            scanned: 40,
            items: [
              {
                key: 'q1',
                question: 'Where is my order #1? <b>help</b>',
                representativeId: asked[0]!.id,
                authors: 3,
                mentions: 3,
                mentionIds: asked.map((m) => m.id),
                terms: ['order'],
                firstPostedAt: '2026-12-01T10:00:00.000Z',
                lastPostedAt: '2026-12-04T10:00:00.000Z',
                sample: asked,
              },
            ],
          },
        },
        'GET /api/insights/suggestions': { status: 200, body: { items: [idea], total: 1, nextCursor: null } },
      },
      '/alerts/insights',
    );
    const question = await screen.findByTestId('recurring-question');
    expect(within(question).getByText('“Where is my order #1? <b>help</b>”')).toBeInTheDocument();
    expect(within(question).getByText(/^3 people · 3 mentions/)).toBeInTheDocument();
    expect(api!.callsTo('GET /api/insights/recurring-questions')[0]!.query.toString()).toBe('days=7&minAuthors=3');
    const suggestions = await screen.findByRole('list', { name: 'Suggestions, newest first' });
    expect(within(suggestions).getByText('Please add <script>x</script> tracking by SMS')).toBeInTheDocument();
    expect(within(suggestions).getByRole('link', { name: 'Open in the inbox' })).toHaveAttribute('href', `/inbox/${idea.id}`);
    expect(document.querySelector('b, script')).toBeNull();
  });
});

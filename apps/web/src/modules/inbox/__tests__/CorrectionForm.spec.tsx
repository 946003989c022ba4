import { screen, waitFor } from '@testing-library/react';
import type { Mention, MentionCorrection } from '@earshot/contracts';
import { buildMention, buildMentionDetail } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import { correctionRequest } from '../components/CorrectionForm';
import { correctedTitle } from '../components/CorrectedMark';
import { checkInboxApiAfterEach, openInbox, rowOf, waitForRows, within } from './inbox-test-kit';

stubLayout();
checkInboxApiAfterEach();

const ANA = { id: '00000000-0000-4000-8000-0000000000a1', name: 'Ana' };

function scored(over: Partial<Mention> = {}): Mention {
  return buildMention({
    text: 'The app has been down all morning',
    sentiment: { label: 'negative', score: -0.6, confidence: 0.8 },
    urgency: { level: 'medium', score: 30, reasons: [] },
    intent: 'complaint',
    category: 'outage',
    ...over,
  });
}

function correctionOf(m: Mention, field: MentionCorrection['field'], oldValue: string | null, newValue: string): MentionCorrection {
  return {
    id: '00000000-0000-4000-8000-00000000c0' + (field.length % 10) + '1',
    mentionId: m.id,
    field,
    oldValue,
    newValue,
    confirmed: oldValue === newValue,
    user: ANA,
    createdAt: new Date(Date.now() - 2 * 60_000).toISOString(),
  };
}

describe('Inbox › correcting a mention’s scores', () => {
  it('opens with c, prefilled with the current values; saves the changed fields in one request and marks them', async () => {
    const m = scored();
    const after = scored({
      id: m.id,
      seq: m.seq + 5,
      urgency: { level: 'critical', score: 70, reasons: [] },
      sentiment: { label: 'neutral', score: -0.6, confidence: 1 },
      corrected: { sentiment: 'neutral', urgency: 'critical' },
    });
    let detailCalls = 0;
    const view = openInbox({
      items: [m],
      routes: {
        'GET /api/mentions/:id': () => {
          detailCalls += 1;
          return detailCalls === 1
            ? { status: 200, body: buildMentionDetail(m) }
            : {
                status: 200,
                body: {
                  ...buildMentionDetail(after),
                  corrections: [correctionOf(after, 'urgency', 'medium', 'critical'), correctionOf(after, 'sentiment', 'negative', 'neutral')],
                },
              };
        },
        'POST /api/mentions/:id/corrections': { status: 201, body: { mention: after, corrections: [] } },
      },
    });
    await waitForRows(1);
    view.socket.serverConnect();

    await view.user.keyboard('jc');
    const form = await screen.findByTestId('correction-form');
    const sentiment = within(form).getByLabelText('Sentiment');
    await waitFor(() => expect(sentiment).toHaveFocus());
    expect(sentiment).toHaveValue('negative');
    expect(within(form).getByLabelText('Intent')).toHaveValue('complaint');
    expect(within(form).getByLabelText('Category')).toHaveValue('outage');
    expect(within(form).getByLabelText('Urgency')).toHaveValue('medium');

    await view.user.selectOptions(sentiment, 'neutral');
    await view.user.selectOptions(within(form).getByLabelText('Urgency'), 'critical');
    await view.user.click(within(form).getByRole('button', { name: 'Save correction' }));

    expect(view.api.callsTo('POST /api/mentions/:id/corrections').map((c) => c.body)).toEqual([{ sentiment: 'neutral', urgencyLevel: 'critical' }]);
    await waitFor(() => expect(screen.queryByTestId('correction-form')).toBeNull());
    // Focus returns to the button that opened the form.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Correct scores' })).toHaveFocus());
    // The queue row shows the new level and the marker; the detail says who corrected what.
    await waitFor(() => expect(within(rowOf(m.id)).getByTestId('urgency-badge')).toHaveTextContent('Critical 70'));
    expect(within(rowOf(m.id)).getByTestId('corrected-marker')).toHaveAttribute('title', 'Corrected by the team: sentiment, urgency');
    await waitFor(() => expect(screen.getByTestId('corrected-urgency')).toHaveAttribute('title', 'Corrected by Ana, 2 min ago'));
    expect(screen.getByTestId('corrected-sentiment')).toHaveAttribute('title', 'Corrected by Ana, 2 min ago');
    expect(screen.queryByTestId('corrected-intent')).toBeNull();
  });

  it('saving with nothing changed confirms every value; Escape cancels; the api’s refusal is shown in plain words', async () => {
    const m = scored();
    const view = openInbox({
      items: [m],
      path: `/inbox/${m.id}`,
      routes: {
        'POST /api/mentions/:id/corrections': {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message: "Invalid request: category must be one of the workspace's categories: billing, delivery",
            issues: [{ path: 'category', message: "must be one of the workspace's categories: billing, delivery" }],
          },
        },
      },
    });
    await waitForRows(1);
    await view.user.click(await screen.findByRole('button', { name: 'Correct scores' }));
    await view.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('correction-form')).toBeNull());

    await view.user.click(screen.getByRole('button', { name: 'Correct scores' }));
    expect(screen.getByText(/Nothing changed: saving confirms these values are right/)).toBeInTheDocument();
    await view.user.click(screen.getByRole('button', { name: 'Confirm values' }));
    expect(view.api.callsTo('POST /api/mentions/:id/corrections').map((c) => c.body)).toEqual([
      { sentiment: 'negative', intent: 'complaint', category: 'outage', urgencyLevel: 'medium' },
    ]);
    expect(await screen.findByText(/must be one of the workspace's categories: billing, delivery/)).toBeInTheDocument();
    expect(screen.getByTestId('correction-form')).toBeInTheDocument();
  });

  it('viewers get no Correct button and c only explains why', async () => {
    const m = scored();
    const view = openInbox({ role: 'viewer', items: [m], path: `/inbox/${m.id}` });
    await waitForRows(1);
    await screen.findByTestId('mention-text');
    expect(screen.queryByRole('button', { name: 'Correct scores' })).toBeNull();
    await view.user.keyboard('jc');
    expect(await screen.findByText('Viewers can read the inbox but not change it.')).toBeInTheDocument();
    expect(screen.queryByTestId('correction-form')).toBeNull();
  });

  it('lists c in the shortcut help', async () => {
    const view = openInbox({ items: [scored()] });
    await waitForRows(1);
    await view.user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Correct sentiment, intent, category or urgency')).toBeInTheDocument();
  });
});

describe('correction helpers', () => {
  it('sends only changed fields, or all set values as a confirmation', () => {
    const m = scored({ category: null });
    expect(correctionRequest(m, { sentiment: 'negative', intent: 'complaint', category: '', urgencyLevel: 'high' })).toEqual({ urgencyLevel: 'high' });
    expect(correctionRequest(m, { sentiment: 'negative', intent: 'complaint', category: '', urgencyLevel: 'medium' })).toEqual({
      sentiment: 'negative',
      intent: 'complaint',
      urgencyLevel: 'medium',
    });
    expect(
      correctionRequest(scored({ sentiment: null, urgency: null, intent: null, category: null }), {
        sentiment: '',
        intent: '',
        category: '',
        urgencyLevel: '',
      }),
    ).toBeNull();
  });

  it('says who corrected or confirmed a field and when', () => {
    const m = scored();
    const now = new Date();
    expect(correctedTitle('urgency', [correctionOf(m, 'urgency', 'high', 'high')], now)).toBe('Confirmed by Ana, 2 min ago');
    expect(correctedTitle('intent', [], now)).toBe('The team corrected the intent');
  });
});

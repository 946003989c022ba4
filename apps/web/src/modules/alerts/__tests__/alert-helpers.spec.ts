import type { AlertEvent, LintFinding } from '@earshot/contracts';
import { alertFeedReducer, bannerAlerts, DISMISSED_KEPT, initialFeedState } from '../alert-feed-state';
import { alertHeadline, formatRatio } from '../alert-text';
import { addressedReply, findingsInBody } from '../statement-preview';
import { buildAlert } from './alerts-test-kit';

describe('the alert feed', () => {
  it('keeps one entry per alert, its latest version (higher seq; cleared on a tie), newest detected first', () => {
    const a = buildAlert({ seq: 3, detectedAt: '2026-12-05T10:00:00.000Z' });
    const b = buildAlert({ seq: 4, detectedAt: '2026-12-05T11:00:00.000Z' });
    const aCleared: AlertEvent = { ...a, seq: 6, status: 'cleared' };
    let state = alertFeedReducer(initialFeedState(null), { type: 'received', alerts: [a] });
    state = alertFeedReducer(state, { type: 'caughtUp', alerts: [aCleared, b], cursor: 6 });
    state = alertFeedReducer(state, { type: 'received', alerts: [a, b] });
    expect(bannerAlerts(state).map((x) => [x.id, x.status])).toEqual([
      [b.id, 'raised'],
      [a.id, 'cleared'],
    ]);
    expect(state.cursor).toBe(6);
    // A catch-up never moves the cursor back, unless the api's alerts are another database's.
    expect(alertFeedReducer(state, { type: 'caughtUp', alerts: [], cursor: 2 }).cursor).toBe(6);
    expect(alertFeedReducer(state, { type: 'caughtUp', alerts: [], cursor: 2, restart: true }).cursor).toBe(2);
  });

  it('remembers the latest dismissed ids, at most DISMISSED_KEPT', () => {
    let state = initialFeedState(null);
    for (let i = 0; i < DISMISSED_KEPT + 5; i++) state = alertFeedReducer(state, { type: 'dismiss', id: `id-${i}` });
    expect(state.dismissed).toHaveLength(DISMISSED_KEPT);
    expect(state.dismissed[0]).toBe('id-5');
  });
});

describe('alert words', () => {
  it('says the jump in one decimal below 10, whole above, and "where none are usual" when nothing was expected', () => {
    expect(formatRatio(6.24)).toBe('6.2×');
    expect(formatRatio(3)).toBe('3.0×');
    expect(formatRatio(12.6)).toBe('13×');
    expect(alertHeadline(buildAlert({ ratio: null, category: null, topTerms: [] }), 'Acme')).toBe('Spike: Acme mentions where none are usual');
    expect(alertHeadline(buildAlert({ metric: 'negative_share', category: null, ratio: 2.04 }), 'Acme')).toBe(
      'Spike: Acme negative share 2.0× normal — delivery, late, refund',
    );
  });
});

describe('what an author gets', () => {
  it('addresses the reply as the api does (the cases of its own spec)', () => {
    expect(addressedReply('Sorry about this. ^AU', { platform: 'x', handle: 'jane' }, 'abcde', '^AU')).toBe('@jane Sorry about this. (ref abcde) ^AU');
    expect(addressedReply('Hi @Jane, sorry. ^AU', { platform: 'x', handle: 'jane' }, 'abcde', '^AU')).toBe('Hi @Jane, sorry. (ref abcde) ^AU');
    expect(addressedReply('Sorry about this.', { platform: 'mastodon', handle: 'jane@m.example' }, 'abcde', '^AU')).toBe('Sorry about this. (ref abcde)');
  });

  it('moves a finding on the rendered reply to the same words in the statement, or to the whole text when they came from a variable', () => {
    const body = 'Hi {{author.name}}, kindly wait.';
    const preview = 'Hi Jane, kindly wait. (ref abcde)';
    const at = preview.indexOf('kindly');
    const finding = (start: number, end: number): LintFinding => ({
      ruleId: 'banned_phrase',
      severity: 'block',
      message: 'm',
      span: { start, end },
      fix: { span: { start, end }, replacement: 'please' },
      requiresApproval: false,
    });
    const [moved, lost] = findingsInBody(body, preview, [finding(at, at + 6), finding(3, 7)]);
    expect(moved!.span).toEqual({ start: body.indexOf('kindly'), end: body.indexOf('kindly') + 6 });
    expect(moved!.fix?.span).toEqual(moved!.span);
    expect(lost!.span).toBeNull();
    expect(lost!.fix).toBeNull();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { VoiceGuideBodySchema, type Role, type VoiceGuide, type VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '@earshot/voice';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildBrand, buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

const acme = buildBrand({ name: 'Acme', kind: 'own' });

/** A small guide, so the form is quick to read in a test. */
const small: VoiceGuideBody = {
  bannedPhrases: [{ phrase: 'valued customer', suggestion: null, severity: 'block' }],
  blamePhrases: ['you should have'],
  promisePhrases: ['refund'],
  excusePhrases: ['but'],
  requiredElements: { complaint: ['apologise'] },
  signOff: null,
  limits: { maxExclamations: 1, maxEmoji: 1, maxCapsWords: 0, readingGradeMax: 9 },
  allowedAcronyms: ['FAQ'],
  rules: {},
};

const asGuide = (body: VoiceGuideBody, customised: boolean): VoiceGuide => ({
  ...body,
  brandId: acme.id,
  customised,
  updatedAt: customised ? '2026-12-04T10:00:00.000Z' : null,
  updatedBy: customised ? { id: '00000000-0000-4000-8000-0000000000aa', name: 'Mo Manager' } : null,
});

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(role: Role, guide: VoiceGuide, extra: MockRoutes = {}) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role, { name: 'Dana Reyes', firstName: 'Dana', signature: 'DR' }) },
    'GET /api/brands': { status: 200, body: { items: [acme] } },
    'GET /api/brands/:id/voice': { status: 200, body: guide },
    ...extra,
  });
}

describe('Settings › Voice guide', () => {
  it('shows the brand’s guide and whether it is the default', async () => {
    serve('manager', asGuide(DEFAULT_VOICE_GUIDE, false));
    renderApp('/settings/voice');
    expect(await screen.findByText('Default guide')).toBeInTheDocument();
    expect(screen.getByLabelText('Banned phrase 1')).toHaveValue(DEFAULT_VOICE_GUIDE.bannedPhrases[0]!.phrase);
    expect(screen.getByLabelText('Complaint: Apologise')).toBeChecked();
    expect(screen.getByLabelText('Praise: Thanks')).toBeChecked();
    expect(screen.getByLabelText('Sign-off (optional)')).toHaveValue(DEFAULT_VOICE_GUIDE.signOff ?? '');
    // No reset while the brand uses the default.
    expect(screen.queryByRole('button', { name: 'Reset to the default' })).not.toBeInTheDocument();
    expect(api.callsTo('GET /api/brands/:id/voice')[0]?.path).toBe(`/api/brands/${acme.id}/voice`);
  });

  it('lists every rule with its description and saves a severity override', async () => {
    serve('admin', asGuide(small, true), {
      'PUT /api/brands/:id/voice': (call) => ({ status: 200, body: asGuide(call.body as VoiceGuideBody, true) }),
    });
    const { user } = renderApp('/settings/voice');
    const rules = await screen.findByRole('table', { name: 'Rules' });
    expect(within(rules).getByRole('rowheader', { name: /Hard to read/ })).toBeInTheDocument();
    expect(rules).toHaveTextContent("Flesch-Kincaid grade above the guide's ceiling");
    expect(within(rules).getByLabelText('Setting for Promise')).toHaveDisplayValue('Default (warns)');
    await user.selectOptions(within(rules).getByLabelText('Setting for Hard to read'), 'off');
    await user.click(screen.getByRole('button', { name: 'Save voice guide' }));
    expect(await screen.findByText('Saved. Replies for Acme are checked against this guide from now on.')).toBeInTheDocument();
    const [put] = api.callsTo('PUT /api/brands/:id/voice');
    expect((put?.body as VoiceGuideBody).rules).toEqual({ reading_level: 'off' });
  });

  it('edits phrases, required elements and limits, and sends a guide the schema accepts', async () => {
    serve('manager', asGuide(small, true), {
      'PUT /api/brands/:id/voice': (call) => ({ status: 200, body: asGuide(call.body as VoiceGuideBody, true) }),
    });
    const { user } = renderApp('/settings/voice');
    await user.click(await screen.findByRole('button', { name: 'Add a banned phrase' }));
    await user.type(screen.getByLabelText('Banned phrase 2'), 'kindly');
    await user.type(screen.getByLabelText('Suggestion for kindly'), 'please');
    await user.selectOptions(screen.getByLabelText('Severity of kindly'), 'warn');
    await user.type(screen.getByLabelText(/^Blame phrases/), '{enter}as per our policy');
    await user.click(screen.getByLabelText('Question: Next step'));
    await user.clear(screen.getByLabelText('Reading grade'));
    await user.type(screen.getByLabelText('Sign-off (optional)'), '^{{{{agent.signature}}');
    await user.click(screen.getByRole('button', { name: 'Save voice guide' }));

    await screen.findByText(/^Saved\./);
    const body = api.callsTo('PUT /api/brands/:id/voice')[0]?.body as VoiceGuideBody;
    expect(VoiceGuideBodySchema.safeParse(body).success).toBe(true);
    expect(body.bannedPhrases).toEqual([
      { phrase: 'valued customer', suggestion: null, severity: 'block' },
      { phrase: 'kindly', suggestion: 'please', severity: 'warn' },
    ]);
    expect(body.blamePhrases).toEqual(['you should have', 'as per our policy']);
    expect(body.requiredElements).toEqual({ complaint: ['apologise'], question: ['next_step'] });
    expect(body.limits).toEqual({ maxExclamations: 1, maxEmoji: 1, maxCapsWords: 0, readingGradeMax: null });
    expect(body.signOff).toBe('^{{agent.signature}}');
  });

  it('refuses a bad limit and an empty phrase with a suggestion before sending, and shows the api’s errors where they belong', async () => {
    serve('manager', asGuide(small, true), {
      'PUT /api/brands/:id/voice': apiError(400, 'Bad Request', 'Validation failed', [{ path: 'blamePhrases.0', message: 'must be at most 100 characters' }]),
    });
    const { user } = renderApp('/settings/voice');
    const exclamations = await screen.findByLabelText('Exclamation marks');
    await user.clear(exclamations);
    await user.type(exclamations, '25');
    await user.click(screen.getByRole('button', { name: 'Add a banned phrase' }));
    await user.type(screen.getByLabelText('Suggestion for phrase 2'), 'please');
    await user.click(screen.getByRole('button', { name: 'Save voice guide' }));
    expect(await screen.findByText('The guide was not saved: fix the problems marked below.')).toBeInTheDocument();
    expect(screen.getByText('Exclamation marks must be a whole number from 0 to 20')).toBeInTheDocument();
    expect(screen.getByText('Phrase is required')).toBeInTheDocument();
    expect(api.callsTo('PUT /api/brands/:id/voice')).toHaveLength(0);

    await user.clear(exclamations);
    await user.type(exclamations, '2');
    await user.click(screen.getByRole('button', { name: 'Remove phrase 2' }));
    await user.click(screen.getByRole('button', { name: 'Save voice guide' }));
    expect(await screen.findByText('Blame phrases, line 1, must be at most 100 characters')).toBeInTheDocument();
  });

  it('resets to the default after confirming', async () => {
    serve('manager', asGuide(small, true), {
      'DELETE /api/brands/:id/voice': { status: 204 },
    });
    const { user } = renderApp('/settings/voice');
    expect(await screen.findByText('Customised')).toBeInTheDocument();
    expect(screen.getByText(/by Mo Manager/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reset to the default' }));
    // After the DELETE the guide is read again: now the default.
    api.restore();
    api = mockApi({
      'DELETE /api/brands/:id/voice': { status: 204 },
      'GET /api/brands/:id/voice': { status: 200, body: asGuide(DEFAULT_VOICE_GUIDE, false) },
    });
    await user.click(within(screen.getByRole('group', { name: /Reset the voice guide of Acme/ })).getByRole('button', { name: 'Reset to the default' }));
    expect(await screen.findByText('Acme uses the default guide again.')).toBeInTheDocument();
    expect(screen.getByText('Default guide')).toBeInTheDocument();
    expect(screen.getByLabelText('Banned phrase 1')).toHaveValue(DEFAULT_VOICE_GUIDE.bannedPhrases[0]!.phrase);
    expect(api.callsTo('DELETE /api/brands/:id/voice')).toHaveLength(1);
  });

  it('lints a sample draft live against the guide as edited, before it is saved', async () => {
    serve('manager', asGuide(small, true));
    const { user } = renderApp('/settings/voice');
    const draft = await screen.findByLabelText('Sample reply');
    await user.type(draft, 'I am so sorry, kindly send us a DM and we will look into it today.');
    const tryDraft = screen.getByRole('region', { name: 'Try a draft' });
    expect(await within(tryDraft).findByText(/of 500 characters/)).toBeInTheDocument();
    expect(tryDraft).not.toHaveTextContent('Banned phrase');

    await user.click(screen.getByRole('button', { name: 'Add a banned phrase' }));
    await user.type(screen.getByLabelText('Banned phrase 2'), 'kindly');
    await user.type(screen.getByLabelText('Suggestion for kindly'), 'please');
    const findings = await screen.findByRole('list', { name: 'Findings for the sample reply' });
    await waitFor(() => expect(findings).toHaveTextContent(/Banned phrase.*“kindly” → “please”/));
    expect(document.querySelector('.marked-draft mark')).toHaveTextContent('kindly');
    expect(api.callsTo('PUT /api/brands/:id/voice')).toHaveLength(0);
  });

  it.each<Role>(['agent', 'trainee', 'viewer'])('lets a %s read the guide and try drafts, but not change it', async (role) => {
    serve(role, asGuide(small, true));
    const { user } = renderApp('/settings/voice');
    expect(await screen.findByLabelText('Banned phrase 1')).toBeDisabled();
    expect(screen.getByText('You can read the voice guide and try drafts against it; managers and admins change it.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Blame phrases/)).toBeDisabled();
    expect(screen.getByLabelText('Setting for Promise')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save voice guide' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reset to the default' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a banned phrase' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Sample reply'), 'Dear valued customer, thanks.');
    expect(await screen.findByRole('list', { name: 'Findings for the sample reply' })).toHaveTextContent('Banned phrase');
  });
});

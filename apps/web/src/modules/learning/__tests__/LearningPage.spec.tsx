import { screen, waitFor, within } from '@testing-library/react';
import type { LearningState, PhraseRule, Role, WorkspaceModel } from '@earshot/contracts';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildSession, nextId } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

function buildModel(o: Partial<WorkspaceModel> = {}): WorkspaceModel {
  return {
    id: nextId(),
    version: 1,
    status: 'active',
    metrics: {
      before: { sentimentMacroF1: 0.71, intentMacroF1: null, categoryMacroF1: null, agreement: 0.64, heldOut: 60 },
      after: { sentimentMacroF1: 0.78, intentMacroF1: null, categoryMacroF1: null, agreement: 0.7, heldOut: 60 },
      better: true,
    },
    trainedOn: { sentiment: 240, intent: 0, category: 0, urgency: 0 },
    trainedFrom: { posts: 300, upTo: '2026-12-01T10:00:00.000Z' },
    createdBy: { id: nextId(), name: 'Dana Reyes' },
    createdAt: '2026-12-01T10:05:00.000Z',
    activatedAt: '2026-12-01T10:06:00.000Z',
    error: null,
    ...o,
  };
}

function buildState(items: WorkspaceModel[], o: Partial<LearningState> = {}): LearningState {
  return {
    items,
    activeModelId: items.find((m) => m.status === 'active')?.id ?? null,
    labelledPosts: 312,
    labelledSinceLastModel: 12,
    minimumPosts: 20,
    ...o,
  };
}

const rule: PhraseRule = {
  id: nextId(),
  phrase: 'war zone',
  sentiment: 'neutral',
  urgency: null,
  category: null,
  createdBy: { id: nextId(), name: 'Dana Reyes' },
  createdAt: '2026-12-01T09:00:00.000Z',
};

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(role: Role, state: LearningState, rules: PhraseRule[] = [rule], extra: MockRoutes = {}) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role) },
    'GET /api/learning/models': { status: 200, body: state },
    'GET /api/learning/phrase-rules': { status: 200, body: { items: rules } },
    ...extra,
  });
}

describe('Settings › Learning', () => {
  it('shows each version with its held-out figures in plain words, who trained it and which is in use', async () => {
    const v2 = buildModel({
      version: 2,
      status: 'rejected',
      createdBy: null,
      error: 'Not used: it was not at least as good as the version 1 in use.',
      activatedAt: null,
    });
    const v1 = buildModel();
    serve('manager', buildState([v2, v1]));
    renderApp('/settings/learning');

    const list = await screen.findByRole('list', { name: 'Model versions' });
    const one = within(list).getByRole('article', { name: 'Version 1' });
    expect(one).toHaveTextContent('In use');
    expect(one).toHaveTextContent('by Dana Reyes from 300 labelled posts');
    expect(within(one).getByRole('list', { name: 'Held-out figures of version 1' })).toHaveTextContent(
      'sentiment macro-F1 0.71 → 0.78 on 60 held-out corrections',
    );
    const two = within(list).getByRole('article', { name: 'Version 2' });
    expect(two).toHaveTextContent('Not used (not better)');
    expect(two).toHaveTextContent('by the nightly run');
    expect(two).toHaveTextContent('Not used: it was not at least as good as the version 1 in use.');
    // A rejected version cannot be switched on; the active one needs no button.
    expect(screen.queryByRole('button', { name: /Use version/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Version 1 scores new posts\. 312 labelled posts in all; 12 since the last version\./)).toBeInTheDocument();
  });

  it('trains now and reloads the list; shows the api’s refusal as it comes', async () => {
    let state = buildState([]);
    let refuse = true;
    serve('manager', buildState([]), [], {
      'GET /api/learning/models': () => ({ status: 200, body: state }),
      'POST /api/learning/models': () => {
        if (refuse) return apiError(409, 'Conflict', 'Version 1 is being trained (started 2026-12-05T10:00:00.000Z); wait for it to finish.');
        const m = buildModel({ status: 'training', metrics: null, activatedAt: null });
        state = buildState([m]);
        return { status: 202, body: m };
      },
    });
    const { user } = renderApp('/settings/learning');
    await user.click(await screen.findByRole('button', { name: 'Train now' }));
    expect(await screen.findByText(/could not|Version 1 is being trained/)).toHaveTextContent('Version 1 is being trained');
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Train now' }));
    expect(await screen.findByText('Training…')).toBeInTheDocument();
    // While a version trains, Train now is off.
    expect(screen.getByRole('button', { name: 'Train now' })).toBeDisabled();
  });

  it('rolls back in one action and switches an older version back on', async () => {
    const v1 = buildModel({ version: 1, status: 'retired' });
    const v2 = buildModel({ version: 2, status: 'active' });
    serve('admin', buildState([v2, v1]), [], {
      'POST /api/learning/rollback': (call) => {
        expect(call.body).toEqual({ to: 'previous' });
        return {
          status: 200,
          body: buildState([
            { ...v2, status: 'retired' },
            { ...v1, status: 'active' },
          ]),
        };
      },
      'POST /api/learning/models/:id/activate': (call) => {
        expect(call.params.id).toBe(v2.id);
        return {
          status: 200,
          body: buildState([
            { ...v2, status: 'active' },
            { ...v1, status: 'retired' },
          ]),
        };
      },
    });
    const { user } = renderApp('/settings/learning');
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    expect(await screen.findByText('Rolled back from version 2.')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Version 1' })).getByText('In use')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use version 2' }));
    expect(await screen.findByText('Version 2 is in use; open mentions are being re-scored with it.')).toBeInTheDocument();
    expect(api.callsTo('POST /api/learning/rollback')).toHaveLength(1);
  });

  it('says how many more labelled posts training needs', async () => {
    serve('manager', buildState([], { labelledPosts: 7, labelledSinceLastModel: 7 }), []);
    renderApp('/settings/learning');
    expect(await screen.findByText('Training needs 20 labelled posts: correct or label 13 more in the inbox.')).toBeInTheDocument();
    expect(screen.getByText('No workspace model yet')).toBeInTheDocument();
  });

  it('adds and deletes phrase rules, with the api’s message on a refusal', async () => {
    const added: PhraseRule = { ...rule, id: nextId(), phrase: 'killer feature', sentiment: null, urgency: 'ignore' };
    let conflict = true;
    serve('manager', buildState([]), [rule], {
      'POST /api/learning/phrase-rules': (call) => {
        if (conflict) return apiError(409, 'Conflict', 'There is already a rule for "war zone"; delete it first to change it.');
        expect(call.body).toEqual({ phrase: 'killer feature', sentiment: null, urgency: 'ignore', category: null });
        return { status: 201, body: added };
      },
      'DELETE /api/learning/phrase-rules/:id': { status: 204 },
    });
    const { user } = renderApp('/settings/learning');
    const list = await screen.findByRole('list', { name: 'Phrase rules' });
    expect(list).toHaveTextContent('“war zone” sentiment neutral — added by Dana Reyes');

    const form = screen.getByRole('form', { name: 'Add a phrase rule' });
    await user.type(within(form).getByLabelText('Phrase'), 'war zone');
    await user.selectOptions(within(form).getByLabelText('Sentiment'), 'positive');
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText(/already a rule for "war zone"/)).toBeInTheDocument();

    conflict = false;
    await user.clear(within(form).getByLabelText('Phrase'));
    await user.type(within(form).getByLabelText('Phrase'), 'killer feature');
    await user.selectOptions(within(form).getByLabelText('Sentiment'), '');
    await user.click(within(form).getByRole('checkbox'));
    await user.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText('The rule for “killer feature” applies to posts scored from now on.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Phrase rules' })).toHaveTextContent('“killer feature” raises no urgency');

    await user.click(screen.getByRole('button', { name: 'Delete the rule for war zone' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Phrase rules' })).not.toHaveTextContent('war zone'));
    expect(api.callsTo('DELETE /api/learning/phrase-rules/:id')[0]?.path).toBe(`/api/learning/phrase-rules/${rule.id}`);
  });

  it('lets agents read without changing; keeps trainees and viewers out', async () => {
    serve('agent', buildState([buildModel({ status: 'retired' })]));
    renderApp('/settings/learning');
    expect(await screen.findByText('You can read the model versions and phrase rules; managers and admins change them.')).toBeInTheDocument();
    expect(await screen.findByRole('list', { name: 'Phrase rules' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Train now|Roll back|Use version|Delete/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a phrase rule' })).not.toBeInTheDocument();
  });

  it.each<Role>(['trainee', 'viewer'])('keeps a %s out and does not call the api', async (role) => {
    api = mockApi({ 'GET /api/auth/me': { status: 200, body: buildSession(role) } });
    renderApp('/settings/learning');
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
    expect(api.callsTo('GET /api/learning/models')).toHaveLength(0);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { CreateTemplateRequestSchema, type ReplyTemplate, type Role, type VoiceGuide } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '@earshot/voice';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildBrand, buildSession, nextId } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';

const acme = buildBrand({ name: 'Acme', kind: 'own' });
const rival = buildBrand({ name: 'Rival Co', kind: 'competitor' });

function buildTemplate(overrides: Partial<ReplyTemplate> = {}): ReplyTemplate {
  return {
    id: nextId(),
    brandId: acme.id,
    title: 'Late delivery apology',
    body: 'Hi {{author.name | "there"}}, I’m sorry your parcel is late. Send us a DM with your order number and I’ll chase it today. ^{{agent.signature}}',
    intents: ['complaint'],
    categories: ['delivery'],
    platform: null,
    language: 'en',
    shortcut: 'late',
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

const guide: VoiceGuide = { ...DEFAULT_VOICE_GUIDE, brandId: acme.id, customised: false, updatedAt: null, updatedBy: null };

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(role: Role, templates: ReplyTemplate[], extra: MockRoutes = {}) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role, { name: 'Dana Reyes', firstName: 'Dana', signature: 'DR' }) },
    'GET /api/brands': { status: 200, body: { items: [acme, rival] } },
    'GET /api/templates': (call) => ({ status: 200, body: { items: templates.filter((t) => t.brandId === call.query.get('brandId')) } }),
    'GET /api/brands/:id/voice': { status: 200, body: guide },
    ...extra,
  });
}

async function openForm(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Add template' }));
  return screen.getByRole('form', { name: 'Add a template for Acme' });
}

describe('Settings › Templates', () => {
  it('lists the brand’s templates with shortcut and fits, bodies as text', async () => {
    const sneaky = buildTemplate({
      title: 'Markup',
      body: '<img src=x onerror=alert(1)> thanks!',
      intents: [],
      categories: [],
      language: null,
      shortcut: null,
      platform: 'bluesky',
    });
    serve('manager', [buildTemplate(), sneaky]);
    renderApp('/settings/templates');

    const list = await screen.findByRole('list', { name: 'Templates of Acme' });
    const late = within(list).getByRole('article', { name: 'Late delivery apology' });
    expect(late).toHaveTextContent('/late');
    expect(late).toHaveTextContent('Complaint');
    expect(late).toHaveTextContent('Delivery and delays');
    expect(late).toHaveTextContent('PlatformAny');
    expect(late).toHaveTextContent('Languageen');
    const markup = within(list).getByRole('article', { name: 'Markup' });
    expect(markup).toHaveTextContent('<img src=x onerror=alert(1)> thanks!');
    expect(markup).toHaveTextContent('PlatformBluesky');
    expect(document.querySelector('img')).toBeNull();
    expect(api.callsTo('GET /api/templates')[0]?.query.get('brandId')).toBe(acme.id);
    // Competitors get no replies: only own brands have templates.
    expect(screen.queryByRole('combobox', { name: 'Brand' })).not.toBeInTheDocument();
    expect(screen.getByText('Acme', { selector: 'strong' })).toBeInTheDocument();
  });

  it('adds a template with a variable from the menu, previewed for a sample mention and the signed-in agent', async () => {
    const templates: ReplyTemplate[] = [];
    serve('manager', templates, {
      'POST /api/templates': (call) => ({ status: 201, body: buildTemplate({ ...(call.body as object), createdAt: '2026-12-05T09:00:00.000Z' }) }),
    });
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);

    await user.type(within(form).getByLabelText('Title'), 'Sorry it is late');
    const body = within(form).getByLabelText('Body');
    await user.type(body, 'Hi ');
    await user.click(within(form).getByRole('button', { name: 'Insert a variable' }));
    await user.click(within(form).getByRole('button', { name: /Author’s name/ }));
    expect(body).toHaveValue('Hi {{author.name | "there"}}');
    await user.type(body, ', I’m sorry your order is late. Send us a DM and I’ll check it now. ^{{{{agent.signature}}');
    await user.click(within(form).getByLabelText('Complaint'));
    await user.click(within(form).getByLabelText('Delivery and delays'));
    await user.type(within(form).getByLabelText('Shortcut (optional)'), '/late');

    const preview = within(form).getByRole('region', { name: 'Preview' });
    await waitFor(() =>
      expect(within(preview).getByTestId('template-preview-text')).toHaveTextContent(
        'Hi Casey Jordan, I’m sorry your order is late. Send us a DM and I’ll check it now. ^DR',
      ),
    );
    await user.click(within(preview).getByLabelText('The author has a display name'));
    expect(within(preview).getByTestId('template-preview-text')).toHaveTextContent(/^Hi there,/);

    await user.click(within(form).getByRole('button', { name: 'Add template' }));
    const article = await screen.findByRole('article', { name: 'Sorry it is late' });
    expect(article).toHaveTextContent('/late');
    const [post] = api.callsTo('POST /api/templates');
    expect(post?.body).toEqual({
      brandId: acme.id,
      title: 'Sorry it is late',
      body: 'Hi {{author.name | "there"}}, I’m sorry your order is late. Send us a DM and I’ll check it now. ^{{agent.signature}}',
      intents: ['complaint'],
      categories: ['delivery'],
      platform: null,
      language: null,
      shortcut: 'late',
    });
    expect(CreateTemplateRequestSchema.safeParse(post?.body).success).toBe(true);
    expect(screen.getByRole('status')).toHaveTextContent('“Sorry it is late” was added.');
  });

  it('points at an unknown variable in the body and sends nothing', async () => {
    serve('admin', []);
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Title'), 'Typo');
    await user.type(within(form).getByLabelText('Body'), 'Hi {{{{autor.name}}!');

    const problems = within(form).getByRole('list', { name: 'Problems in the body' });
    expect(problems).toHaveTextContent('Unknown variable "autor.name" (did you mean author.name?)');
    expect(problems).toHaveTextContent('(at character 4)');
    await user.click(within(form).getByRole('button', { name: 'Add template' }));
    expect(api.callsTo('POST /api/templates')).toHaveLength(0);
  });

  it('names a variable with neither a value nor a fallback for the sample author', async () => {
    serve('manager', []);
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Body'), 'Hi {{{{author.name}}, thanks!');
    const preview = within(form).getByRole('region', { name: 'Preview' });
    expect(await within(preview).findByTestId('template-preview-text')).toHaveTextContent('Hi Casey Jordan, thanks!');
    await user.click(within(preview).getByLabelText('The author has a display name'));
    expect(within(preview).getByText(/\{\{author\.name\}\} has no value here and no fallback/)).toBeInTheDocument();
  });

  it('shows the voice linter’s findings for the preview', async () => {
    serve('manager', []);
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Body'), 'Dear valued customer, we apologize for any inconvenience. ^{{{{agent.signature}}');
    const findings = await within(form).findByRole('list', { name: 'Voice guide findings' });
    const banned = within(findings)
      .getAllByRole('listitem')
      .filter((li) => li.textContent?.includes('Banned phrase'));
    expect(banned.length).toBeGreaterThan(0);
    expect(banned.map((li) => li.textContent).join(' ')).toMatch(/we apologize for any inconvenience.*→ “I'm sorry about this”/);
    expect(within(form).getByText(/^Blocked: an agent could not send this reply/)).toBeInTheDocument();
  });

  it('shows the api’s validation errors on their fields', async () => {
    serve('manager', [buildTemplate()], {
      'POST /api/templates': apiError(400, 'Bad Request', 'Validation failed', [{ path: 'shortcut', message: 'is already used by “Late delivery apology”' }]),
    });
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Title'), 'Another');
    await user.type(within(form).getByLabelText('Body'), 'Thanks {{{{author.name | "there"}}!');
    await user.type(within(form).getByLabelText('Shortcut (optional)'), 'late');
    await user.click(within(form).getByRole('button', { name: 'Add template' }));
    expect(await within(form).findByText('Shortcut is already used by “Late delivery apology”')).toBeInTheDocument();
    expect(within(form).getByLabelText('Shortcut (optional)')).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses a bad language and shortcut before sending', async () => {
    serve('manager', []);
    const { user } = renderApp('/settings/templates');
    const form = await openForm(user);
    await user.type(within(form).getByLabelText('Title'), 'Hello');
    await user.type(within(form).getByLabelText('Body'), 'Hello!');
    await user.type(within(form).getByLabelText('Language (optional)'), 'e1');
    await user.type(within(form).getByLabelText('Shortcut (optional)'), 'Not OK');
    await user.click(within(form).getByRole('button', { name: 'Add template' }));
    expect(await within(form).findByText('Language must be a two-letter language code such as en')).toBeInTheDocument();
    expect(within(form).getByText('Shortcut must be 1 to 32 lower-case letters, digits or dashes')).toBeInTheDocument();
    expect(api.callsTo('POST /api/templates')).toHaveLength(0);
  });

  it('edits only what changed, and deletes after confirming', async () => {
    const late = buildTemplate();
    serve('manager', [late], {
      'PATCH /api/templates/:id': (call) => ({ status: 200, body: { ...late, ...(call.body as object) } }),
      'DELETE /api/templates/:id': { status: 204 },
    });
    const { user } = renderApp('/settings/templates');
    await user.click(await screen.findByRole('button', { name: 'Edit Late delivery apology' }));
    const form = screen.getByRole('form', { name: 'Edit the template “Late delivery apology”' });
    await user.click(within(form).getByLabelText('Question'));
    await user.selectOptions(within(form).getByLabelText('Platform'), 'mastodon');
    await user.click(within(form).getByRole('button', { name: 'Save template' }));
    const article = await screen.findByRole('article', { name: 'Late delivery apology' });
    expect(api.callsTo('PATCH /api/templates/:id')[0]?.body).toEqual({ intents: ['complaint', 'question'], platform: 'mastodon' });
    expect(article).toHaveTextContent('PlatformMastodon');

    await user.click(within(article).getByRole('button', { name: 'Delete Late delivery apology' }));
    await user.click(screen.getByRole('button', { name: 'Delete template' }));
    expect(await screen.findByText('“Late delivery apology” was deleted.')).toBeInTheDocument();
    expect(api.callsTo('DELETE /api/templates/:id')[0]?.path).toBe(`/api/templates/${late.id}`);
    expect(screen.queryByRole('article', { name: 'Late delivery apology' })).not.toBeInTheDocument();
  });

  it.each<Role>(['agent', 'trainee', 'viewer'])('lets a %s read the templates but not change them', async (role) => {
    serve(role, [buildTemplate()]);
    renderApp('/settings');
    expect(await screen.findByRole('article', { name: 'Late delivery apology' })).toBeInTheDocument();
    expect(screen.getByText('You can read the templates; managers and admins change them.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add template' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit|Delete/ })).not.toBeInTheDocument();
    const tabs = within(screen.getByRole('navigation', { name: 'Settings' }))
      .getAllByRole('link')
      .map((l) => l.textContent);
    // Agents also read Settings › Learning.
    expect(tabs).toEqual(role === 'agent' ? ['Templates', 'Voice guide', 'Learning'] : ['Templates', 'Voice guide']);
  });

  it('switches between own brands', async () => {
    const beta = buildBrand({ name: 'Acme Beta', kind: 'own' });
    serve('manager', [buildTemplate(), buildTemplate({ brandId: beta.id, title: 'Beta welcome', shortcut: null })], {
      'GET /api/brands': { status: 200, body: { items: [acme, rival, beta] } },
    });
    const { user } = renderApp('/settings/templates');
    const picker = await screen.findByRole('combobox', { name: 'Brand' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Acme', 'Acme Beta']);
    await user.selectOptions(picker, beta.id);
    expect(await screen.findByRole('article', { name: 'Beta welcome' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Late delivery apology' })).not.toBeInTheDocument();
  });
});

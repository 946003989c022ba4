import { screen, within } from '@testing-library/react';
import { CreateBrandRequestSchema, CreateListeningQueryRequestSchema, type Brand, type ListeningQuery, type Role } from '@earshot/contracts';
import { apiError, mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { buildBrand, buildListeningQuery, buildSession } from '../../../test/factories';
import { renderApp } from '../../../test/render-app';
import { excerptAround } from '../components/QueryErrorPointer';

const acme = buildBrand({ name: 'Acme Airlines', kind: 'own', handles: ['acme', 'acme_help'] });
const rival = buildBrand({ name: 'Globex', kind: 'competitor', handles: [] });
const luggage = buildListeningQuery({
  brandId: acme.id,
  name: 'Lost luggage',
  query: '"lost luggage" AND (refund OR cancel) NOT @acme lang:en',
  topic: 'Baggage',
});
const mentions = buildListeningQuery({ brandId: acme.id, name: 'Mentions', query: '@acme OR #acmeair', enabled: false });

let api: MockApi;
afterEach(() => {
  expect(api.unhandled).toEqual([]);
  api.restore();
});

function serve(role: Role = 'manager', extra: MockRoutes = {}, brands: Brand[] = [acme, rival], queries: ListeningQuery[] = [luggage, mentions]) {
  api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession(role) },
    'GET /api/brands': { status: 200, body: { items: brands } },
    'GET /api/listening-queries': { status: 200, body: { items: queries } },
    ...extra,
  });
}

async function brandCard(name: string): Promise<HTMLElement> {
  return screen.findByRole('article', { name });
}

describe('Settings › Brands & queries', () => {
  it('lists brands with their kind, handles and listening queries', async () => {
    serve();
    renderApp('/settings/listening');

    const card = await brandCard('Acme Airlines');
    expect(card).toHaveTextContent('Own brand');
    const handles = within(card).getByRole('list', { name: 'Handles of Acme Airlines' });
    expect(
      within(handles)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['@acme', '@acme_help']);

    const table = within(card).getByRole('table', { name: 'Listening queries of Acme Airlines' });
    const row = within(table).getByRole('rowheader', { name: 'Lost luggage' }).closest('tr')!;
    expect(within(row).getByText(luggage.query).tagName).toBe('CODE');
    expect(row).toHaveTextContent('Baggage');
    expect(within(row).getByRole('switch', { name: /Lost luggage enabled/ })).toBeChecked();
    expect(within(table).getByRole('switch', { name: /Mentions enabled/ })).not.toBeChecked();

    const globex = await brandCard('Globex');
    expect(globex).toHaveTextContent('Competitor');
    expect(globex).toHaveTextContent('No handles');
    expect(globex).toHaveTextContent('No listening queries yet');
  });

  it('renders brand and query text as text, never as markup', async () => {
    const sneaky = buildBrand({ name: '<img src=x onerror=alert(1)>' });
    const q = buildListeningQuery({ brandId: sneaky.id, name: '<b>bold</b>', query: '"<script>alert(1)</script>"' });
    serve('manager', {}, [sneaky], [q]);
    renderApp('/settings/listening');

    const card = await brandCard('<img src=x onerror=alert(1)>');
    expect(card).toHaveTextContent('<b>bold</b>');
    expect(card).toHaveTextContent('"<script>alert(1)</script>"');
    expect(document.querySelector('img, script, b')).toBeNull();
  });

  it('checks the query while it is typed and points at the problem', async () => {
    serve('manager', {
      'POST /api/listening-queries/validate': ({ body }) => {
        const query = (body as { query: string }).query;
        const open = query.indexOf('(');
        return open >= 0 && !query.includes(')')
          ? { status: 200, body: { valid: false, error: { message: 'This parenthesis is never closed: add )', position: open } } }
          : { status: 200, body: { valid: true, error: null } };
      },
    });
    const { user } = renderApp('/settings/listening');

    const card = await brandCard('Globex');
    await user.click(within(card).getByRole('button', { name: 'Add query to Globex' }));
    const form = within(card).getByRole('form', { name: 'Add a query to Globex' });
    expect(form).toHaveTextContent('How to write a query');
    expect(form).toHaveTextContent('"lost luggage" AND (refund OR cancel) NOT @acme lang:en');

    await user.type(within(form).getByLabelText('Name'), 'Refunds');
    const editor = within(form).getByLabelText('Query');
    await user.type(editor, 'globex AND (refund OR cancel');

    const message = await within(form).findByText(/This parenthesis is never closed: add \)/);
    expect(message).toHaveTextContent('This parenthesis is never closed: add ) (at character 12, “(”)');
    expect(editor).toHaveAttribute('aria-invalid', 'true');
    expect(editor).toHaveAccessibleDescription(expect.stringContaining('This parenthesis is never closed'));
    const excerpt = within(form).getByTestId('query-error-excerpt');
    expect(excerpt.querySelector('mark')).toHaveTextContent('(');
    expect(excerpt.textContent).toBe('globex AND (refund OR cancel\n           ^');
    // Debounced: far fewer checks than keystrokes, the last one for the whole text.
    const checks = api.callsTo('POST /api/listening-queries/validate');
    expect(checks.length).toBeLessThan(5);
    expect(checks.at(-1)?.body).toEqual({ query: 'globex AND (refund OR cancel' });

    await user.click(within(form).getByRole('button', { name: 'Show in the query' }));
    expect(editor).toHaveFocus();
    expect((editor as HTMLTextAreaElement).selectionStart).toBe(11);

    // Saving is held back while the query is known to be wrong.
    await user.click(within(form).getByRole('button', { name: 'Add query' }));
    expect(api.callsTo('POST /api/listening-queries')).toHaveLength(0);

    await user.click(editor);
    await user.keyboard('{End})');
    expect(await within(form).findByText('✓ The query is valid.')).toBeInTheDocument();
    expect(within(form).queryByText(/never closed/)).not.toBeInTheDocument();
  });

  it('adds a query to a brand, and shows a problem the api found on save under the query', async () => {
    const created = buildListeningQuery({ brandId: rival.id, name: 'Refunds', query: 'globex refund', topic: 'Refunds' });
    let attempt = 0;
    serve('manager', {
      'POST /api/listening-queries/validate': { status: 200, body: { valid: true, error: null } },
      'POST /api/listening-queries': () => {
        attempt += 1;
        return attempt === 1
          ? {
              status: 400,
              body: {
                statusCode: 400,
                error: 'Bad Request',
                message: 'Invalid request: query A * prefix needs at least 3 letters before it',
                issues: [{ path: 'query', message: 'A * prefix needs at least 3 letters before it' }],
                position: 7,
              },
            }
          : { status: 201, body: created };
      },
    });
    const { user } = renderApp('/settings/listening');

    const card = await brandCard('Globex');
    await user.click(within(card).getByRole('button', { name: 'Add query to Globex' }));
    const form = within(card).getByRole('form', { name: 'Add a query to Globex' });
    await user.type(within(form).getByLabelText('Name'), 'Refunds');
    await user.type(within(form).getByLabelText('Query'), 'globex refund');
    await user.type(within(form).getByLabelText('Topic (optional)'), 'Refunds');
    await within(form).findByText('✓ The query is valid.');
    await user.click(within(form).getByRole('button', { name: 'Add query' }));

    expect(await within(form).findByText('A * prefix needs at least 3 letters before it')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Add query' }));

    expect(await screen.findByRole('status')).toHaveTextContent('The query “Refunds” was added to Globex.');
    expect(within(card).getByRole('rowheader', { name: 'Refunds' })).toBeInTheDocument();
    const body = api.callsTo('POST /api/listening-queries')[1]?.body;
    expect(body).toEqual({ brandId: rival.id, name: 'Refunds', query: 'globex refund', topic: 'Refunds', enabled: true });
    expect(CreateListeningQueryRequestSchema.safeParse(body).success).toBe(true);
  });

  it('turns a query off and on with its switch', async () => {
    serve('manager', { 'PATCH /api/listening-queries/:id': ({ body }) => ({ status: 200, body: { ...luggage, ...(body as object) } }) });
    const { user } = renderApp('/settings/listening');

    const card = await brandCard('Acme Airlines');
    const toggle = within(card).getByRole('switch', { name: /Lost luggage enabled/ });
    await user.click(toggle);

    expect(await screen.findByRole('status')).toHaveTextContent('The query “Lost luggage” is off: it matches no new mentions.');
    expect(toggle).not.toBeChecked();
    const [patch] = api.callsTo('PATCH /api/listening-queries/:id');
    expect(patch?.path).toBe(`/api/listening-queries/${luggage.id}`);
    expect(patch?.body).toEqual({ enabled: false });
  });

  it('deletes a brand only after a confirmation that warns its queries go too', async () => {
    serve('manager', { 'DELETE /api/brands/:id': { status: 204 } });
    const { user } = renderApp('/settings/listening');

    const card = await brandCard('Acme Airlines');
    await user.click(within(card).getByRole('button', { name: 'Delete brand Acme Airlines' }));
    const confirm = within(card).getByRole('group', { name: 'Delete the brand “Acme Airlines”?' });
    expect(confirm).toHaveTextContent('Its 2 listening queries are deleted too');
    expect(api.callsTo('DELETE /api/brands/:id')).toHaveLength(0);

    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(card).queryByRole('group', { name: /Delete the brand/ })).not.toBeInTheDocument();
    expect(api.callsTo('DELETE /api/brands/:id')).toHaveLength(0);

    await user.click(within(card).getByRole('button', { name: 'Delete brand Acme Airlines' }));
    await user.click(within(card).getByRole('button', { name: 'Delete brand' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Acme Airlines was deleted.');
    expect(screen.queryByRole('article', { name: 'Acme Airlines' })).not.toBeInTheDocument();
    expect(api.callsTo('DELETE /api/brands/:id')[0]?.path).toBe(`/api/brands/${acme.id}`);
  });

  it('deletes a query after confirmation', async () => {
    serve('manager', { 'DELETE /api/listening-queries/:id': { status: 204 } });
    const { user } = renderApp('/settings/listening');

    const card = await brandCard('Acme Airlines');
    await user.click(within(card).getByRole('button', { name: 'Delete query Mentions' }));
    await user.click(within(card).getByRole('button', { name: 'Delete query' }));

    expect(await screen.findByRole('status')).toHaveTextContent('The query “Mentions” was deleted.');
    expect(within(card).queryByRole('rowheader', { name: 'Mentions' })).not.toBeInTheDocument();
  });

  it('adds a brand with handles, and puts a taken name next to the field', async () => {
    const created = buildBrand({ name: 'Initech', kind: 'competitor', handles: ['initech', 'initech@mastodon.social'] });
    let attempt = 0;
    serve('admin', {
      'POST /api/brands': () => {
        attempt += 1;
        return attempt === 1 ? apiError(409, 'Conflict', 'a brand with this name already exists') : { status: 201, body: created };
      },
    });
    const { user } = renderApp('/settings/listening');

    await user.click(await screen.findByRole('button', { name: 'Add brand' }));
    const form = screen.getByRole('form', { name: 'Add a brand' });
    await user.type(within(form).getByLabelText('Name'), 'Initech');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'competitor');
    await user.type(within(form).getByLabelText('Handles'), '@initech, initech@mastodon.social');
    await user.click(within(form).getByRole('button', { name: 'Add brand' }));

    expect(await within(form).findByText('A brand with this name already exists.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(form).getByRole('button', { name: 'Add brand' }));
    expect(await brandCard('Initech')).toHaveTextContent('@initech@mastodon.social');
    const body = api.callsTo('POST /api/brands')[1]?.body;
    expect(body).toEqual({ name: 'Initech', kind: 'competitor', handles: ['@initech', 'initech@mastodon.social'] });
    expect(CreateBrandRequestSchema.safeParse(body).success).toBe(true);
  });

  it('names the handle that is not valid before sending anything', async () => {
    serve('manager');
    const { user } = renderApp('/settings/listening');

    await user.click(await screen.findByRole('button', { name: 'Add brand' }));
    const form = screen.getByRole('form', { name: 'Add a brand' });
    await user.type(within(form).getByLabelText('Name'), 'Initech');
    await user.type(within(form).getByLabelText('Handles'), '@initech no/slash');
    await user.click(within(form).getByRole('button', { name: 'Add brand' }));

    expect(await within(form).findByText('Handle “no/slash” must be a handle such as @acme or acme@mastodon.social')).toBeInTheDocument();
    expect(api.callsTo('POST /api/brands')).toHaveLength(0);
  });

  it('says so when brands cannot be loaded, and retries', async () => {
    let fail = true;
    serve('manager', {
      'GET /api/brands': () => (fail ? apiError(500, 'Internal Server Error', 'database is down') : { status: 200, body: { items: [rival] } }),
    });
    const { user } = renderApp('/settings/listening');

    expect(await screen.findByRole('alert')).toHaveTextContent('Brands and queries could not be loaded');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await brandCard('Globex')).toBeInTheDocument();
  });
});

describe('excerptAround', () => {
  it('marks the character at the position, on its own line, with the caret column', () => {
    expect(excerptAround('a OR\n(b AND', 5)).toEqual({ before: '', at: '(', after: 'b AND', column: 0 });
    expect(excerptAround('acme AND', 8)).toEqual({ before: 'acme AND', at: ' ', after: '', column: 8 });
    const long = `${'x'.repeat(100)}(y`;
    const cut = excerptAround(long, 100);
    expect(cut.before.startsWith('…')).toBe(true);
    expect(cut.at).toBe('(');
    expect(cut.column).toBe(cut.before.length);
  });
});

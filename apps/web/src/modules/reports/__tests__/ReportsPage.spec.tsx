import { screen, waitFor, within } from '@testing-library/react';
import { buildSession } from '../../../test/factories';
import { apiError } from '../../../test/mock-api';
import { currentApi, FORMULA_TEXT, HOSTILE_TEXT, LIST, location, OLDER_ID, openReports, REPORT_ID, reportFixture } from './report-test-kit';

const report = { 'GET /api/reports/:id': { status: 200, body: reportFixture() } };

/** The cells of a figures table's row, by the figure's name: [this week, last week, change]. */
function row(table: HTMLElement, name: string): string[] {
  const header = within(table).getByRole('rowheader', { name });
  return [...header.closest('tr')!.querySelectorAll('td')].map((td) => td.textContent ?? '');
}

describe('Reports: the list of weeks', () => {
  it('lists the weeks newest first with their headline and direction, and a viewer cannot build', async () => {
    openReports('viewer', { 'GET /api/reports': { status: 200, body: { items: LIST } } });
    const weeks = await screen.findAllByTestId('report-week');
    expect(weeks).toHaveLength(2);
    expect(within(weeks[0]!).getByRole('link', { name: '30 Nov – 6 Dec 2026' })).toHaveAttribute('href', `/reports/${REPORT_ID}`);
    expect(weeks[0]).toHaveTextContent("Reputation fell: net sentiment −12.4 points, driven by complaints about delivery after Tuesday's outage");
    expect(weeks[0]!.querySelector('[data-direction]')).toHaveAttribute('data-direction', 'worse');
    expect(weeks[0]).toHaveTextContent('Worse');
    expect(weeks[0]).toHaveTextContent('E-mailed 7 Dec 2026, 07:01');
    expect(within(weeks[1]!).getByRole('link', { name: '23 – 29 Nov 2026' })).toHaveAttribute('href', `/reports/${OLDER_ID}`);
    expect(weeks[1]).toHaveTextContent('Better');
    expect(weeks[1]).toHaveTextContent('Built 30 Nov 2026, 07:00');
    expect(screen.queryByRole('button', { name: 'Build report for week…' })).not.toBeInTheDocument();
  });

  it('says when the first report comes and who can build one', async () => {
    openReports('manager', { 'GET /api/reports': { status: 200, body: { items: [] } } });
    expect(await screen.findByRole('heading', { name: 'No reports yet' })).toBeInTheDocument();
    expect(screen.getByText(/07:00 in Europe\/Berlin/)).toHaveTextContent('You can build one for any past week now.');
    expect(screen.getByRole('button', { name: 'Build report for week…' })).toBeInTheDocument();
  });

  it('shows a load error with Try again', async () => {
    let fail = true;
    const { user } = openReports('viewer', {
      'GET /api/reports': () => (fail ? apiError(503, 'Service Unavailable', 'database is down') : { status: 200, body: { items: LIST } }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The reports could not be loaded');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('report-week')).toHaveLength(2);
  });
});

describe('Reports: building a week', () => {
  it('builds the week of any day picked (Monday weeks) and opens the report', async () => {
    const { user } = openReports('manager', {
      'GET /api/reports': { status: 200, body: { items: LIST } },
      'POST /api/reports/weekly': { status: 200, body: reportFixture({ weekStart: '2026-11-02' }) },
      ...report,
    });
    await user.click(await screen.findByRole('button', { name: 'Build report for week…' }));
    const day = screen.getByLabelText('Any day of the week');
    await user.clear(day);
    await user.type(day, '2026-11-04');
    // Wednesday 4 Nov 2026 lies in the week from Monday 2 to Sunday 8 November.
    expect(screen.getByText(/Reports 2 – 8 Nov 2026 \(Monday to Sunday\)/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Build report' }));
    await waitFor(() => expect(currentApi().callsTo('POST /api/reports/weekly')).toHaveLength(1));
    expect(currentApi().callsTo('POST /api/reports/weekly')[0]!.body).toEqual({ weekStart: '2026-11-02' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Week of 30 Nov – 6 Dec 2026' })).toBeInTheDocument();
    expect(location.current).toBe(`/reports/${REPORT_ID}`);
  });

  it('uses the workspace’s week start (Sunday) and says a week with a report is rebuilt', async () => {
    const session = buildSession('admin');
    const { user } = openReports(
      'admin',
      {
        'GET /api/reports': { status: 200, body: { items: [{ ...LIST[0]!, weekStart: '2026-11-01', label: '1 – 7 Nov 2026' }] } },
        'POST /api/reports/weekly': { status: 200, body: reportFixture() },
        ...report,
      },
      '/reports',
      { ...session, workspace: { ...session.workspace, reportWeekStart: 0 } },
    );
    expect(await screen.findByText(/Weeks start on Sunday/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Build report for week…' }));
    const day = screen.getByLabelText('Any day of the week');
    await user.clear(day);
    await user.type(day, '2026-11-04');
    expect(screen.getByText(/1 – 7 Nov 2026 \(Sunday to Saturday\)/)).toHaveTextContent('This week has a report');
    await user.click(screen.getByRole('button', { name: 'Rebuild report' }));
    await waitFor(() => expect(currentApi().callsTo('POST /api/reports/weekly')).toHaveLength(1));
    expect(currentApi().callsTo('POST /api/reports/weekly')[0]!.body).toEqual({ weekStart: '2026-11-01' });
  });

  it('refuses a week that has not ended without asking the api, and shows the api’s reason next to the field', async () => {
    const { user } = openReports('manager', {
      'GET /api/reports': { status: 200, body: { items: [] } },
      'POST /api/reports/weekly': apiError(400, 'Bad Request', 'Invalid request', [
        { path: 'weekStart', message: 'must be a complete week: the week of 2026-11-02 ends 2026-11-09 in Europe/Berlin' },
      ]),
    });
    await user.click(await screen.findByRole('button', { name: 'Build report for week…' }));
    const day = screen.getByLabelText('Any day of the week');
    await user.clear(day);
    await user.type(day, '2099-01-07');
    await user.click(screen.getByRole('button', { name: 'Build report' }));
    expect(screen.getByText(/That week has not ended yet: the latest complete week is/)).toBeInTheDocument();
    expect(day).toHaveAttribute('aria-invalid', 'true');
    expect(currentApi().callsTo('POST /api/reports/weekly')).toHaveLength(0);

    await user.clear(day);
    await user.type(day, '2026-11-04');
    await user.click(screen.getByRole('button', { name: 'Build report' }));
    expect(await screen.findByText('Week must be a complete week: the week of 2026-11-02 ends 2026-11-09 in Europe/Berlin')).toBeInTheDocument();
    expect(location.current).toBe('/reports');
  });
});

describe('Reports: one week', () => {
  it('shows the headline, the key figures and the team’s figures against last week', async () => {
    openReports('viewer', report, `/reports/${REPORT_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Week of 30 Nov – 6 Dec 2026' })).toBeInTheDocument();
    expect(screen.getByText(/Acme Coffee · weekly reputation report · Built by the weekly schedule 7 Dec 2026, 07:00 · e-mailed 7 Dec 2026, 07:01/)).toBeInTheDocument();
    expect(screen.getByTestId('report-headline')).toHaveTextContent(
      "Reputation fell: net sentiment −12.4 points, driven by complaints about delivery after Tuesday's outage",
    );
    const headline = screen.getByRole('region', { name: 'Headline' });
    expect(headline.querySelector('[data-direction]')).toHaveAttribute('data-direction', 'worse');
    expect(headline).toHaveTextContent('Net sentiment −3.2 (−12.4 points on last week’s +9.2) · four-week average +7.6');

    const figures = screen.getByRole('table', { name: 'This week against last week' });
    expect(row(figures, 'Net sentiment')).toEqual(['−3.2', '+9.2', '−12.4 points']);
    // (1284 − 1032) / 1032 = 24.4 %; reach 2.48M against 1.91M = +29.8 %; own share 41.2 % against 38.5 %.
    expect(row(figures, 'Mentions')).toEqual(['1,284', '1,032', '+24 %']);
    expect(row(figures, 'Reach')).toEqual(['2.5M', '1.9M', '+30 %']);
    expect(row(figures, 'Share of voice')).toEqual(['41.2 %', '38.5 %', '+2.7 pp']);
    expect(within(figures).getByText('−12.4 points')).toHaveClass('report-change--worse');
    expect(within(figures).getByText('+2.7 pp')).toHaveClass('report-change--better');
    expect(within(figures).getByText('+24 %')).toHaveClass('report-change--neutral');

    const team = screen.getByRole('table', { name: 'The team\'s figures (no agent is named)' });
    expect(row(team, 'SLA attainment')).toEqual(['87.4 %', '93.1 %', '−5.7 pp']);
    expect(row(team, 'Median first response')).toEqual(['38 min', '24 min', '+14 min']);
    expect(row(team, 'Response rate')).toEqual(['78.2 %', '78.2 %', 'no change']);
    // (412 − 298) / 298 = 38.3 %.
    expect(row(team, 'Replies sent')).toEqual(['412', '298', '+38 %']);
    // A slower first response is bad news.
    expect(within(team).getByText('+14 min')).toHaveClass('report-change--worse');
    expect(within(team).getByText('−5.7 pp')).toHaveClass('report-change--worse');
  });

  it('draws the daily net sentiment and the share of voice, with their figures in tables', async () => {
    openReports('viewer', report, `/reports/${REPORT_ID}`);
    const net = await screen.findByRole('img', { name: 'Net sentiment by day' });
    // Six days with scored mentions; Sunday had none and has no bar.
    const bars = [...net.querySelectorAll('rect.report-chart__bar')];
    expect(bars.map((b) => b.getAttribute('data-date'))).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(bars[1]).toHaveAttribute('fill', '#b42318');
    expect(bars[0]).toHaveAttribute('fill', '#067647');
    expect(screen.getByText('Highest Sat 5 (+25.8), lowest Tue 1 (−42.2).')).toBeInTheDocument();
    const byDay = screen.getByRole('table', { name: 'Net sentiment by day' });
    expect(within(byDay).getAllByRole('row')).toHaveLength(8);
    expect(row(byDay, '2026-12-01')).toEqual(['41', '70', '152', '−42.2']);
    expect(row(byDay, '2026-12-06')).toEqual(['0', '0', '0', '–']);

    const voice = screen.getByRole('img', { name: 'Share of voice' });
    expect(voice.querySelectorAll('rect.report-chart__bar')).toHaveLength(3);
    const shares = screen.getByRole('table', { name: 'Share of voice' });
    expect(row(shares, 'Acme Coffee (own brand)')).toEqual(['1,284', '41.2 %', '38.5 %', '+2.7 pp']);
    expect(row(shares, 'Globex Roasters (competitor)')).toEqual(['1,002', '32.1 %', '33.4 %', '−1.3 pp']);
  });

  it('shows the themes with owner and examples as text, never as HTML', async () => {
    openReports('viewer', report, `/reports/${REPORT_ID}`);
    const themes = await screen.findAllByTestId('report-theme');
    expect(themes.map((t) => t.getAttribute('data-category'))).toEqual(['delivery', 'billing']);
    const delivery = themes[0]!;
    expect(within(delivery).getByRole('heading', { level: 3, name: 'Delivery' })).toBeInTheDocument();
    // (132 − 41) / 41 = +222 %: more complaints is bad news.
    expect(delivery).toHaveTextContent('132 complaints+222 % (41 last week)Investigating');
    expect(within(delivery).getByText('+222 %')).toHaveClass('report-change--worse');
    expect(delivery).toHaveTextContent('Owner: Logistics (logistics@acme.example)');
    const examples = within(delivery).getAllByTestId('report-mention');
    expect(examples[0]!.querySelector('blockquote')!.textContent).toBe(HOSTILE_TEXT);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(examples[0]).toHaveTextContent('@kasia_w · X · 1.8K followers · Tue 1 Dec, 10:12');
    expect(within(examples[0]!).getByRole('link', { name: 'Tue 1 Dec, 10:12' })).toHaveAttribute('href', 'https://x.example/kasia/1');
    // A javascript: address is not a link.
    expect(within(examples[1]!).queryByRole('link')).not.toBeInTheDocument();
    expect(examples[1]).toHaveTextContent('Заказ №4471 опаздывает на пять дней!');

    const billing = themes[1]!;
    // (58 − 61) / 61 = −4.9 %: fewer complaints is good news.
    expect(within(billing).getByText('−5 %')).toHaveClass('report-change--better');
    expect(billing).toHaveTextContent('No owner yet');
    expect(within(billing).getByTestId('report-mention').querySelector('blockquote')!.textContent).toBe(FORMULA_TEXT);
  });

  it('shows the alerts and how they were handled, notable mentions and the conversation as the customer saw it', async () => {
    openReports('viewer', report, `/reports/${REPORT_ID}`);
    const alerts = await screen.findByTestId('report-alerts');
    expect(row(alerts, 'Tue 1 Dec, 09:35')).toEqual(['Tue 1 Dec: delivery mentions ran 4.6 times the usual rate for 9 hours.', '64 replies, status post', '18 min']);
    expect(screen.getByText('One alert this week; the team answered within 18 minutes and posted a status update.')).toBeInTheDocument();

    const praise = screen.getByRole('list', { name: 'Positive mentions with the highest reach' });
    expect(praise).toHaveTextContent('Love the new dark mode@barista_lena · Bluesky · 184K followers');
    const criticism = screen.getByRole('list', { name: 'Negative mentions with the highest reach' });
    expect(criticism).toHaveTextContent('Acme lost my order and charged me twice.@techcritic · X · 356K followers');

    const conversation = screen.getByRole('region', { name: 'One conversation, as the customer saw it' });
    const steps = within(conversation).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.report-conversation__who')?.textContent)).toEqual(['They wrote', 'They waited', 'We replied', 'Then they wrote']);
    expect(steps[0]).toHaveTextContent('My beans were supposed to arrive Monday. Anyone around?');
    expect(steps[1]).toHaveTextContent('23 min');
    expect(steps[2]).toHaveTextContent('Hi Jess, sorry about this: we re-sent your order by express.Tue 1 Dec, 10:25');
    expect(steps[3]).toHaveTextContent('Okay, that was quick and kind. Thanks!');
    expect(screen.getByText(/^Generated 7 Dec 2026, 07:00 \(Europe\/Berlin\) · week of 168 hours · team figures only/)).toBeInTheDocument();
  });

  it('offers the PDF and the print view to every role, and Send now only to managers', async () => {
    openReports('viewer', report, `/reports/${REPORT_ID}`);
    const pdf = await screen.findByRole('link', { name: 'Download PDF' });
    expect(pdf).toHaveAttribute('href', `/api/reports/${REPORT_ID}/pdf`);
    expect(pdf).toHaveAttribute('download');
    expect(screen.getByRole('link', { name: 'Print view' })).toHaveAttribute('href', `/reports/${REPORT_ID}/print`);
    expect(screen.queryByRole('button', { name: 'Send now' })).not.toBeInTheDocument();
  });

  it('sends the report after a confirmation and says who got it and who did not', async () => {
    const { user } = openReports(
      'manager',
      {
        ...report,
        'POST /api/reports/:id/send': {
          status: 200,
          body: {
            sent: ['ceo@acme.example'],
            failed: [{ email: 'cfo@acme.example', reason: 'the SMTP server refused the address' }],
            emailedAt: '2026-12-08T09:00:00.000Z',
          },
        },
      },
      `/reports/${REPORT_ID}`,
    );
    await user.click(await screen.findByRole('button', { name: 'Send now' }));
    expect(currentApi().callsTo('POST /api/reports/:id/send')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Send to recipients' }));
    const result = await screen.findByText('Sent to 1 recipient(s)');
    expect(result.closest('.alert')).toHaveTextContent('ceo@acme.example');
    expect(result.closest('.alert')).toHaveTextContent('Not sent to cfo@acme.example: The SMTP server refused the address.');
    expect(currentApi().callsTo('POST /api/reports/:id/send').map((c) => c.path)).toEqual([`/api/reports/${REPORT_ID}/send`]);
    // The report is read again (its e-mail state).
    await waitFor(() => expect(currentApi().callsTo('GET /api/reports/:id')).toHaveLength(2));
  });

  it('says plainly why a report could not be sent', async () => {
    const { user } = openReports(
      'admin',
      { ...report, 'POST /api/reports/:id/send': apiError(409, 'Conflict', 'The report has no recipients yet: an admin adds them under Settings › Reports.') },
      `/reports/${REPORT_ID}`,
    );
    await user.click(await screen.findByRole('button', { name: 'Send now' }));
    await user.click(screen.getByRole('button', { name: 'Send to recipients' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The report has no recipients yet: an admin adds them under Settings › Reports.');
  });

  it('says when a report does not exist', async () => {
    openReports('viewer', { 'GET /api/reports/:id': apiError(404, 'Not Found', 'No such report in this workspace.') }, `/reports/${REPORT_ID}`);
    expect(await screen.findByRole('alert')).toHaveTextContent('No such report in this workspace.');
    expect(screen.getByRole('link', { name: '← All weeks' })).toHaveAttribute('href', '/reports');
  });
});

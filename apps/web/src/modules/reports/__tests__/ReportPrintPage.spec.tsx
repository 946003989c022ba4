import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { apiError } from '../../../test/mock-api';
import { HOSTILE_TEXT, openReports, REPORT_ID, reportFixture } from './report-test-kit';

const printPath = `/reports/${REPORT_ID}/print`;

describe('Report print view', () => {
  it('renders the report as one sheet without the app’s header, navigation or alert banner', async () => {
    openReports('viewer', { 'GET /api/reports/:id': { status: 200, body: reportFixture() } }, printPath);
    const sheet = await screen.findByTestId('report-sheet');
    expect(within(sheet).getByRole('heading', { level: 1, name: '30 Nov – 6 Dec 2026' })).toBeInTheDocument();
    expect(sheet).toHaveTextContent('Weekly reputation report · Acme Coffee');
    expect(within(sheet).getByTestId('report-headline')).toHaveTextContent('Reputation fell: net sentiment −12.4 points');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Spike alerts' })).not.toBeInTheDocument();
    // Section headings under the one h1, figures in tables.
    expect(within(sheet).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Headline',
      'Key figures',
      'Response performance',
      'Net sentiment by day',
      'Share of voice',
      'Complaint themes for other departments',
      'Alerts and how the team handled them',
      'Notable mentions',
      'One conversation, as the customer saw it',
    ]);
    expect(within(sheet).getByRole('table', { name: 'This week against last week' })).toBeInTheDocument();
    // Paper has no links; the words are still text, not markup.
    expect(within(sheet).queryAllByRole('link')).toEqual([]);
    expect(within(sheet).getAllByTestId('report-mention')[0]!.querySelector('blockquote')!.textContent).toBe(HOSTILE_TEXT);
    // The charts are drawn at the sheet's fixed size.
    expect(within(sheet).getByRole('img', { name: 'Net sentiment by day' }).querySelector('svg')).toHaveAttribute('width', '330');
    expect(document.title).toBe('Weekly report 30 Nov – 6 Dec 2026 – Acme Coffee');
  });

  it('prints with the browser’s dialog from a toolbar that is not printed', async () => {
    const print = jest.fn();
    const original = window.print;
    window.print = print;
    try {
      const { user } = openReports('viewer', { 'GET /api/reports/:id': { status: 200, body: reportFixture() } }, printPath);
      await screen.findByTestId('report-sheet');
      const toolbar = screen.getByRole('group', { name: 'Print view actions' });
      expect(toolbar).toHaveClass('report-print__toolbar');
      expect(within(toolbar).getByRole('link', { name: '← Back to the report' })).toHaveAttribute('href', `/reports/${REPORT_ID}`);
      expect(within(toolbar).getByRole('link', { name: 'Download PDF' })).toHaveAttribute('href', `/api/reports/${REPORT_ID}/pdf`);
      await user.click(within(toolbar).getByRole('button', { name: 'Print' }));
      expect(print).toHaveBeenCalledTimes(1);
    } finally {
      window.print = original;
    }
  });

  it('has print rules: A4 with the sheet’s own margins, the toolbar hidden', () => {
    const css = readFileSync(path.resolve('src/modules/reports/reports.css'), 'utf8');
    const print = css.slice(css.indexOf('@media print'));
    expect(print).toMatch(/@page\s*{\s*size: A4;\s*margin: 0;\s*}/);
    expect(print).toMatch(/\.report-print__toolbar\s*{\s*display: none;\s*}/);
    expect(css).toMatch(/\.report-sheet\s*{[^}]*width: 210mm;/);
  });

  it('says when the report cannot be loaded', async () => {
    openReports('viewer', { 'GET /api/reports/:id': apiError(404, 'Not Found', 'No such report in this workspace.') }, printPath);
    expect(await screen.findByRole('alert')).toHaveTextContent('No such report in this workspace.');
    expect(screen.getByRole('button', { name: 'Print' })).toBeDisabled();
  });
});

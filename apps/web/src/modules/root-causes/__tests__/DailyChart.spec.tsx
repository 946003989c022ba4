import { render, screen, within } from '@testing-library/react';
import { DailyChart } from '../components/DailyChart';

const days = [
  { date: '2026-12-01', volume: 4, negativeShare: 0.5 },
  { date: '2026-12-02', volume: 2, negativeShare: 1 },
  { date: '2026-12-03', volume: 0, negativeShare: null },
  { date: '2026-12-04', volume: 1, negativeShare: 0 },
];

describe('DailyChart', () => {
  it('names itself, describes the numbers, and lists them in a table', () => {
    render(<DailyChart label="Delivery and delays" days={days} fixDate="2026-12-03" />);
    const chart = screen.getByRole('img', { name: /Complaints a day: Delivery and delays/ });
    expect(chart).toHaveAccessibleName(
      'Complaints a day: Delivery and delays 7 complaints from 2026-12-01 to 2026-12-04, most on 2026-12-01 (4). Fix shipped on 2026-12-03. Bars: complaints a day; line: share negative.',
    );
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['2026-12-01450 %', '2026-12-022100 %', '2026-12-03 (fix shipped)0–', '2026-12-0410 %']);
  });

  it('draws a bar a day, breaks the share line on a day without complaints, and marks the fix day', () => {
    const { container } = render(<DailyChart label="Delivery" days={days} fixDate="2026-12-03" />);
    expect(container.querySelectorAll('rect')).toHaveLength(4);
    // Days 1-2 are one line; day 4 stands alone as a dot.
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    const marker = screen.getByTestId('fix-marker');
    expect(marker.getAttribute('x1')).toBe(String((280 / 4) * 2));
  });

  it('marks nothing without a fix', () => {
    render(<DailyChart label="Delivery" days={days} />);
    expect(screen.queryByTestId('fix-marker')).not.toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import { UrgencyReasons } from '../components/UrgencyReasons';

describe('UrgencyReasons', () => {
  it('says which reason holds the mention at a level (a floor), and shows the others plainly', () => {
    render(
      <UrgencyReasons
        urgency={{
          level: 'critical',
          score: 70,
          reasons: [
            { code: 'danger', weight: 52, text: 'someone may be in danger now (at least critical)', triggers: ['is trapped'], floor: 'critical' },
            { code: 'negativity', weight: 18, text: 'negative tone (80% sure)', triggers: [] },
          ],
        }}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent("Keeps this mention at critical or above, whatever the author's reach");
    expect(items[0]).toHaveTextContent('Triggered by: “is trapped”');
    expect(items[1]).not.toHaveTextContent('Keeps this mention');
  });
});

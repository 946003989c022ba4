import { render, screen } from '@testing-library/react';
import { StreamQueryInput, streamQueryError } from '../components/StreamQueryInput';
import { streamOf } from '../source-platforms';

describe('StreamQueryInput (shared by the add and edit source forms)', () => {
  const hashtag = streamOf('mastodon', 'hashtag');
  const notifications = streamOf('mastodon', 'notifications');

  it('labels and hints the query from the platform table; the example only where asked for', () => {
    const { rerender } = render(<StreamQueryInput stream={hashtag} value="" onChange={() => undefined} withPlaceholder />);
    expect(screen.getByLabelText('Hashtag')).toHaveAttribute('placeholder', 'acmesupport');
    expect(screen.getByText('A hashtag without #.')).toBeInTheDocument();
    rerender(<StreamQueryInput stream={hashtag} value="acme" onChange={() => undefined} />);
    expect(screen.getByLabelText('Hashtag')).not.toHaveAttribute('placeholder');
  });

  it('shows the note, or nothing, for a stream without a query', () => {
    const { container, rerender } = render(
      <StreamQueryInput stream={notifications} value="" onChange={() => undefined} noQueryNote="This stream needs no query." />,
    );
    expect(screen.getByText('This stream needs no query.')).toBeInTheDocument();
    rerender(<StreamQueryInput stream={notifications} value="" onChange={() => undefined} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('asks for a query only where the stream takes one', () => {
    expect(streamQueryError(hashtag, '')).toBe('Hashtag is required for this stream');
    expect(streamQueryError(hashtag, 'acme')).toBeUndefined();
    expect(streamQueryError(notifications, '')).toBeUndefined();
  });
});

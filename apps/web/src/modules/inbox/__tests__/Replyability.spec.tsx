import { screen, within } from '@testing-library/react';
import type { Replyability } from '@earshot/contracts';
import { buildMention, buildMentionDetail } from '../../../test/factories';
import { stubLayout } from '../../../test/layout-stub';
import { checkInboxApiAfterEach, openInbox, rowOf, waitForRows } from './inbox-test-kit';

stubLayout();
checkInboxApiAfterEach();

async function openWith(replyability: Replyability, url = 'https://example.com/feed/item-1') {
  const m = buildMention({ platform: 'rss', url, text: 'A blog post about Acme' });
  openInbox({ items: [m], path: `/inbox/${m.id}`, routes: { 'GET /api/mentions/:id': { status: 200, body: buildMentionDetail(m, { replyability }) } } });
  await waitForRows(1);
  return screen.findByTestId('replyability');
}

describe('Inbox › what cannot be answered says so', () => {
  it('a feed item offers "Open the original" instead of a composer', async () => {
    const notice = await openWith({ code: 'feed', canReply: false, message: null });
    expect(within(notice).getByRole('link', { name: 'Open the original' })).toHaveAttribute('href', 'https://example.com/feed/item-1');
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).not.toBeInTheDocument();
  });

  it('a source without the credentials to post names them', async () => {
    const notice = await openWith({ code: 'missing_credentials', canReply: false, message: 'The source cannot post replies.', missing: ['appPassword'] });
    expect(notice).toHaveTextContent('Missing: appPassword.');
    expect(screen.queryByRole('button', { name: 'Reply' })).not.toBeInTheDocument();
  });

  it('a competitor-only mention cannot be answered in our brand’s name', async () => {
    const notice = await openWith({ code: 'competitor_only', canReply: false, message: null });
    expect(notice).toHaveTextContent('cannot be answered in our brand’s name');
  });

  it('a javascript: URL is never a link', async () => {
    const notice = await openWith({ code: 'feed', canReply: false, message: null }, 'javascript:alert(1)');
    expect(within(notice).queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('Inbox › queue rows show the reply summary', () => {
  it.each([
    [{ total: 1, sent: 1, awaitingApproval: 0, inFlight: 0, needsAttention: 0, lastStatus: 'sent' as const }, 'replied'],
    [{ total: 1, sent: 0, awaitingApproval: 1, inFlight: 0, needsAttention: 0, lastStatus: 'pending_approval' as const }, 'awaiting approval'],
    [{ total: 2, sent: 1, awaitingApproval: 0, inFlight: 0, needsAttention: 1, lastStatus: 'failed' as const }, 'reply failed'],
  ])('%o reads "%s"', async (replies, label) => {
    const m = buildMention({ replies });
    openInbox({ items: [m] });
    await waitForRows(1);
    expect(within(rowOf(m.id)).getByTestId('reply-summary')).toHaveTextContent(label);
  });

  it('no replies: no badge', async () => {
    const m = buildMention();
    openInbox({ items: [m] });
    await waitForRows(1);
    expect(within(rowOf(m.id)).queryByTestId('reply-summary')).not.toBeInTheDocument();
  });
});

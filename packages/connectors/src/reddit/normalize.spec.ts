import { readFileSync } from 'node:fs';
import { isRedditTombstone, normalizeRedditThing, selfPostText } from './normalize.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const listing = JSON.parse(readFileSync(new URL('./__fixtures__/comments-listing.json', import.meta.url), 'utf8')) as {
  data: { children: Record<string, unknown>[] };
};

describe('normalizeRedditThing', () => {
  it('maps a t1 comment', () => {
    expect(normalizeRedditThing(listing.data.children[0]!, 'reddit:subreddit:gadgets')).toMatchObject({
      platform: 'reddit',
      externalId: 't1_lq2x9zc',
      url: 'https://www.reddit.com/r/gadgets/comments/1gk2abc/acme_x1_review/lq2x9zc/',
      author: { externalId: 't2_8f3k2', handle: 'throwaway_42', followers: null },
      text: 'Acme support ghosted me again & again',
      lang: null,
      createdAt: '2025-11-20T09:14:03.000Z',
      editedAt: '2025-11-20T09:15:00.000Z',
      thread: { rootId: 't3_1gk2abc', parentId: 't3_1gk2abc' },
      replyTarget: { platform: 'reddit', fullname: 't1_lq2x9zc' },
    });
  });
  it('recognises removed comments', () => {
    const d = listing.data.children[1]!['data'] as Record<string, unknown>;
    expect(isRedditTombstone(d)).toBe(true);
    expect(isRedditTombstone(listing.data.children[0]!['data'] as Record<string, unknown>)).toBe(false);
  });
});

describe('a self post shows its title once', () => {
  const post = (title: string, selftext: string) =>
    normalizeRedditThing(
      { kind: 't3', data: { name: 't3_abc', title, selftext, author: 'u1', permalink: '/r/gadgets/comments/abc/x/', created_utc: 1763630043 } },
      'reddit:subreddit:gadgets',
    )!.text;

  it('shows the title alone when the body repeats it (case, spaces and a closing stop aside)', () => {
    expect(post('Acme X1 battery dies in 2 hours', 'Acme X1 battery dies in 2 hours')).toBe('Acme X1 battery dies in 2 hours');
    expect(post('Acme X1 battery dies in 2 hours', '  acme x1   battery dies\nin 2 hours.\n')).toBe('Acme X1 battery dies in 2 hours');
    expect(post('Refund &amp; support?', 'Refund & support?')).toBe('Refund & support?');
  });

  it('shows the title, then only the rest of a body that starts with it', () => {
    expect(post('Acme X1 battery dies in 2 hours', 'Acme X1 battery dies in 2 hours. Bought it last week, support never answered.')).toBe(
      'Acme X1 battery dies in 2 hours\n\nBought it last week, support never answered.',
    );
    expect(post('Acme support is gone', 'Acme support is gone\n\nThird ticket this month.')).toBe('Acme support is gone\n\nThird ticket this month.');
  });

  it('shows the body alone when the title is its opening cut short with an ellipsis', () => {
    expect(post('So I ordered an Acme ket...', 'So I ordered an Acme kettle and it broke after a day')).toBe(
      'So I ordered an Acme kettle and it broke after a day',
    );
    expect(post('Acme kettle broke\u2026', 'Acme kettle broke on day two.')).toBe('Acme kettle broke on day two.');
  });

  it('keeps title and body when the body says something else (a longer word is not a repeat)', () => {
    expect(post('Acme', 'Acmeville has the best store')).toBe('Acme\n\nAcmeville has the best store');
    expect(post('Acme X1 review', 'Great battery, poor support')).toBe('Acme X1 review\n\nGreat battery, poor support');
    expect(post('Link post', '')).toBe('Link post');
    expect(post('', 'Body only')).toBe('Body only');
  });

  it('stays linear on a long title that the body almost repeats', () => {
    const started = cpuMs();
    expect(selfPostText('a '.repeat(100_000), 'a '.repeat(99_999) + 'b')).toBe(`${'a '.repeat(100_000)}\n\n${'a '.repeat(99_999)}b`);
    expect(cpuMs() - started).toBeLessThan(2000);
  });
});

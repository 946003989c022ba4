const SYNTAX: readonly { code: string; meaning: string }[] = [
  { code: '"lost luggage"', meaning: 'the exact phrase' },
  { code: 'refund delay', meaning: 'words next to each other must all appear (AND)' },
  { code: 'cancel*', meaning: 'words starting with “cancel” (3+ letters before *)' },
  { code: 'AND  OR', meaning: 'both terms, or either term' },
  { code: 'NOT job  -job', meaning: 'leave out posts with the term' },
  { code: '( … )', meaning: 'group terms' },
  { code: '@acme', meaning: 'mentions of a handle' },
  { code: '#acmefail', meaning: 'a hashtag' },
  { code: 'lang:en', meaning: 'posts in one language (two-letter code)' },
  { code: 'platform:reddit', meaning: 'one platform: mastodon, bluesky, reddit, x or rss' },
];

/** How to write a listening query, next to the editor. */
export function QueryHelp({ id }: { id: string }) {
  return (
    <aside className="query-help" id={id} aria-labelledby={`${id}-title`}>
      <p className="query-help__title" id={`${id}-title`}>
        How to write a query
      </p>
      <dl className="query-help__list">
        {SYNTAX.map((item) => (
          <div key={item.code}>
            <dt>
              <code>{item.code}</code>
            </dt>
            <dd>{item.meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="query-help__example">
        Example: <code>"lost luggage" AND (refund OR cancel) NOT @acme lang:en</code>
      </p>
    </aside>
  );
}

import type { ReactNode } from 'react';

/** True for absolute http(s) URLs: the only kind the dashboard turns into links. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link that opens in a new tab without handing it our window. Anything that is not an
 * http(s) URL (`javascript:`, `data:`, garbage) is shown as plain text instead.
 */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  const content = children ?? href;
  if (!isHttpUrl(href)) return <span>{content}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {content}
    </a>
  );
}

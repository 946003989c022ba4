import type { ReactNode } from 'react';
import { isHttpUrl } from '../url/is-http-url';

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

import { isHttpUrl } from '../../../shared/url/is-http-url';

/** A link to the original post, only for http(s) addresses (post URLs are attacker-controlled). */
export function PostLink({ url, label = 'View the original post' }: { url: string | null; label?: string }) {
  if (!isHttpUrl(url)) return null;
  return (
    <a className="post-link" href={url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}

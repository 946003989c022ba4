import { createHash } from 'node:crypto';
import { escapeHtml, header, type SimContext, type SimRequest, type SimResponse } from '../context.js';

const ITEMS = 50;

/** RSS 2.0 (`/feed.xml`) and Atom (`/atom.xml`) of the newest posts, with ETag/Last-Modified. */
export function handleRss(req: SimRequest, ctx: SimContext): SimResponse {
  const path = req.path.replace(/\/+$/, '');
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/feed.xml' && path !== '/atom.xml'))
    return { status: 404, body: 'Not Found', contentType: 'text/plain' };
  const posts = ctx.store
    .list('rss')
    .filter((p) => !p.deleted)
    .slice(-ITEMS)
    .reverse();
  const newest = posts[0];
  const lastModified = new Date(newest ? newest.indexedAt : 0).toUTCString();
  const etag = `W/"${createHash('sha1')
    .update(posts.map((p) => p.id).join('|') + path)
    .digest('hex')
    .slice(0, 16)}"`;
  const headers = { ETag: etag, 'Last-Modified': lastModified, 'Cache-Control': 'max-age=60' };
  if (header(req, 'if-none-match') === etag) return { status: 304, body: '', headers };
  const brand = ctx.store.brand;
  if (path === '/atom.xml') {
    const entries = posts
      .map(
        (p) =>
          `  <entry>\n    <id>${escapeHtml(p.id)}</id>\n    <title>${escapeHtml(p.title ?? '')}</title>\n    <link rel="alternate" href="${escapeHtml(p.id)}"/>\n    <published>${new Date(p.createdAt).toISOString()}</published>\n    <updated>${new Date(p.createdAt).toISOString()}</updated>\n    <author><name>${escapeHtml(p.author.displayName)}</name></author>\n    <content type="html">${escapeHtml(`<p>${escapeHtml(p.text)}</p>`)}</content>\n  </entry>`,
      )
      .join('\n');
    const body = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n  <id>urn:earshot-sim:${brand.handle}</id>\n  <title>Blogs mentioning ${escapeHtml(brand.name)}</title>\n  <updated>${new Date(newest?.createdAt ?? 0).toISOString()}</updated>\n${entries}\n</feed>\n`;
    return { status: 200, body, contentType: 'application/atom+xml; charset=utf-8', headers };
  }
  const items = posts
    .map(
      (p) =>
        `    <item>\n      <title>${escapeHtml(p.title ?? '')}</title>\n      <link>${escapeHtml(p.id)}</link>\n      <guid isPermaLink="true">${escapeHtml(p.id)}</guid>\n      <pubDate>${new Date(p.createdAt).toUTCString()}</pubDate>\n      <dc:creator><![CDATA[${p.author.displayName}]]></dc:creator>\n      <description><![CDATA[<p>${escapeHtml(p.text)}</p>]]></description>\n    </item>`,
    )
    .join('\n');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n  <channel>\n    <title>Blogs mentioning ${escapeHtml(brand.name)}</title>\n    <link>https://blog.example.net/</link>\n    <description>Simulated news and blog posts</description>\n    <language>en-us</language>\n    <lastBuildDate>${lastModified}</lastBuildDate>\n${items}\n  </channel>\n</rss>\n`;
  return { status: 200, body, contentType: 'application/rss+xml; charset=utf-8', headers };
}

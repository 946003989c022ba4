import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimResponse } from './context.js';
import type { RequestLogEntry } from './request-log.js';

/** Largest request body the simulator reads (413 above). */
const MAX_BODY = 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new BodyTooLarge('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a response (objects as JSON) unless the client is gone; records status and headers in the log entry. */
export function send(res: ServerResponse, entry: RequestLogEntry | null, r: SimResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const isString = typeof r.body === 'string';
  const body = isString ? (r.body as string) : JSON.stringify(r.body);
  const headers: Record<string, string> = {
    'content-type': r.contentType ?? (isString ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8'),
    ...(r.headers ?? {}),
  };
  if (entry) {
    entry.status = r.status;
    entry.headers = headers;
  }
  res.writeHead(r.status, headers);
  res.end(r.status === 304 ? undefined : body);
}

/** The status for an error thrown while serving: 413 too large, 400 bad JSON, else 500. */
export function errorStatus(err: unknown): number {
  return err instanceof BodyTooLarge ? 413 : err instanceof SyntaxError ? 400 : 500;
}

import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { PinoPretty } from 'pino-pretty';
import type { AppConfig } from '../../config/env.js';
import { createSecretMasker } from './mask-secrets.util.js';
import { requestIdOf } from './request-id.middleware.js';

export type LogFormat = 'pretty' | 'json';

/** Readable lines for a person at a terminal, JSON lines for everything else (files, pipes, collectors). */
export function logFormatFor(out: { isTTY?: boolean }): LogFormat {
  return out.isTTY === true ? 'pretty' : 'json';
}

/**
 * The process logger, writing to `destination` (stdout by default): readable lines when that
 * is a terminal, JSON lines otherwise. Either way secrets are masked in every finished line
 * (whatever field or message they hide in) before it is formatted, and credentials-bearing
 * fields are redacted.
 */
export function createLogger(config: AppConfig, destination?: DestinationStream & { isTTY?: boolean }): Logger {
  const mask = createSecretMasker(config.secrets);
  const options = {
    level: config.logLevel,
    base: { pid: process.pid },
    redact: { paths: ['*.password', '*.passwordHash', '*.token', '*.cookie', '*.authorization'], censor: '[redacted]' },
    hooks: { streamWrite: mask },
  };
  if (logFormatFor(destination ?? process.stdout) === 'pretty') return pino(options, prettyStream(destination));
  return destination ? pino(options, destination) : pino(options);
}

interface LogLine {
  msg?: string;
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/**
 * One line per entry: `12:00:01.234 INFO: [Context] message`; a finished request reads
 * `GET /api/mentions 200 12ms`. Formatted in-process and synchronously (no worker thread),
 * so nothing is lost when the process exits.
 */
function prettyStream(destination?: DestinationStream): DestinationStream {
  return PinoPretty({
    destination: destination ?? 1,
    sync: true,
    colorize: destination === undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime,requestId',
    singleLine: true,
    messageFormat: (log) => {
      const line = log as LogLine;
      if (line.req && line.res) return printable(`${line.req.method ?? ''} ${line.req.url ?? ''} ${line.res.statusCode ?? ''} ${line.responseTime ?? '?'}ms`);
      return printable(`${line.context ? `[${line.context}] ` : ''}${line.msg ?? ''}`);
    },
  });
}

/**
 * Control characters as visible escapes (`\n` → `\u000a`, ESC → `\u001b`): a message that
 * carries outside text (a URL, a platform's name for something) stays on one line and cannot
 * move the cursor, recolour or retitle the operator's terminal. JSON lines escape them already.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line per finished request: id, method, path, status, time. Health checks are quiet. */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    customProps: (req) => ({ requestId: (req as IncomingMessage & { id?: unknown }).id }),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  });
}

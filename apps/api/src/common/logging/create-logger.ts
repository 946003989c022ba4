import type { IncomingMessage } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppConfig } from '../../config/env.js';
import { createSecretMasker } from './mask-secrets.util.js';
import { requestIdOf } from './request-id.middleware.js';

/**
 * The process logger: JSON lines, secrets masked in every finished line (whatever field
 * or message they hide in), credentials-bearing fields redacted.
 */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const mask = createSecretMasker(config.secrets);
  const options = {
    level: config.logLevel,
    base: { pid: process.pid },
    redact: { paths: ['*.password', '*.passwordHash', '*.token', '*.cookie', '*.authorization'], censor: '[redacted]' },
    hooks: { streamWrite: mask },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** One line per finished request: id, method, path, status, time. Health checks are quiet. */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    customProps: (req) => ({ requestId: (req as IncomingMessage & { id?: unknown }).id }),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  });
}

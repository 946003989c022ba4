import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { Controller, Get, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../config/env.js';
import { createHttpLogger, createLogger, logFormatFor } from './create-logger.js';
import { PinoLoggerService } from './pino-logger.service.js';

/** Collects what the logger writes; `isTTY` plays a terminal or a pipe. */
function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter(Boolean) };
}

const SECRET = 'hunter2-admin-password';
const config = (logLevel = 'info') => loadConfig({ EARSHOT_ADMIN_PASSWORD: SECRET, LOG_LEVEL: logLevel });

describe('createLogger: readable at a terminal, JSON otherwise', () => {
  it('picks the format from whether the output is a terminal', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: false })).toBe('json');
    expect(logFormatFor({})).toBe('json'); // a pipe or a file: process.stdout.isTTY is undefined
  });

  it('writes JSON lines when the output is not a terminal', async () => {
    const out = capture(false);
    createLogger(config(), out.stream).info({ context: 'Boot' }, `ready, password ${SECRET}`);
    await tick();
    const line = JSON.parse(out.lines()[0]!) as { level: number; msg: string; context: string };
    expect(line).toMatchObject({ level: 30, context: 'Boot' });
    expect(line.msg).toBe('ready, password [secret]');
  });

  it('writes readable lines at a terminal: time, level, [context] message, secrets still masked', async () => {
    const out = capture(true);
    createLogger(config(), out.stream).info({ context: 'Boot' }, `ready, password ${SECRET}`);
    await tick();
    const [line] = out.lines();
    expect(() => JSON.parse(line!)).toThrow();
    expect(line).toMatch(/^\[?\d{2}:\d{2}:\d{2}\.\d{3}\]? INFO.*: \[Boot\] ready, password \[secret\]$/);
    expect(out.text()).not.toContain(SECRET);
  });

  it('keeps outside text on one line at a terminal, with control characters escaped (no terminal escapes)', async () => {
    const out = capture(true);
    createLogger(config(), out.stream).warn({ context: 'Poller' }, 'feed "x\n[00:00:00.000] INFO: forged"\u001b]0;pwned\u0007\u001b[2J done');
    await tick();
    expect(out.lines()).toHaveLength(1);
    expect(out.text()).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // only the line's own newline
    expect(out.lines()[0]).toContain('feed "x\\u000a[00:00:00.000] INFO: forged"\\u001b]0;pwned\\u0007\\u001b[2J done');
  });

  it('prints a finished request as one short line at a terminal', async () => {
    const out = capture(true);
    const log = createHttpLogger(createLogger(config(), out.stream));
    const server = createServer((req, res) => {
      log(req, res);
      res.end('[]');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://127.0.0.1:${port}/api/mentions?status=open`)).text();
    await new Promise((r) => server.close(r));
    await tick();
    expect(out.lines()).toHaveLength(1);
    expect(out.lines()[0]).toMatch(/INFO.*: GET \/api\/mentions\?status=open 200 \d+ms$/);
  });
});

@Controller('things')
class ThingsController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('Nest start-up lines', () => {
  async function bootLines(level: string): Promise<Array<{ level: number; msg: string; context?: string }>> {
    const out = capture(false);
    const app = await NestFactory.create(ThingsModule, { logger: new PinoLoggerService(createLogger(config(level), out.stream)) });
    await app.init();
    new Logger('Poller').log('source 1 polled');
    await app.close();
    await tick();
    return out.lines().map((l) => JSON.parse(l) as { level: number; msg: string; context?: string });
  }

  it('logs route mapping and module set-up at debug, not at info', async () => {
    const lines = await bootLines('debug');
    const mapped = lines.filter((l) => l.msg.startsWith('Mapped {'));
    expect(mapped.map((l) => l.msg)).toContain('Mapped {/things, GET} route');
    expect(mapped.every((l) => l.level === 20)).toBe(true);
    expect(lines.filter((l) => l.context === 'RoutesResolver' || l.context === 'InstanceLoader').every((l) => l.level === 20)).toBe(true);
  });

  it("prints none of them at the default level, and the app's own info lines still", async () => {
    const lines = await bootLines('info');
    expect(lines.filter((l) => /Mapped \{|dependencies initialized|Nest application/.test(l.msg))).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, context: 'Poller', msg: 'source 1 polled' }));
  });
});

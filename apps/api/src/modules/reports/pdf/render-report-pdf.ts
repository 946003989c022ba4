import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ReportSnapshot } from '@earshot/contracts';
import { buildReportPdf } from './report-pdf-document.js';

/**
 * The weekly reputation report as a one-page A4 PDF (issue 16): see report-pdf-document.ts for the page.
 *
 * Drawing a page is about 0.1 s of CPU (the first in a process also parses the fonts), so the built api draws
 * on a worker thread and the event loop stays free for requests. The worker starts with the first PDF, stays
 * for the next ones (its fonts parsed) and never keeps the process alive when idle. If it dies, the PDFs it
 * owed are drawn in-process and the next one starts a new worker; a worker that dies before drawing anything
 * is not started again (PDFs are then drawn in-process). Under ts-jest (no built worker file) they are drawn
 * in-process, by the same code.
 */

/** The worker script, next to this file once built. */
const WORKER_FILE = fileURLToPath(new URL('./render-report-pdf.worker.js', import.meta.url));

export interface RenderRequest {
  id: number;
  snapshot: ReportSnapshot;
}

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

let worker: Worker | null = null;
/** A worker died before it drew anything: it cannot work here, so do not start one again. */
let workerUnusable = false;
/** Workers being stopped on purpose: their exit says nothing about whether a worker can run here. */
const stopping = new WeakSet<Worker>();
let nextId = 1;
const pending = new Map<number, { snapshot: ReportSnapshot; resolve: (pdf: Buffer) => void; reject: (error: unknown) => void }>();

export async function renderReportPdf(snapshot: ReportSnapshot): Promise<Buffer> {
  const w = currentWorker();
  if (!w) return buildReportPdf(snapshot);
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { snapshot, resolve, reject });
    w.ref(); // keep the process alive while a PDF is on its way
    w.postMessage({ id, snapshot } satisfies RenderRequest);
  });
}

function currentWorker(): Worker | null {
  if (worker) return worker;
  if (workerUnusable || !existsSync(WORKER_FILE)) return null;
  let started: Worker;
  try {
    started = new Worker(WORKER_FILE);
  } catch {
    return null;
  }
  started.unref();
  let answered = false;
  started.on('message', (reply: RenderReply) => {
    answered = true;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) started.unref();
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
  });
  const failed = () => {
    if (worker !== started) return;
    worker = null;
    if (!answered && !stopping.has(started)) workerUnusable = true;
    // What it owed is drawn here instead: nothing is lost.
    const owed = [...pending.values()];
    pending.clear();
    for (const waiting of owed) buildReportPdf(waiting.snapshot).then(waiting.resolve, waiting.reject);
  };
  started.on('error', failed);
  started.on('exit', failed);
  worker = started;
  return worker;
}

/** Stops the worker (shutdown, tests); PDFs it owed are drawn in-process, the next one starts a new worker. */
export async function stopReportPdfWorker(): Promise<void> {
  const w = worker;
  if (!w) return;
  stopping.add(w);
  await w.terminate();
}

/** The report renderer's worker thread (see render-report-pdf.ts): draws the PDFs it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { buildReportPdf } from './report-pdf-document.js';
import type { RenderReply, RenderRequest } from './render-report-pdf.js';

parentPort!.on('message', (msg: RenderRequest) => {
  buildReportPdf(msg.snapshot).then(
    (pdf) => {
      // A copy of its own, so its memory can move to the main thread instead of being copied again.
      const bytes = new Uint8Array(pdf);
      parentPort!.postMessage({ id: msg.id, pdf: bytes } satisfies RenderReply, [bytes.buffer]);
    },
    (error: unknown) => parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply),
  );
});

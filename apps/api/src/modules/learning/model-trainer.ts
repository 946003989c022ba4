import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger } from '@nestjs/common';
import type { TrainWorkspaceResult } from '@earshot/nlp';
import { runTraining, type TrainRequest } from './train-run.js';

/** The worker script, next to this file once built (absent under ts-jest, which then trains in-process). */
export const TRAINING_WORKER_FILE = fileURLToPath(new URL('./training.worker.js', import.meta.url));

/** A run that takes longer than this is stopped and fails (training takes seconds). */
export const TRAINING_TIMEOUT_MS = 10 * 60_000;

type Reply = { ok: true; result: TrainWorkspaceResult } | { ok: false; error: string };

/**
 * Trains on a worker thread of its own, one per run (runs are rare; the thread and its memory
 * are gone when the run ends), so the event loop keeps serving requests and polling meanwhile.
 * Under ts-jest, where no built worker file exists, it trains in-process (the tests' fallback).
 */
@Injectable()
export class ModelTrainer {
  private readonly logger = new Logger('ModelTrainer');

  /** True when runs go to a worker thread (the api was built). */
  get usesWorker(): boolean {
    return existsSync(TRAINING_WORKER_FILE);
  }

  async train(req: TrainRequest): Promise<TrainWorkspaceResult> {
    if (!this.usesWorker) {
      // Let the request that started the run answer first.
      await new Promise((r) => setImmediate(r));
      return runTraining(req);
    }
    return trainOnWorker(TRAINING_WORKER_FILE, req, TRAINING_TIMEOUT_MS, this.logger);
  }
}

/** Runs one training request on a new worker thread from `file`; rejects on an error, an exit or the timeout. */
export function trainOnWorker(file: string, req: TrainRequest, timeoutMs: number, logger?: Logger): Promise<TrainWorkspaceResult> {
  return new Promise<TrainWorkspaceResult>((resolve, reject) => {
    const w = new Worker(file);
    w.unref();
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn();
      void w.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`training took longer than ${Math.round(timeoutMs / 60_000)} minutes and was stopped`))),
      timeoutMs,
    );
    timer.unref();
    w.once('message', (r: Reply) => finish(() => (r.ok ? resolve(r.result) : reject(new Error(r.error)))));
    w.once('error', (e) => {
      logger?.warn(`training worker failed: ${String(e)}`);
      finish(() => reject(e));
    });
    w.once('exit', (code) => finish(() => reject(new Error(`the training worker exited with code ${code}`))));
    w.postMessage(req);
  });
}

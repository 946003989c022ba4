/** The training worker thread (see ModelTrainer): trains one workspace model and posts the result back. */
import { parentPort } from 'node:worker_threads';
import { runTraining, type TrainRequest } from './train-run.js';

parentPort!.once('message', (req: TrainRequest) => {
  try {
    parentPort!.postMessage({ ok: true, result: runTraining(req) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});

// Writes one small JSON file per project run under reports/jest/ so that `.ci/run`
// can print the whole repository's totals on its last line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default class TotalsReporter {
  constructor(_globalConfig, options) {
    this.project = options?.project ?? 'unknown';
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(root, 'reports/jest');
    fs.mkdirSync(dir, { recursive: true });
    const failedSuites = results.numRuntimeErrorTestSuites ?? 0;
    fs.writeFileSync(
      path.join(dir, `${this.project}.json`),
      JSON.stringify({
        project: this.project,
        passed: results.numPassedTests,
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests + results.numTodoTests,
        // Wall time of the project's run and of each test file, for CI's time budget (print-totals.js).
        seconds: Math.round((Date.now() - results.startTime) / 100) / 10,
        files: results.testResults.map((t) => ({
          file: path.relative(root, t.testFilePath),
          seconds: Math.round((t.perfStats.end - t.perfStats.start) / 100) / 10,
        })),
      }),
    );
  }
}

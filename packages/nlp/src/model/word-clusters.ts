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
}

/**
 * Lower-case word -> cluster id, from k-means over pretrained word vectors: words used alike
 * ("luggage", "baggage", "suitcase") share an id, so a feature learnt on one carries to the others.
 */
export class WordClusters {
  readonly size: number;
  readonly clusters: number;
  private readonly index = new Map<string, number>();

  constructor(d: WordClusterData) {
    this.clusters = d.clusters;
    const ids = decodeBase64(d.clusterOf);
    const words = d.words.length > 0 ? d.words.split(' ') : [];
    this.size = words.length;
    words.forEach((w, i) => this.index.set(w, ids[i] ?? 0));
  }

  /** Cluster id of a lower-case word, or -1 when it is not in the table. */
  of(word: string): number {
    return this.index.get(word) ?? -1;
  }
}

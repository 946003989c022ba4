import { extractFeatures, newFeatureVector } from './features.js';
import { shippedWordClusters } from './shipped-models.js';
import { WordClusters } from './word-clusters.js';
import { encodeBase64 } from './base64.js';
import { readSignals } from '../text/signals.js';

describe('WordClusters', () => {
  it('decodes words and one-byte cluster ids', () => {
    const wc = new WordClusters({
      format: 'earshot-clusters-1',
      source: 'test',
      clusters: 3,
      words: 'bag luggage late',
      clusterOf: encodeBase64(Uint8Array.from([2, 2, 0])),
    });
    expect(wc.size).toBe(3);
    expect(wc.of('bag')).toBe(2);
    expect(wc.of('luggage')).toBe(2);
    expect(wc.of('late')).toBe(0);
    expect(wc.of('unknownword')).toBe(-1);
  });

  it('ships a table that groups words used alike', () => {
    const wc = shippedWordClusters();
    expect(wc.size).toBeGreaterThan(30_000);
    expect(wc.clusters).toBe(64);
    expect(wc.of('luggage')).toBeGreaterThanOrEqual(0);
    expect(wc.of('luggage')).toBe(wc.of('suitcase'));
    expect(wc.of('delayed')).toBe(wc.of('postponed'));
    expect(wc.of('delayed')).not.toBe(wc.of('luggage'));
  });
});

describe('cluster features', () => {
  const slots = (t: string): Set<number> => new Set(extractFeatures(readSignals(t), newFeatureVector(), false).idx);

  it('give an unseen word the features of the words in its cluster', () => {
    // "suitcase" and "luggage" share no word, stem or pair feature, but share their cluster slot
    const a = slots('suitcase');
    const b = slots('luggage');
    const shared = [...a].filter((s) => b.has(s));
    const bare = slots('');
    expect(shared.filter((s) => !bare.has(s)).length).toBeGreaterThan(0);
  });

  it('are negation-marked like the words', () => {
    const pos = slots('good');
    const neg = slots('not good');
    const onlyPos = [...pos].filter((s) => !neg.has(s));
    expect(onlyPos.length).toBeGreaterThanOrEqual(2); // "good" and its cluster become "¬good" and "¬c…"
  });

  it('are deterministic', () => {
    expect([...slots('my luggage never arrived')]).toEqual([...slots('my luggage never arrived')]);
  });
});

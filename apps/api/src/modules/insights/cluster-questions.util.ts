import { tokenize } from '@earshot/signals';

/** Two questions are the same question when the TF-IDF cosine of one to the other's cluster centre reaches this. */
export const SAME_QUESTION_COSINE = 0.4;

export interface QuestionDoc {
  id: string;
  authorId: string;
  text: string;
  postedAt: Date;
}

export interface QuestionCluster<T extends QuestionDoc> {
  /** Oldest first. */
  members: T[];
  /** The member closest to the cluster's centre (the earliest on a tie). */
  representative: T;
  /** The heaviest words of the centre, as the members wrote them. */
  terms: string[];
}

/**
 * A crude English stem, enough for short questions to meet: plural and verb endings off, a doubled
 * final consonant undone, a final `e` off ("changed", "changing", "change" → "chang"; "shipping",
 * "ships" → "ship"; "deliveries" → "delivery").
 */
export function stem(word: string): string {
  let w = word.replace(/^#/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(?:s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The question's words for comparison: lower-cased, links, @handles, numbers and stop words out, stemmed; each once. */
export function questionTerms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tokenize(text)) {
    const s = stem(t);
    if (s.length >= 2 && !out.has(s)) out.set(s, t.replace(/^#/, ''));
  }
  return out;
}

type Vector = Map<string, number>;

function normalised(v: Vector): Vector {
  let sq = 0;
  for (const x of v.values()) sq += x * x;
  const n = Math.sqrt(sq);
  if (n === 0) return v;
  const out: Vector = new Map();
  for (const [k, x] of v) out.set(k, x / n);
  return out;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) s += x * (large.get(k) ?? 0);
  return s;
}

function add(into: Vector, v: Vector): void {
  for (const [k, x] of v) into.set(k, (into.get(k) ?? 0) + x);
}

function norm(v: Vector): number {
  let sq = 0;
  for (const x of v.values()) sq += x * x;
  return Math.sqrt(sq);
}

/**
 * Groups questions that ask the same thing. Each question is a TF-IDF vector of its stemmed words
 * (binary term frequency, smoothed idf over the questions given, unit length). Pass 1 takes the
 * questions oldest first and puts each into the cluster whose centre (the sum of its members) is
 * most similar by cosine, if that reaches `threshold`, else into a new cluster. Pass 2 moves every
 * question to the cluster whose pass-1 centre suits it best, so early arrivals are not stuck where
 * they landed. Deterministic: the same questions give the same clusters. Questions without a
 * usable word stay alone.
 */
export function clusterQuestions<T extends QuestionDoc>(docs: readonly T[], threshold = SAME_QUESTION_COSINE): QuestionCluster<T>[] {
  const ordered = [...docs].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || a.id.localeCompare(b.id));
  const terms = ordered.map((d) => questionTerms(d.text));
  const df = new Map<string, number>();
  for (const t of terms) for (const k of t.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = ordered.length;
  const vectors = terms.map((t) => normalised(new Map([...t.keys()].map((k) => [k, Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1]))));

  // Pass 1: leader clustering against centres, with an inverted index from term to the clusters that have it.
  const centres: Vector[] = [];
  const byTerm = new Map<string, Set<number>>();
  const bestCentre = (v: Vector, among: Iterable<number>): { c: number; cos: number } => {
    let best = { c: -1, cos: -1 };
    for (const c of among) {
      const centre = centres[c]!;
      const cos = dot(v, centre) / (norm(centre) || 1);
      if (cos > best.cos + 1e-12) best = { c, cos };
    }
    return best;
  };
  for (const v of vectors) {
    const candidates = new Set<number>();
    for (const k of v.keys()) for (const c of byTerm.get(k) ?? []) candidates.add(c);
    const best = bestCentre(
      v,
      [...candidates].sort((a, b) => a - b),
    );
    const c = v.size > 0 && best.cos >= threshold ? best.c : centres.push(new Map()) - 1;
    add(centres[c]!, v);
    for (const k of v.keys()) {
      let set = byTerm.get(k);
      if (!set) byTerm.set(k, (set = new Set()));
      set.add(c);
    }
  }

  // Pass 2: every question to its best pass-1 centre (its own cluster's centre is always a candidate).
  const groups = new Map<number, number[]>();
  vectors.forEach((v, i) => {
    const candidates = new Set<number>();
    for (const k of v.keys()) for (const c of byTerm.get(k) ?? []) candidates.add(c);
    const best = bestCentre(
      v,
      [...candidates].sort((a, b) => a - b),
    );
    const c = v.size > 0 && best.cos >= threshold ? best.c : -(i + 1); // a lone question without words keeps to itself
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(i);
  });

  const clusters: QuestionCluster<T>[] = [];
  for (const members of groups.values()) {
    const centre: Vector = new Map();
    for (const i of members) add(centre, vectors[i]!);
    const length = norm(centre) || 1;
    let rep = members[0]!;
    let repCos = -1;
    for (const i of members) {
      const cos = dot(vectors[i]!, centre) / length;
      if (cos > repCos + 1e-12) {
        rep = i;
        repCos = cos;
      }
    }
    const surface = new Map<string, Map<string, number>>();
    for (const i of members)
      for (const [k, word] of terms[i]!) {
        const forms = surface.get(k) ?? new Map<string, number>();
        forms.set(word, (forms.get(word) ?? 0) + 1);
        surface.set(k, forms);
      }
    const heaviest = [...centre.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 5)
      .map(([k]) => [...surface.get(k)!.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
    clusters.push({ members: members.map((i) => ordered[i]!), representative: ordered[rep]!, terms: heaviest });
  }
  return clusters;
}

import { type PhraseHit } from '../rules/phrase-matcher.js';
import { type TextSignals } from '../text/signals.js';
import { type AnalyzeContext, type Intent, type SentimentResult, type UrgencyLevel, type UrgencyReason, type UrgencyResult } from '../types.js';
import { URGENCY_THRESHOLDS, URGENCY_WEIGHTS as W } from './urgency-weights.js';
import { shippedWordClusters } from '../model/shipped-models.js';
import { SEMANTIC_MIN_SIMILARITY, SEMANTIC_REASONS, SEMANTIC_SHARE, SEMANTIC_SKIP_TOP } from './semantic-seeds.js';
import { detectFloor } from './urgency-floors.js';

export interface UrgencyInput {
  sig: TextSignals;
  sentiment: SentimentResult;
  /** Probability of negative tone from the sentiment model. */
  negativeProbability: number;
  complaintProbability: number;
  intent: Intent;
  isSpam: boolean;
  context: AnalyzeContext | undefined;
}

const RULE_REASONS = [
  ['safety', W.safety, 'mentions immediate danger'],
  ['casualties', W.casualties, 'people hurt, trapped, missing or dead'],
  ['rescue', W.rescue, 'asks for rescue, evacuation or basic needs'],
  ['legal', W.legal, 'threatens legal action or alleges fraud'],
  ['privacy', W.privacy, 'mentions a data breach or privacy problem'],
  ['escalation', W.escalation, 'threatens to take it public or escalate'],
  ['churn', W.churn, 'says they may leave'],
  ['damage', W.damage, 'reports damage to homes, roads or power'],
  ['money', W.money, 'has lost money or wants it back'],
  ['outage', W.outage, 'reports an outage, a fault or lost access'],
  ['timeCritical', W.timeCritical, 'is stranded or short of time'],
  ['accusation', W.accusation, 'blames the company'],
  ['demand', W.demand, 'demands a remedy or an answer'],
  ['waiting', W.waiting, 'has been waiting or is writing again'],
  ['anger', W.anger, 'uses strong language'],
  ['disaster', W.disaster, 'names a hazard'],
] as const;

/** Rules whose presence means the post carries danger (a broadcast of it is still urgent). */
const DANGER = ['safety', 'casualties', 'rescue'] as const;

/** "flight in 2 hours", "leaves within 30 min": time pressure written with a number. */
const TIME_LEFT = /\b(?:in|within|only)\s+(?:\d+|an?|one|two|three|few|a few|a couple of)\s*(?:hours?|hrs?|minutes?|mins?)\b/i;

/** Share of the valence lexicon's negativity (VADER compound below 0) in the negativity reason's weight. */
export const NEGATIVITY_LEXICON_SHARE = 0.5;

/** Probability from which the negativity and complaint reasons are shown (and counted). */
export const URGENCY_MIN_PROBABILITY = 0.3;

/** Words after "you" that make it an accusation: "you lost my bag", "you never answer", "you keep cancelling". */
const YOU = new Set(['you', 'u', 'ya', 'yall', 'youve']);
const YOU_DID = new Set([
  'lost',
  'sent',
  'took',
  'made',
  'broke',
  'sold',
  'gave',
  'told',
  'kept',
  'let',
  'cost',
  'stole',
  'left',
  'forgot',
  'put',
  'got',
  'never',
  'always',
  'keep',
  'still',
  'did',
  'do',
  'have',
  'had',
  'charge',
  'cancel',
  'ruin',
  'lie',
  'screw',
]);
const YOU_FILLER = new Set(['guys', 'people', 'all', 'just', 'have', 'had', 'really', 'seriously', 'clearly', 'obviously']);

/** "you" (or "you guys", "you have") followed by a past-tense or habitual verb; the matched words, or undefined. */
function youDid(sig: TextSignals): string | undefined {
  const { norm, kind, raw } = sig.tok;
  for (let i = 0; i < norm.length; i += 1) {
    // "your driver threw my parcel", "your app deleted my photos"
    if (norm[i] === 'your' && kind[i + 1] === 'word' && kind[i + 2] === 'word') {
      const v = norm[i + 2] ?? '';
      if ((YOU_DID.has(v) && v !== 'do' && v !== 'did' && v !== 'have' && v !== 'had') || pastTense(v)) return raw.slice(i, i + 3).join(' ');
    }
    if (!YOU.has(norm[i] ?? '')) continue;
    let j = i + 1;
    while (j < norm.length && j <= i + 2 && YOU_FILLER.has(norm[j] ?? '')) j += 1;
    const w = norm[j] ?? '';
    if (kind[j] !== 'word' || !(YOU_DID.has(w) || pastTense(w))) continue;
    const aux = w === 'do' || w === 'did' || w === 'have' || w === 'had';
    if (aux && norm[j + 1] !== 'not') continue;
    return raw.slice(i, j + (aux ? 2 : 1)).join(' ');
  }
  return undefined;
}

function pastTense(w: string): boolean {
  return w.length > 4 && w.endsWith('ed') && w !== 'need' && w !== 'indeed';
}

const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'we', 'us', 'our', 'ours', 'myself', 'im']);

/** A retweet ("RT @…") or a shared link with no first-person word: passing on news, not asking. */
export function broadcastCue(sig: TextSignals): string | undefined {
  const tok = sig.tok;
  let first = 0;
  while (first < tok.kind.length && tok.kind[first] === 'punctuation') first += 1;
  // Bounds checked: reading past the end (a post of punctuation only) de-optimises the caller.
  if (first + 1 < tok.kind.length && (tok.norm[first] === 'rt' || tok.norm[first] === 'retweet') && tok.kind[first + 1] === 'mention') return 'RT';
  let url = false;
  for (let i = 0; i < tok.kind.length; i += 1) {
    if (tok.kind[i] === 'url') url = true;
    else if (tok.kind[i] === 'word' && FIRST_PERSON.has(tok.norm[i] ?? '')) return undefined;
  }
  return url ? 'link' : undefined;
}

function quote(hits: readonly PhraseHit[]): string[] {
  const out: string[] = [];
  for (const h of hits) if (!out.includes(h.text)) out.push(h.text);
  return out.slice(0, 4);
}

/**
 * "'a', 'b'". One function for every reason's text (not a .map at each site): its type
 * feedback comes from all posts, so the rarely reached reasons do not throw scoreUrgency's
 * optimised code away the first time they fire (each re-optimisation of this large function
 * cost ~130 ms of compiler time in bench:ingest).
 */
function quoted(triggers: readonly string[]): string {
  let out = '';
  for (let i = 0; i < triggers.length; i += 1) out += `${i > 0 ? ', ' : ''}'${triggers[i]}'`;
  return out;
}

function ordinal(n: number): string {
  return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}k`;
  return String(n);
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Negativity and complaint, from the models' probabilities. */
function modelReasons(input: UrgencyInput, reasons: UrgencyReason[]): void {
  const { sig, sentiment } = input;
  // Continuous, so that the ranking keeps the model's confidence: shown from P >= 0.3. The
  // weight blends the model (trained on brand posts) with the domain-general valence lexicon.
  if (input.negativeProbability >= URGENCY_MIN_PROBABILITY || sentiment.label === 'negative') {
    const lexNeg = Math.max(0, -sig.lexCompound);
    reasons.push({
      code: 'negativity',
      weight: round1(W.negativity * ((1 - NEGATIVITY_LEXICON_SHARE) * input.negativeProbability + NEGATIVITY_LEXICON_SHARE * lexNeg)),
      text: `negative tone (${Math.round(input.negativeProbability * 100)}% sure)`,
      triggers: [],
    });
  }
  if (input.intent === 'complaint' || input.complaintProbability >= URGENCY_MIN_PROBABILITY) {
    const p = input.intent === 'complaint' ? Math.max(input.complaintProbability, 0.5) : input.complaintProbability;
    reasons.push({
      code: 'complaint',
      weight: round1(W.complaint * p),
      text: `reads as a complaint (${Math.round(input.complaintProbability * 100)}% sure)`,
      triggers: [],
    });
  }
}

/** The phrase-list reasons (RULE_REASONS), with the "you did" blame and a time left added to their triggers. */
function ruleReasons(input: UrgencyInput, reasons: UrgencyReason[]): void {
  const { sig, sentiment } = input;
  const blame = input.intent === 'complaint' || sentiment.label === 'negative' ? youDid(sig) : undefined;
  for (const [code, weight, label] of RULE_REASONS) {
    const hits = sig.has[code];
    let triggers = hits && hits.length > 0 ? quote(hits) : [];
    // (length checks first: an empty [] is a different kind of array to V8 than a list of strings)
    if (
      code === 'accusation' &&
      blame &&
      !(triggers.length > 0 && triggers.some((t) => t.toLowerCase().startsWith(blame.toLowerCase()) || blame.toLowerCase().startsWith(t.toLowerCase())))
    )
      triggers = [...triggers, blame].slice(0, 4);
    if (code === 'timeCritical') {
      const m = TIME_LEFT.exec(sig.tok.text);
      if (m && !(triggers.length > 0 && triggers.includes(m[0]))) triggers = [...triggers, m[0]].slice(0, 4);
    }
    if (triggers.length === 0) continue;
    reasons.push({ code, weight, text: `${label}: ${quoted(triggers)}`, triggers });
  }
}

/**
 * Crisis reasons the phrase lists missed, from word vectors: a word close to the reason's seed words,
 * only in a post already about a crisis (a hazard or a crisis reason from the phrase lists), so that
 * brand posts ("seriously?", "my bag is missing") never get them.
 */
function semanticReasons(sig: TextSignals, reasons: UrgencyReason[]): void {
  const crisis = (['disaster', 'safety', 'casualties', 'rescue', 'damage'] as const).some((c) => (sig.has[c]?.length ?? 0) > 0);
  if (crisis) {
    const wc = shippedWordClusters();
    const labels: Record<string, string> = {
      safety: 'may mention danger',
      casualties: 'may mention people hurt or missing',
      rescue: 'may ask for rescue or supplies',
      damage: 'may report damage',
    };
    SEMANTIC_REASONS.forEach((code) => {
      if ((sig.has[code]?.length ?? 0) > 0) return;
      const k = wc.seedReasons.indexOf(code);
      let best = '';
      let bestSim = SEMANTIC_MIN_SIMILARITY;
      for (let i = 0; i < sig.tok.norm.length; i += 1) {
        if (sig.tok.kind[i] !== 'word' || sig.tok.negated[i]) continue;
        const row = wc.row(sig.tok.norm[i] ?? '');
        if (row < SEMANTIC_SKIP_TOP) continue;
        const sim = wc.seedSimilarity(row, k);
        if (sim >= bestSim) {
          bestSim = sim;
          best = sig.tok.raw[i] ?? '';
        }
      }
      if (best)
        reasons.push({
          code: `${code}-like`,
          weight: round1(W[code] * SEMANTIC_SHARE),
          text: `${labels[code] ?? code}: '${best}' (word-vector match)`,
          triggers: [best],
        });
    });
  }
}

/** Shouting, reassurance, sympathy, donation / opinion / broadcast (unless in danger), sarcasm, a question. */
function toneReasons(input: UrgencyInput, reasons: UrgencyReason[]): void {
  const { sig, sentiment } = input;
  const shoutWords = sig.capsWords >= 2;
  if (shoutWords || sig.exclamations >= 3) {
    const t = [shoutWords ? `${sig.capsWords} words in capitals` : '', sig.exclamations >= 3 ? `${sig.exclamations} exclamation marks` : ''].filter(Boolean);
    reasons.push({ code: 'intensity', weight: W.intensity, text: `shouting: ${t.join(', ')}`, triggers: t });
  }
  const reassured = sig.has.reassurance;
  if (reassured && reassured.length > 0) {
    const triggers = quote(reassured);
    reasons.push({ code: 'reassurance', weight: W.reassurance, text: `says the danger is denied or over: ${quoted(triggers)}`, triggers });
  }
  const sympathy = sig.has.sympathy;
  if (sympathy && sympathy.length > 0) {
    const triggers = quote(sympathy);
    reasons.push({ code: 'sympathy', weight: W.sympathy, text: `sympathy or prayers, no call to act: ${quoted(triggers)}`, triggers });
  }
  const danger = DANGER.some((d) => (sig.has[d]?.length ?? 0) > 0);
  for (const [code, weight, label] of [
    ['donation', W.donation, 'asks readers to donate, no call to respond'],
    ['opinion', W.opinion, 'political or policy debate, no one to help'],
  ] as const) {
    const hits = sig.has[code];
    if (danger || !hits || hits.length === 0) continue;
    const triggers = quote(hits);
    reasons.push({ code, weight, text: `${label}: ${quoted(triggers)}`, triggers });
  }
  if (!danger) {
    const cue = broadcastCue(sig);
    if (cue) {
      reasons.push({
        code: 'broadcast',
        weight: W.broadcast,
        text: cue === 'RT' ? 'a retweet, passing on news' : 'shares a link with no first-person words (news, not a request)',
        triggers: [cue],
      });
    }
  }
  if (sentiment.sarcasm) {
    reasons.push({ code: 'sarcasm', weight: W.sarcasm, text: `sarcastic praise: '${sentiment.sarcasm}'`, triggers: [sentiment.sarcasm] });
  }
  if (input.intent === 'question') {
    reasons.push({ code: 'question', weight: W.question, text: 'asks a question that awaits an answer', triggers: [] });
  }
}

/** The author and the post's reach: repeat posts, followers, verified, engagement. */
function contextReasons(context: AnalyzeContext | undefined, reasons: UrgencyReason[]): void {
  const recent = context?.authorRecentPosts ?? 0;
  if (recent >= 2) {
    const weight = W.repeatAuthor[Math.min(recent, 4) - 2] ?? 0;
    const hours = context?.authorWindowHours ?? 24;
    reasons.push({
      code: 'repeat-author',
      weight,
      text: `${ordinal(recent)} post from this author in ${hours} h`,
      triggers: [`${recent} posts in ${hours} h`],
    });
  }
  const followers = context?.followers ?? 0;
  const reachTier = followers >= 1_000_000 ? 3 : followers >= 100_000 ? 2 : followers >= 10_000 ? 1 : followers >= 1_000 ? 0 : -1;
  if (reachTier >= 0) {
    reasons.push({
      code: 'reach',
      weight: (W.reach as readonly number[])[reachTier] ?? 0,
      text: `account with ${formatCount(followers)} followers`,
      triggers: [`${followers} followers`],
    });
  }
  if (context?.verified) reasons.push({ code: 'verified', weight: W.verified, text: 'verified account', triggers: ['verified'] });
  const engagement = (context?.likes ?? 0) + 2 * (context?.shares ?? 0) + (context?.replies ?? 0);
  const engTier = engagement >= 500 ? 2 : engagement >= 50 ? 1 : engagement >= 10 ? 0 : -1;
  if (engTier >= 0) {
    const parts: string[] = [];
    if (context?.likes) parts.push(`${formatCount(context.likes)} likes`);
    if (context?.shares) parts.push(`${formatCount(context.shares)} shares`);
    if (context?.replies) parts.push(`${formatCount(context.replies)} replies`);
    reasons.push({
      code: 'engagement',
      weight: (W.engagement as readonly number[])[engTier] ?? 0,
      text: `getting attention: ${parts.join(', ')}`,
      triggers: parts,
    });
  }
}

/**
 * Urgency as a sum of explainable reasons (weights in URGENCY_WEIGHTS), capped to 0..100 and
 * mapped to a level by URGENCY_THRESHOLDS. Deterministic: the same post and context give the same
 * score and reasons.
 *
 * The reasons are gathered in a fixed order (model, phrase lists, word vectors, tone, context),
 * then sorted by weight.
 */
export function scoreUrgency(input: UrgencyInput): UrgencyResult {
  const { sig, context } = input;
  const reasons: UrgencyReason[] = [];
  modelReasons(input, reasons);
  ruleReasons(input, reasons);
  semanticReasons(sig, reasons);
  toneReasons(input, reasons);
  contextReasons(context, reasons);
  if (input.intent === 'praise') reasons.push({ code: 'praise', weight: W.praise, text: 'praise, no action needed', triggers: [] });
  if (input.isSpam) reasons.push({ code: 'spam', weight: W.spam, text: 'looks like spam or a bot', triggers: [] });

  let sum = 0;
  for (const r of reasons) sum += r.weight;
  const floor = floorReason(input, sum);
  if (floor) {
    reasons.push(floor);
    sum += floor.weight;
  }
  reasons.sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
  const score = Math.max(0, Math.min(100, Math.round(sum * 10) / 10));
  const result: UrgencyResult = { score, level: levelOf(score), reasons };
  if (floor?.floor) result.floor = { level: floor.floor, reason: floor.code };
  return result;
}

/**
 * The reason that sets a minimum level (danger to a person, money taken, …), or undefined. Its
 * weight is its points plus, when the other reasons add up to less, what lifts the sum to the
 * floor level's threshold: the score the queue sorts by and the level agree, whatever the reach.
 */
function floorReason(input: UrgencyInput, others: number): UrgencyReason | undefined {
  if (input.sig.floorHits.length === 0) return undefined; // most posts: no floor phrase, no further work
  const hit = detectFloor({
    sig: input.sig,
    sentiment: input.sentiment,
    intent: input.intent,
    isSpam: input.isSpam,
    broadcast: broadcastCue(input.sig) !== undefined,
  });
  if (!hit) return undefined;
  const { kind, triggers } = hit;
  const points = W.floor[kind.code];
  const lift = Math.max(0, Math.ceil((URGENCY_THRESHOLDS[kind.level] - others - points) * 10) / 10);
  return {
    code: kind.code,
    weight: round1(points + lift),
    text: `${kind.label}: ${quoted(triggers)} (at least ${kind.level})`,
    triggers,
    floor: kind.level,
  };
}

export function levelOf(score: number): UrgencyLevel {
  if (score >= URGENCY_THRESHOLDS.critical) return 'critical';
  if (score >= URGENCY_THRESHOLDS.high) return 'high';
  if (score >= URGENCY_THRESHOLDS.medium) return 'medium';
  return 'low';
}

import type { VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from '../default-guide.js';
import { lintReply, type LintContext } from '../lint.js';

export interface LintBenchResult {
  p50Ms: number;
  p95Ms: number;
  /** Phrase rules in the generated guide. */
  rules: number;
  iterations: number;
  draftLength: number;
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'order',
  'delivery',
  'account',
  'team',
  'today',
  'update',
  'parcel',
  'refund',
  'app',
  'login',
  'store',
  'help',
  'issue',
  'driver',
  'support',
  'invoice',
];

/** A guide of `n` phrase rules: the default guide's phrases plus generated multi-word ones. */
export function generatedGuide(n = 200): VoiceGuideBody {
  const r = rng(42);
  const word = () => WORDS[Math.floor(r() * WORDS.length)]! + String.fromCharCode(97 + Math.floor(r() * 26));
  const phrase = () => Array.from({ length: 1 + Math.floor(r() * 3) }, word).join(' ');
  const guide: VoiceGuideBody = structuredClone(DEFAULT_VOICE_GUIDE);
  const phraseCount = () => guide.bannedPhrases.length + guide.blamePhrases.length + guide.promisePhrases.length + guide.excusePhrases.length;
  while (phraseCount() < n) {
    const k = r();
    if (k < 0.6) guide.bannedPhrases.push({ phrase: phrase(), suggestion: phrase(), severity: 'block' });
    else if (k < 0.75) guide.blamePhrases.push(phrase());
    else if (k < 0.9) guide.promisePhrases.push(phrase());
    else guide.excusePhrases.push(phrase());
  }
  while (phraseCount() > n) guide.bannedPhrases.pop();
  return guide;
}

const DRAFTS = [
  "Hi Jane, I'm so sorry your parcel still hasn't arrived, that's really frustrating. Kindly send us a DM with your order number and I'll chase the courier today. We will refund the delivery fee if it's lost, but the driver said it was delivered. Thanks for your patience! ^JD",
  "Hey Sam, thanks for flagging this and sorry for the trouble with the app. I can see the login issue on our side too: the team is on it now. Could you try updating to the latest version and let me know? If it still fails, DM us your e-mail and we'll look into it. ^AB",
  "Thank you so much for the kind words about our store team in Leeds! We'll pass this on to Priya and the whole crew, it really made our day. As per our policy we can't share staff rotas, but do pop in again soon and say hi. Have a lovely weekend 😊 ^MK",
  "Sorry to hear about the double charge, Alex. That should not have happened and I understand how worrying it is. Please don't post your card details here: send us a private message with the invoice number instead, and I'll get the duplicate payment sorted for you today. ^RT",
];

function pad280(draft: string, r: () => number): string {
  let d = draft;
  while (d.length < 280) d = d.replace(' ^', ` ${WORDS[Math.floor(r() * WORDS.length)]} ^`);
  return d.length > 280 ? d.slice(0, 276) + ' ^JD' : d;
}

/**
 * Lints realistic 280-character drafts against a generated guide of 200 phrase rules (compiled once,
 * as in the composer, which lints every keystroke with the same guide) and reports per-call latency.
 */
export function runLintBench(options: { iterations?: number; rules?: number } = {}): LintBenchResult {
  const iterations = options.iterations ?? 2000;
  const guide = generatedGuide(options.rules ?? 200);
  const r = rng(7);
  const drafts = Array.from({ length: 64 }, (_, i) => pad280(DRAFTS[i % DRAFTS.length]!, r));
  const context: LintContext = {
    platform: 'x',
    intent: 'complaint',
    category: 'delivery',
    mentionText: 'My order #123456 never arrived and nobody answers the phone. Worst service ever!!!',
    authorHandle: 'jane',
    agent: { firstName: 'Jo', signature: 'JD' },
    brandName: 'Acme',
  };
  for (let i = 0; i < 200; i++) lintReply(drafts[i % drafts.length]!, guide, context);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const draft = drafts[i % drafts.length]!;
    const t0 = performance.now();
    lintReply(draft, guide, context);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const rules = guide.bannedPhrases.length + guide.blamePhrases.length + guide.promisePhrases.length + guide.excusePhrases.length;
  return { p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), rules, iterations, draftLength: drafts[0]!.length };
}

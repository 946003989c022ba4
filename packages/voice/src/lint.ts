import type { Intent, LintFinding, LintReport, LintSeverity, Platform, RequiredElement, RuleSetting, TextSpan, VoiceGuideBody } from '@earshot/contracts';
import { graphemeSpans, isEmojiGrapheme, postedReplyText, REPLY_LIMITS, replyLength } from '@earshot/connectors/reply-length';
import { ruleInfo, type RuleId } from './rules.js';
import { renderTemplate } from './template.js';
import { fleschKincaidGrade, PhraseTrie, syllables, tokenize, type PhraseMatch } from './text.js';

/** What the linter needs to know about the mention and the agent (the composer and the api pass the same). */
export interface LintContext {
  platform: Platform;
  intent: Intent | null;
  category: string | null;
  /** The mention being answered (attacker-controlled; only searched, never echoed in messages). */
  mentionText: string;
  /** The author's handle; on Mastodon the connector prefixes `@handle ` and the length counts it. */
  authorHandle: string | null;
  agent: { firstName: string; signature: string };
  brandName: string;
}

type GuideKind = 'banned' | 'blame' | 'promise' | 'excuse';
type LexiconKind = 'acknowledge' | 'apologise' | 'next_step' | 'private_channel' | 'thanks' | 'account';

/** Built-in phrases that show a required element is present (not brand-specific; the guide picks which are required). */
const LEXICON: Record<LexiconKind, readonly string[]> = {
  acknowledge: [
    'i understand',
    'we understand',
    'i can see',
    'we can see',
    'i see',
    'i hear you',
    'we hear you',
    'i get it',
    'i get that',
    'that sounds',
    'sounds frustrating',
    'sounds like',
    'frustrating',
    'annoying',
    'disappointing',
    'not good enough',
    'not okay',
    'not ok',
    'not what you expected',
    'not the experience',
    'i can imagine',
    'i can only imagine',
    "you're right",
    'you are right',
    'thanks for letting us know',
    'thank you for letting us know',
    'thanks for telling us',
    'thank you for telling us',
    'thanks for flagging',
    'thank you for flagging',
    'thanks for raising',
    'thanks for reaching out',
    'thank you for reaching out',
    'sorry to hear',
    'sorry to see',
    'i know',
    'i realise',
    'i realize',
    'understandably',
    'fair point',
    "that's not right",
    "that isn't right",
    'should not have happened',
    "shouldn't have happened",
    'let you down',
    'not acceptable',
    'unacceptable',
    'what a pain',
    'what a hassle',
  ],
  apologise: [
    'sorry',
    'apologise',
    'apologize',
    'apologies',
    'apologising',
    'apologizing',
    'apologised',
    'apologized',
    'our mistake',
    'our fault',
    'my mistake',
    'we got this wrong',
    'we got it wrong',
    'we let you down',
    'we messed up',
    "that's on us",
    'that is on us',
  ],
  next_step: [
    'i will',
    'we will',
    'let me',
    'let us',
    "let's",
    'i am going to',
    'we are going to',
    "i've passed",
    'i have passed',
    "i've raised",
    'i have raised',
    "i've asked",
    'i have asked',
    "i've escalated",
    'i have escalated',
    'escalated',
    'can you',
    'could you',
    'would you',
    'please',
    'dm',
    'send us',
    'send me',
    'message us',
    "here's how",
    'here is how',
    'you can',
    'try',
    'check',
    'look into',
    'looking into',
    'follow up',
    'update you',
    'keep you posted',
    'keep you updated',
    'get back to you',
    'reply with',
    'head to',
    'visit',
    'go to',
    'click',
    'tap',
    'steps',
    'next step',
    'on it',
    'call us',
    'contact',
    'reach us',
    'email us',
    'e-mail us',
    'fix',
    'fixed',
    'sort this',
    'sort it',
    'sorted',
    'working on',
    'investigating',
    'in touch',
  ],
  private_channel: [
    'dm',
    'dms',
    'direct message',
    'direct messages',
    'private message',
    'pm',
    'message us',
    'send us a message',
    'drop us a message',
    'drop us a line',
    'inbox',
    'email us',
    'e-mail us',
    'mail us',
    'privately',
    'in private',
    'private chat',
    'chat with us',
    'contact form',
    'support form',
    'secure form',
    'get in touch',
    'contact us',
    'call us',
    'give us a call',
    'ring us',
  ],
  thanks: [
    'thank',
    'thanks',
    'thx',
    'cheers',
    'appreciate',
    'appreciated',
    'appreciates',
    'grateful',
    'means a lot',
    'kind words',
    'made our day',
    'made my day',
  ],
  account: [
    'account',
    'accounts',
    'order',
    'orders',
    'order number',
    'booking',
    'booking number',
    'booking reference',
    'reference number',
    'email address',
    'e-mail address',
    'my email',
    'my e-mail',
    'phone',
    'phone number',
    'mobile number',
    'home address',
    'my address',
    'delivery address',
    'postal address',
    'postcode',
    'zip code',
    'card',
    'credit card',
    'debit card',
    'card number',
    'password',
    'login',
    'log in',
    'logged in',
    'sign in',
    'signed in',
    'username',
    'payment',
    'paid',
    'billing',
    'my bill',
    'invoice',
    'charged',
    'refund',
    'subscription',
    'membership',
    'pin',
    'iban',
    'bank',
    'date of birth',
    'passport',
    'tracking number',
    'parcel',
    'customer number',
    'policy number',
    'ticket number',
    'reservation',
  ],
};

const LEXICON_TRIE = (() => {
  const trie = new PhraseTrie<LexiconKind>();
  for (const kind of Object.keys(LEXICON) as LexiconKind[]) LEXICON[kind].forEach((p, i) => trie.add(kind, i, p));
  return trie;
})();

interface CompiledGuide {
  trie: PhraseTrie<GuideKind>;
  acronyms: Set<string>;
}

const compiledGuides = new WeakMap<VoiceGuideBody, CompiledGuide>();

/** Compiles a guide once per guide object (the composer lints on every keystroke with the same guide). */
function compile(guide: VoiceGuideBody): CompiledGuide {
  let c = compiledGuides.get(guide);
  if (c) return c;
  const trie = new PhraseTrie<GuideKind>();
  guide.bannedPhrases.forEach((b, i) => trie.add('banned', i, b.phrase));
  guide.blamePhrases.forEach((p, i) => trie.add('blame', i, p));
  guide.promisePhrases.forEach((p, i) => trie.add('promise', i, p));
  guide.excusePhrases.forEach((p, i) => trie.add('excuse', i, p));
  const acronyms = new Set(guide.allowedAcronyms.map((a) => a.toUpperCase()));
  c = { trie, acronyms };
  compiledGuides.set(guide, c);
  return c;
}

/** Not prose: URLs, e-mail addresses, @handles and `{{variables}}` are skipped by the word rules. */
const MASK_RE =
  /https?:\/\/[^\s<>"]+|www\.[^\s<>"]+|(?<![@\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}.-]+)?|\{\{[^{}]*\}\}/gu;
/** Not preceded by '@': `@jane@chaos.social` is a Mastodon handle, not an e-mail address. */
// Lengths bounded (RFC 5321: 64-character local part, 63-character labels) so a long run without '@' stays linear.
const EMAIL_RE = /(?<![@\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,63}/gu;
/** Team mailboxes a reply may give out ("e-mail support@…"); a person's address may not be posted. */
const ROLE_MAILBOX_RE =
  /^(?:support|help|helpdesk|care|customercare|customerservice|customer\.service|service|hello|hi|info|contact|team|press|media|privacy|dpo|social|feedback|complaints|enquiries|inquiries|sales|billing|accounts|orders|bookings|noreply|no-reply|legal)$/iu;
const CARD_RE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/gu;
const PHONE_RE = /(?<![\p{L}\p{N}+])(?:\+\d[\d ().-]{6,18}\d|\(?0\d[\d ().-]{7,14}\d|\d{3}[ .-]\d{3}[ .-]\d{4})(?![\p{L}\p{N}])/gu;
/** A number the brand gives out ("call us on …") is not the customer's. */
const OUR_NUMBER_RE = /(?:\b(?:call|ring|phone|text|whatsapp|reach) us\b|helpline|hotline|our (?:phone )?number|freephone|toll[- ]free)[^.!?\n]{0,25}$/iu;
const ORDER_LIKE_RE = /(?<![\p{L}\p{N}])(?:#\s?\d{4,}|\d{6,}|[A-Z]{2,4}-?\d{4,})(?![\p{L}\p{N}])/u;
const UNFILLED_RE = /\{\{[^{}\n]*\}\}|\{\{|\}\}/gu;
const EXCLAIM_RE = /[!！]+/gu;

/** Luhn check: a 13–19 digit run that passes it is very likely a card number. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function spansOf(re: RegExp, text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const quote = (s: string) => `“${s}”`;
const overlaps = (a: TextSpan, b: TextSpan) => a.start < b.end && b.start < a.end;

/**
 * Lints a reply draft against a brand's voice guide: every finding with its rule, severity, a
 * message a trainee understands, the span in the draft and a fix where one exists. The composer
 * runs it on every keystroke, the api again before anything is queued; a blocking finding cannot be sent.
 */
export function lintReply(draft: string, guide: VoiceGuideBody, context: LintContext): LintReport {
  const compiled = compile(guide);
  const findings: LintFinding[] = [];
  const setting = (id: RuleId): RuleSetting => guide.rules[id] ?? ruleInfo(id).defaultSeverity;
  const add = (id: RuleId, message: string, span: TextSpan | null, fix: LintFinding['fix'] = null, severity?: LintSeverity) => {
    const s = setting(id);
    if (s === 'off') return;
    findings.push({
      ruleId: id,
      severity: guide.rules[id] ? (s as LintSeverity) : (severity ?? s),
      message,
      span,
      fix,
      requiresApproval: ruleInfo(id).requiresApproval,
    });
  };
  const on = (id: RuleId) => setting(id) !== 'off';

  const limit = REPLY_LIMITS[context.platform];
  const posted = (text: string) => postedReplyText(context.platform, { platform: context.platform, acct: context.authorHandle }, text);
  const used = replyLength(context.platform, posted(draft));
  const finish = (): LintReport => {
    findings.sort((a, b) => (a.span?.start ?? -1) - (b.span?.start ?? -1));
    return {
      findings,
      length: { used, max: limit.max, unit: limit.unit },
      blocked: findings.some((f) => f.severity === 'block'),
      requiresApproval: findings.some((f) => f.requiresApproval),
    };
  };

  if (draft.trim() === '') {
    add('empty', 'The reply is empty: write something before sending.', null);
    return finish();
  }

  // --- Length, as the platform counts what is actually posted.
  if (on('too_long')) {
    if (limit.max === 0) add('too_long', 'Items from this source cannot be answered from Earshot: open the original to respond.', null);
    else if (used > limit.max) {
      const cut = fitsUpTo(draft, limit.max, (t) => replyLength(context.platform, posted(t)));
      const unitWord = limit.unit === 'weighted' ? 'characters (links count 23, emoji 2)' : 'characters';
      add(
        'too_long',
        `Too long for ${platformName(context.platform)}: ${used} of ${limit.max} ${unitWord}. Cut ${used - limit.max} from the highlighted end.`,
        {
          start: cut,
          end: draft.length,
        },
      );
    }
  }

  // --- Template variables left in the text.
  if (on('unfilled_variable')) {
    for (const m of spansOf(UNFILLED_RE, draft)) {
      const message =
        m.text.length > 2
          ? `${m.text} is a template variable that was not filled in: replace it with the right words.`
          : `A stray ${quote(m.text)} from a template variable: remove it or complete the variable.`;
      add('unfilled_variable', message, { start: m.start, end: m.end });
    }
  }

  // --- Personal data in public.
  const dataSpans: TextSpan[] = [];
  if (on('personal_data_in_reply')) {
    for (const m of spansOf(CARD_RE, draft)) {
      const digits = m.text.replace(/\D/g, '');
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) {
        dataSpans.push(m);
        add('personal_data_in_reply', 'This looks like a card number. Never post payment details publicly: remove it and continue in a private message.', m);
      }
    }
    for (const m of spansOf(EMAIL_RE, draft)) {
      const local = m.text.slice(0, m.text.lastIndexOf('@'));
      if (ROLE_MAILBOX_RE.test(local)) continue;
      dataSpans.push(m);
      add('personal_data_in_reply', 'This looks like a personal e-mail address. Do not post it publicly: ask the customer to send it in a private message.', m);
    }
    for (const m of spansOf(PHONE_RE, draft)) {
      const digits = m.text.replace(/\D/g, '').length;
      if (digits < 9 || digits > 15 || dataSpans.some((s) => overlaps(s, m))) continue;
      if (OUR_NUMBER_RE.test(draft.slice(Math.max(0, m.start - 60), m.start))) continue;
      dataSpans.push(m);
      add('personal_data_in_reply', 'This looks like a phone number. Do not post it publicly: ask for it in a private message instead.', m);
    }
  }

  // --- Words and phrases.
  const masked = spansOf(MASK_RE, draft);
  const tokens = tokenize(draft, masked);
  const guideMatches = compiled.trie.match(tokens);
  const lexicon = LEXICON_TRIE.match(tokens);
  const has = (kind: LexiconKind) =>
    lexicon.some((m) => m.kind === kind) || (kind === 'next_step' && masked.some((m) => /^(?:https?:|www\.)/iu.test(draft.slice(m.start, m.end))));

  const blameSpans = on('blame_language') ? guideMatches.filter((m) => m.kind === 'blame') : [];
  for (const m of guideMatches) {
    const span = { start: m.start, end: m.end };
    const found = draft.slice(m.start, m.end);
    // "as per" inside "as per our policy" is reported once, as blame (its fix would still blame).
    const insideBlame = m.kind === 'banned' && blameSpans.some((b) => b.start <= m.start && m.end <= b.end);
    if (m.kind === 'banned' && on('banned_phrase') && !insideBlame) {
      const rule = guide.bannedPhrases[m.index]!;
      const fix = rule.suggestion !== null ? { span, replacement: matchCase(found, rule.suggestion) } : null;
      const instead = rule.suggestion ? ` Try ${quote(matchCase(found, rule.suggestion))} instead.` : ' Rephrase it in your own words.';
      add('banned_phrase', `${quote(found)} is on the brand's list of phrases not to use.${instead}`, span, fix, rule.severity);
    } else if (m.kind === 'blame' && on('blame_language')) {
      add('blame_language', `${quote(found)} sounds like blaming the customer. Say what you will do to help instead.`, span);
    } else if (m.kind === 'promise' && on('promise_needs_approval')) {
      add(
        'promise_needs_approval',
        `${quote(found)} is a promise only a manager can make: the reply will go to a manager for approval before it is sent.`,
        span,
      );
    }
  }

  if (on('excuse_after_apology')) {
    const apologies = lexicon.filter((m) => m.kind === 'apologise');
    for (const m of guideMatches) {
      if (m.kind !== 'excuse') continue;
      const before = lastBefore(apologies, m);
      if (!before) continue;
      if (tokens[m.firstToken]!.sentence - tokens[before.lastToken]!.sentence > 1) continue;
      add(
        'excuse_after_apology',
        `${quote(draft.slice(m.start, m.end))} right after an apology sounds like an excuse and takes the apology back. End the apology there and say what happens next.`,
        { start: m.start, end: m.end },
      );
    }
  }

  // --- Required elements for this intent.
  const required: readonly RequiredElement[] = context.intent ? (guide.requiredElements[context.intent] ?? []) : [];
  const signOff = renderSignOff(guide, context);
  const insertAt = signOffStart(draft, signOff);
  if (required.includes('acknowledge') && !has('acknowledge'))
    add('missing_acknowledgement', 'Show the customer you heard them first ("I can see how frustrating this is").', null);
  if (required.includes('apologise') && !has('apologise'))
    add('missing_apology', 'Say sorry: a complaint reply apologises, without excuses.', null, {
      span: { start: 0, end: 0 },
      replacement: "I'm sorry about this. ",
    });
  if (required.includes('next_step') && !has('next_step'))
    add('missing_next_step', 'Say what happens next or what the customer can do (a step, a link, "I\'ll check and come back to you").', null);
  if (required.includes('private_channel') && !has('private_channel') && involvesPersonalData(context.mentionText, lexicon, dataSpans.length > 0))
    add(
      'missing_private_channel',
      'Their account, order or personal details are involved: invite them to continue privately (DM or e-mail), never in public.',
      null,
      {
        span: { start: insertAt, end: insertAt },
        replacement: `${needsSpaceBefore(draft, insertAt) ? ' ' : ''}Could you send us a DM with the details so we can look into it privately?${insertAt < draft.length && !/\s/u.test(draft[insertAt]!) ? ' ' : ''}`,
      },
    );
  if (required.includes('thanks') && !has('thanks'))
    add('missing_thanks', 'They took the time to say something nice: thank them.', null, { span: { start: 0, end: 0 }, replacement: 'Thank you so much. ' });

  // --- Sign-off.
  if (signOff && on('sign_off') && !endsWithSignOff(draft, signOff)) {
    const end = draft.trimEnd().length;
    const elsewhere = draft.toLowerCase().includes(signOff.toLowerCase());
    add('sign_off', elsewhere ? `Put your sign-off ${quote(signOff)} at the very end.` : `End the reply with your sign-off ${quote(signOff)}.`, null, {
      span: { start: end, end: draft.length },
      // Keep a line break before the sign-off when the agent ended with one.
      replacement: `${end === 0 ? '' : draft.slice(end).includes('\n') ? '\n' : ' '}${signOff}`,
    });
  }

  // --- Tone: exclamation marks, emoji, capitals.
  if (on('too_many_exclamations')) {
    const max = guide.limits.maxExclamations;
    let seen = 0;
    for (const run of spansOf(EXCLAIM_RE, draft)) {
      if (masked.some((m) => overlaps(m, run))) continue;
      const allowedHere = Math.max(0, Math.min(run.text.length, max - seen));
      seen += run.text.length;
      if (allowedHere === run.text.length) continue;
      const span = { start: run.start + allowedHere, end: run.end };
      add(
        'too_many_exclamations',
        `Too many exclamation marks (the guide allows ${max} per reply): they can read as shouting or as not taking the problem seriously.`,
        span,
        { span, replacement: allowedHere > 0 ? '' : '.' },
      );
    }
  }
  if (on('too_many_emoji')) {
    const max = guide.limits.maxEmoji;
    let seen = 0;
    for (const g of graphemeSpans(draft)) {
      if ((g.segment.length === 1 && g.segment.charCodeAt(0) < 0x2000) || !isEmojiGrapheme(g.segment)) continue;
      seen++;
      if (seen <= max) continue;
      const span = { start: g.index, end: g.index + g.segment.length };
      add('too_many_emoji', `Too many emoji (the guide allows ${max} per reply).`, span, { span, replacement: '' });
    }
  }
  if (on('shouting')) {
    const allowed = new Set(compiled.acronyms);
    for (const w of context.brandName.split(/\s+/u)) if (w) allowed.add(w.toUpperCase());
    let seen = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!t.word || (i > 0 && tokens[i - 1]!.start === t.start)) continue;
      const word = draft.slice(t.start, t.end);
      if (!isShouted(word) || allowed.has(word.toUpperCase())) continue;
      seen++;
      if (seen <= guide.limits.maxCapsWords) continue;
      const span = { start: t.start, end: t.end };
      const sentenceStart = i === 0 || (!tokens[i - 1]!.word && tokens[i - 1]!.sentence !== t.sentence);
      const lower = word.toLowerCase();
      add('shouting', `${quote(word)} in capitals reads as shouting.`, span, {
        span,
        replacement: sentenceStart ? lower[0]!.toUpperCase() + lower.slice(1) : lower,
      });
    }
  }

  // --- Reading level.
  const gradeMax = guide.limits.readingGradeMax;
  if (gradeMax !== null && on('reading_level')) {
    const words = tokens.filter((t, i) => t.word && /\p{L}/u.test(draft.slice(t.start, t.end)) && !(i > 0 && tokens[i - 1]!.start === t.start));
    // Below a dozen words the formula says little (one long word swings it).
    if (words.length >= 12) {
      const sentences = new Set(words.map((t) => t.sentence)).size;
      const syl = words.reduce((n, t) => n + syllables(draft.slice(t.start, t.end)), 0);
      const grade = fleschKincaidGrade(words.length, sentences, syl);
      if (grade > gradeMax)
        add(
          'reading_level',
          `This reads at school grade ${grade.toFixed(1)}; the guide asks for ${gradeMax} or below. Use shorter sentences and everyday words.`,
          null,
        );
    }
  }

  return finish();
}

function platformName(p: Platform): string {
  return { mastodon: 'Mastodon', bluesky: 'Bluesky', reddit: 'Reddit', x: 'X', rss: 'RSS' }[p];
}

/** The largest grapheme boundary up to which the text still fits (what to highlight as over the limit). */
function fitsUpTo(text: string, max: number, length: (t: string) => number): number {
  const bounds = graphemeSpans(text).map((g) => g.index + g.segment.length);
  let lo = 0;
  let hi = bounds.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (length(text.slice(0, bounds[mid])) <= max) {
      best = bounds[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function lastBefore<K extends string>(list: PhraseMatch<K>[], m: PhraseMatch<string>): PhraseMatch<K> | null {
  let found: PhraseMatch<K> | null = null;
  for (const a of list) if (a.lastToken < m.firstToken) found = a;
  return found;
}

/** A suggestion keeps the capital of the phrase it replaces ("Kindly" → "Please"). */
function matchCase(found: string, suggestion: string): string {
  if (!suggestion) return suggestion;
  const first = found[0] ?? '';
  if (first !== first.toLowerCase() && first === first.toUpperCase()) return suggestion[0]!.toUpperCase() + suggestion.slice(1);
  return suggestion;
}

/** A word of three or more letters, all capitals, with no digits (model numbers such as A320 are not shouting). */
function isShouted(word: string): boolean {
  const letters = word.match(/\p{L}/gu);
  if (!letters || letters.length < 3 || /\p{N}/u.test(word)) return false;
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

function renderSignOff(guide: VoiceGuideBody, ctx: LintContext): string | null {
  if (!guide.signOff) return null;
  const r = renderTemplate(guide.signOff, {
    'agent.signature': ctx.agent.signature,
    'agent.first_name': ctx.agent.firstName,
    'brand.name': ctx.brandName,
  });
  return r.ok && r.text.trim() ? r.text.trim() : null;
}

function endsWithSignOff(draft: string, signOff: string): boolean {
  return draft.trimEnd().toLowerCase().endsWith(signOff.toLowerCase());
}

/** Where text added to the end belongs: before the sign-off when the draft ends with it. */
function signOffStart(draft: string, signOff: string | null): number {
  const end = draft.trimEnd().length;
  if (signOff && endsWithSignOff(draft, signOff)) return draft.slice(0, end - signOff.length).trimEnd().length;
  return end;
}

function needsSpaceBefore(draft: string, at: number): boolean {
  return at > 0 && !/\s/u.test(draft[at - 1]!);
}

/** An account, order or personal details are part of the conversation (mention or draft). */
function involvesPersonalData(mentionText: string, draftLexicon: PhraseMatch<LexiconKind>[], draftHasData: boolean): boolean {
  if (draftHasData || draftLexicon.some((m) => m.kind === 'account')) return true;
  const mentionMasked = spansOf(MASK_RE, mentionText);
  if (LEXICON_TRIE.match(tokenize(mentionText, mentionMasked)).some((m) => m.kind === 'account')) return true;
  EMAIL_RE.lastIndex = 0;
  PHONE_RE.lastIndex = 0;
  if (EMAIL_RE.test(mentionText) || PHONE_RE.test(mentionText) || ORDER_LIKE_RE.test(mentionText)) return true;
  return false;
}

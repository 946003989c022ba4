import type { LintFinding, VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE } from './default-guide.js';
import { applyFix } from './fix.js';
import { lintReply, type LintContext } from './lint.js';
import { RULES, RULE_IDS } from './rules.js';

const ctx = (over: Partial<LintContext> = {}): LintContext => ({
  platform: 'bluesky',
  intent: null,
  category: null,
  mentionText: 'Hello there',
  authorHandle: 'jane.bsky.social',
  agent: { firstName: 'Jo', signature: 'JD' },
  brandName: 'Acme',
  ...over,
});

/** A guide with no required elements and no sign-off, so each test sees only the rule it is about. */
const guide = (over: Partial<VoiceGuideBody> = {}): VoiceGuideBody => ({
  ...DEFAULT_VOICE_GUIDE,
  requiredElements: {},
  signOff: null,
  ...over,
});

const lint = (draft: string, g: VoiceGuideBody = guide(), c: LintContext = ctx()) => lintReply(draft, g, c);
const ofRule = (findings: LintFinding[], id: string) => findings.filter((f) => f.ruleId === id);
const spanText = (draft: string, f: LintFinding) => (f.span ? draft.slice(f.span.start, f.span.end) : null);

describe('a good reply', () => {
  it('passes the default guide for a complaint with no findings', () => {
    const draft = "I'm sorry your parcel is late, I can see how frustrating that is. Could you send us a DM with your order number? I'll chase it today. ^JD";
    const report = lintReply(draft, DEFAULT_VOICE_GUIDE, ctx({ intent: 'complaint', mentionText: 'Where is my order?!' }));
    // "I'll" is "I will": not a promise phrase in the default guide ("we will" is)
    expect(report.findings).toEqual([]);
    expect(report.blocked).toBe(false);
    expect(report.requiresApproval).toBe(false);
    expect(report.length).toEqual({ used: draft.length, max: 300, unit: 'graphemes' });
  });
});

describe('catalogue', () => {
  it('describes every rule the linter emits, once', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) expect(r.description.length).toBeGreaterThan(10);
  });
});

describe('empty', () => {
  it('blocks an empty or blank reply', () => {
    for (const draft of ['', '   \n ']) {
      const r = lint(draft);
      expect(r.findings.map((f) => f.ruleId)).toEqual(['empty']);
      expect(r.blocked).toBe(true);
    }
  });
  it('does not flag text', () => expect(ofRule(lint('Thanks for this.').findings, 'empty')).toEqual([]));
});

describe('banned_phrase', () => {
  it('finds a banned phrase case-insensitively with its span and the suggestion as fix', () => {
    const draft = 'We apologize for any inconvenience and thank you.';
    const [f] = ofRule(lint(draft).findings, 'banned_phrase');
    expect(f).toBeDefined();
    expect(f!.severity).toBe('block');
    expect(spanText(draft, f!)).toBe('We apologize for any inconvenience');
    expect(f!.fix?.replacement).toBe("I'm sorry about this");
    expect(applyFix(draft, f!.fix!)).toBe("I'm sorry about this and thank you.");
    expect(f!.message).toContain('Try');
  });
  it('keeps the capital of the replaced word and respects per-phrase severity', () => {
    const draft = 'Kindly check your inbox. It will no problem.';
    const found = ofRule(lint(draft).findings, 'banned_phrase');
    expect(found.map((f) => [spanText(draft, f), f.fix?.replacement, f.severity])).toEqual([
      ['Kindly', 'Please', 'block'],
      ['no problem', 'happy to help', 'warn'],
    ]);
  });
  it('matches across line breaks, extra spaces and typographic apostrophes, within word boundaries only', () => {
    const g = guide({
      bannedPhrases: [
        { phrase: "can't help", suggestion: null, severity: 'block' },
        { phrase: 'as per', suggestion: 'following', severity: 'block' },
      ],
    });
    expect(ofRule(lint('We can’t\n  help with that', g).findings, 'banned_phrase')).toHaveLength(1);
    expect(ofRule(lint('Use the canteen help desk; has perks', g).findings, 'banned_phrase')).toHaveLength(0);
    expect(ofRule(lint('AS PER the note', g).findings, 'banned_phrase')).toHaveLength(1);
  });
  it('handles Unicode words and decomposed accents', () => {
    const g = guide({ bannedPhrases: [{ phrase: 'désolé', suggestion: null, severity: 'block' }] });
    expect(ofRule(lint('Nous sommes DÉSOLÉ.', g).findings, 'banned_phrase')).toHaveLength(1);
    expect(ofRule(lint('Nous sommes de\u0301sole\u0301.', g).findings, 'banned_phrase')).toHaveLength(1);
    expect(ofRule(lint('Nous sommes désolés.', g).findings, 'banned_phrase')).toHaveLength(0);
  });
  it('ignores URLs, handles and e-mail addresses', () => {
    const g = guide({ bannedPhrases: [{ phrase: 'kindly', suggestion: null, severity: 'block' }] });
    expect(ofRule(lint('See https://acme.example/kindly and @kindly', g).findings, 'banned_phrase')).toEqual([]);
  });
  it('can be turned off or made a warning for the whole rule', () => {
    expect(ofRule(lint('Kindly wait.', guide({ rules: { banned_phrase: 'off' } })).findings, 'banned_phrase')).toEqual([]);
    expect(ofRule(lint('Kindly wait.', guide({ rules: { banned_phrase: 'warn' } })).findings, 'banned_phrase')[0]!.severity).toBe('warn');
  });
});

describe('blame_language', () => {
  it('blocks blame with its span', () => {
    const draft = 'You should have read the terms, as per our policy.';
    const found = ofRule(lint(draft).findings, 'blame_language');
    expect(found.map((f) => spanText(draft, f))).toEqual(['You should have', 'as per our policy']);
    expect(found[0]!.severity).toBe('block');
  });
  it('reports a banned phrase inside blame once, as blame', () => {
    const ids = lint('As per our policy, no.').findings.map((f) => f.ruleId);
    expect(ids).toContain('blame_language');
    expect(ids).not.toContain('banned_phrase');
  });
  it('does not flag neutral wording', () => {
    expect(ofRule(lint('You should be able to see it in the app now.').findings, 'blame_language')).toEqual([]);
  });
});

describe('promise_needs_approval', () => {
  it('warns and requires approval for promises, including contractions', () => {
    for (const [draft, phrase] of [
      ["We'll refund you today.", "We'll"],
      ['A full refund is on its way.', 'refund'],
      ['We guarantee it arrives.', 'guarantee'],
    ] as const) {
      const r = lint(draft);
      const f = ofRule(r.findings, 'promise_needs_approval');
      expect(f.length).toBeGreaterThan(0);
      expect(spanText(draft, f[0]!)).toBe(phrase);
      expect(f[0]!.severity).toBe('warn');
      expect(f[0]!.requiresApproval).toBe(true);
      expect(r.requiresApproval).toBe(true);
      expect(r.blocked).toBe(false);
    }
  });
  it('does not flag a reply without promises', () => {
    const r = lint("I've passed this to the delivery team.");
    expect(ofRule(r.findings, 'promise_needs_approval')).toEqual([]);
    expect(r.requiresApproval).toBe(false);
  });
});

describe('excuse_after_apology', () => {
  it('flags an excuse right after an apology', () => {
    const draft = "I'm so sorry, but the courier was late.";
    const [f] = ofRule(lint(draft).findings, 'excuse_after_apology');
    expect(spanText(draft, f!)).toBe('but');
  });
  it('does not flag "but" before any apology, inside "button", or far after it', () => {
    expect(ofRule(lint('Tap the button, but only once. Sorry about that.').findings, 'excuse_after_apology')).toEqual([]);
    expect(ofRule(lint("Sorry about that. Tap the button. It's fixed.").findings, 'excuse_after_apology')).toEqual([]);
    expect(ofRule(lint('Sorry about that. Here is the link. It should work. The app is new but stable.').findings, 'excuse_after_apology')).toEqual([]);
  });
});

describe('required elements per intent', () => {
  const complaint = guide({ requiredElements: DEFAULT_VOICE_GUIDE.requiredElements });
  const c = (mentionText = 'This app is slow') => ctx({ intent: 'complaint', mentionText });
  it('flags a complaint reply with no acknowledgement, apology or next step', () => {
    const ids = lint('Noted.', complaint, c()).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['missing_acknowledgement', 'missing_apology', 'missing_next_step']));
    expect(ids).not.toContain('missing_private_channel');
  });
  it('accepts a complaint reply that has them all', () => {
    const ids = lint("Sorry about this, I can see it's slow. Could you try the latest version?", complaint, c()).findings.map((f) => f.ruleId);
    expect(ids).toEqual([]);
  });
  it('the apology fix inserts an apology', () => {
    const draft = 'I can see this. Could you try again?';
    const [f] = ofRule(lint(draft, complaint, c()).findings, 'missing_apology');
    expect(applyFix(draft, f!.fix!)).toBe("I'm sorry about this. I can see this. Could you try again?");
  });
  it('asks for a private channel only when an account or personal data is involved', () => {
    const draft = 'Sorry about this, I can see it. Could you try again?';
    expect(ofRule(lint(draft, complaint, c('My order #884213 never came')).findings, 'missing_private_channel')).toHaveLength(1);
    expect(ofRule(lint(draft, complaint, c("I can't log in to my account")).findings, 'missing_private_channel')).toHaveLength(1);
    expect(ofRule(lint(draft, complaint, c('reach me at jane@example.org')).findings, 'missing_private_channel')).toHaveLength(1);
    expect(ofRule(lint(draft, complaint, c('The new logo is ugly')).findings, 'missing_private_channel')).toHaveLength(0);
    const ok = 'Sorry about this, I can see it. Could you send us a DM with the details?';
    expect(ofRule(lint(ok, complaint, c('My order #884213 never came')).findings, 'missing_private_channel')).toHaveLength(0);
  });
  it('the private-channel fix goes before the sign-off', () => {
    const g = guide({ requiredElements: DEFAULT_VOICE_GUIDE.requiredElements, signOff: '^{{agent.signature}}' });
    const draft = 'Sorry about this, I can see it. I will check. ^JD';
    const [f] = ofRule(lint(draft, g, c('my account is locked')).findings, 'missing_private_channel');
    expect(applyFix(draft, f!.fix!)).toBe(
      'Sorry about this, I can see it. I will check. Could you send us a DM with the details so we can look into it privately? ^JD',
    );
  });
  it('a question needs a next step', () => {
    const q = ctx({ intent: 'question' });
    expect(ofRule(lint('Good question.', complaint, q).findings, 'missing_next_step')).toHaveLength(1);
    expect(ofRule(lint('Good question: see https://acme.example/help', complaint, q).findings, 'missing_next_step')).toHaveLength(0);
    expect(ofRule(lint("Good question, I'll find out.", complaint, q).findings, 'missing_next_step')).toHaveLength(0);
  });
  it('praise needs thanks', () => {
    const p = ctx({ intent: 'praise' });
    const [f] = ofRule(lint('Glad you liked it.', complaint, p).findings, 'missing_thanks');
    expect(f).toBeDefined();
    expect(applyFix('Glad you liked it.', f!.fix!)).toBe('Thank you so much. Glad you liked it.');
    expect(ofRule(lint('Thanks so much, glad you liked it.', complaint, p).findings, 'missing_thanks')).toEqual([]);
  });
  it('nothing is required when the intent is unknown', () => {
    expect(lint('Noted.', complaint, ctx({ intent: null })).findings).toEqual([]);
  });
});

describe('personal_data_in_reply', () => {
  it('blocks e-mail addresses, phone numbers and card numbers', () => {
    const draft = 'Is it jane.doe@example.org or +44 7700 900123? Card 4111 1111 1111 1111 ok.';
    const found = ofRule(lint(draft).findings, 'personal_data_in_reply');
    expect(found.map((f) => spanText(draft, f))).toEqual(['jane.doe@example.org', '+44 7700 900123', '4111 1111 1111 1111']);
    expect(found.every((f) => f.severity === 'block')).toBe(true);
  });
  it('does not take a Mastodon handle for an e-mail address', () => {
    expect(ofRule(lint('Thanks @jane@chaos.social, glad it worked.').findings, 'personal_data_in_reply')).toEqual([]);
  });
  it('allows team mailboxes, our own numbers, order numbers and non-card digit runs', () => {
    const draft = 'E-mail support@acme.example or call us on 0800 123 4567. Order 12345678 left on 2026-12-01; ref 1234 5678 9012 3456.';
    expect(ofRule(lint(draft).findings, 'personal_data_in_reply')).toEqual([]);
  });
});

describe('sign_off', () => {
  const g = guide({ signOff: '^{{agent.signature}}' });
  it('asks for the rendered sign-off at the end and the fix appends it', () => {
    const draft = 'Thanks for waiting.';
    const [f] = ofRule(lint(draft, g).findings, 'sign_off');
    expect(f!.message).toContain('^JD');
    expect(applyFix(draft, f!.fix!)).toBe('Thanks for waiting. ^JD');
    const trailing = 'Thanks for waiting.\n';
    expect(applyFix(trailing, ofRule(lint(trailing, g).findings, 'sign_off')[0]!.fix!)).toBe('Thanks for waiting.\n^JD');
  });
  it('accepts a reply that ends with it', () => {
    expect(ofRule(lint('Thanks for waiting. ^JD  ', g).findings, 'sign_off')).toEqual([]);
    expect(ofRule(lint('^JD here. Thanks.', g).findings, 'sign_off')[0]!.message).toContain('at the very end');
  });
  it('uses the first name when the template says so', () => {
    const g2 = guide({ signOff: '– {{agent.first_name}}' });
    expect(ofRule(lint('Thanks. – Jo', g2).findings, 'sign_off')).toEqual([]);
  });
});

describe('too_many_exclamations', () => {
  it('flags exclamation marks beyond the limit with a fix', () => {
    const draft = 'Great! Thanks!!';
    const found = ofRule(lint(draft).findings, 'too_many_exclamations');
    expect(found).toHaveLength(1);
    expect(spanText(draft, found[0]!)).toBe('!!');
    expect(applyFix(draft, found[0]!.fix!)).toBe('Great! Thanks.');
  });
  it('trims a run that starts within the limit', () => {
    const draft = 'Thanks!!!';
    const [f] = ofRule(lint(draft).findings, 'too_many_exclamations');
    expect(applyFix(draft, f!.fix!)).toBe('Thanks!');
  });
  it('allows the limit', () => expect(ofRule(lint('Great, thanks!').findings, 'too_many_exclamations')).toEqual([]));
});

describe('too_many_emoji', () => {
  it('counts emoji as graphemes (a ZWJ family, a flag, a toned thumb are one each)', () => {
    const draft = 'Thanks 👩‍👩‍👧 🇫🇷 👍🏽 ☕';
    const found = ofRule(lint(draft).findings, 'too_many_emoji');
    expect(found.map((f) => spanText(draft, f))).toEqual(['🇫🇷', '👍🏽', '☕']);
  });
  it('allows one, and text symbols are not emoji', () => {
    expect(ofRule(lint('Thanks 👍🏽 © Acme 2026').findings, 'too_many_emoji')).toEqual([]);
  });
});

describe('shouting', () => {
  it('flags words in capitals with a lower-case fix', () => {
    const draft = 'This is NOT acceptable. SORRY.';
    const found = ofRule(lint(draft).findings, 'shouting');
    expect(found.map((f) => [spanText(draft, f), f.fix?.replacement])).toEqual([
      ['NOT', 'not'],
      ['SORRY', 'Sorry'],
    ]);
  });
  it('allows acronyms, the brand name, short words and model numbers', () => {
    const c = ctx({ brandName: 'IKEA' });
    expect(ofRule(lint('Send a DM, see the FAQ or the PDF, I am OK with A320 at IKEA.', guide(), c).findings, 'shouting')).toEqual([]);
  });
  it('allows up to maxCapsWords', () => {
    const g = guide({ limits: { ...DEFAULT_VOICE_GUIDE.limits, maxCapsWords: 1 } });
    expect(ofRule(lint('This is HUGE news.', g).findings, 'shouting')).toEqual([]);
    expect(ofRule(lint('This is HUGE news, REALLY.', g).findings, 'shouting')).toHaveLength(1);
  });
});

describe('reading_level', () => {
  it('warns above the ceiling', () => {
    const draft =
      'Unfortunately, the organisational restructuring of our international distribution infrastructure necessitated considerable operational reconfiguration, consequently generating unanticipated administrative complications.';
    const [f] = ofRule(lint(draft).findings, 'reading_level');
    expect(f!.severity).toBe('warn');
    expect(f!.span).toBeNull();
    expect(f!.message).toMatch(/grade \d+/);
  });
  it('passes plain short sentences', () => {
    const draft = 'Sorry your box came late. We know it is a pain. Can you send us the order number? We will look at it now.';
    expect(ofRule(lint(draft).findings, 'reading_level')).toEqual([]);
  });
  it('can be switched off with a null ceiling', () => {
    const g = guide({ limits: { ...DEFAULT_VOICE_GUIDE.limits, readingGradeMax: null } });
    expect(
      ofRule(
        lint(
          'Notwithstanding considerable organisational reconfiguration, unprecedented administrative complications necessitated extraordinary institutional accommodation measures.',
          g,
        ).findings,
        'reading_level',
      ),
    ).toEqual([]);
  });
});

describe('too_long', () => {
  it('blocks a reply over the platform limit and highlights the overflow', () => {
    const draft = 'a'.repeat(295) + ' 👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧';
    const r = lintReply(draft, guide({ limits: { ...DEFAULT_VOICE_GUIDE.limits, maxEmoji: 20 } }), ctx({ platform: 'bluesky' }));
    const [f] = ofRule(r.findings, 'too_long');
    expect(r.length).toEqual({ used: 301, max: 300, unit: 'graphemes' });
    expect(f!.severity).toBe('block');
    expect(spanText(draft, f!)).toBe('👩‍👩‍👧');
  });
  it('fits exactly at the limit', () => {
    expect(ofRule(lintReply('a'.repeat(300), guide(), ctx({ platform: 'bluesky' })).findings, 'too_long')).toEqual([]);
  });
  it("counts Mastodon's @acct prefix", () => {
    const c = ctx({ platform: 'mastodon', authorHandle: 'jane@chaos.social' });
    expect(lintReply('a'.repeat(494), guide(), c).length.used).toBe(500);
    expect(ofRule(lintReply('a'.repeat(495), guide(), c).findings, 'too_long')).toHaveLength(1);
  });
  it('weighs X text the way twitter-text does', () => {
    const r = lintReply('日'.repeat(141), guide(), ctx({ platform: 'x' }));
    expect(r.length).toEqual({ used: 282, max: 280, unit: 'weighted' });
    expect(ofRule(r.findings, 'too_long')).toHaveLength(1);
  });
  it('says an RSS item cannot be answered', () => {
    const [f] = ofRule(lintReply('Hi', guide(), ctx({ platform: 'rss' })).findings, 'too_long');
    expect(f!.message).toContain('open the original');
  });
});

describe('unfilled_variable', () => {
  it('blocks a {{variable}} left in the text', () => {
    const draft = 'Hi {{author.name}}, thanks. {{';
    const found = ofRule(lint(draft).findings, 'unfilled_variable');
    expect(found.map((f) => spanText(draft, f))).toEqual(['{{author.name}}', '{{']);
    expect(found.every((f) => f.severity === 'block')).toBe(true);
  });
  it('does not flag single braces', () => expect(ofRule(lint('Use {code} here.').findings, 'unfilled_variable')).toEqual([]));
});

describe('report', () => {
  it('orders findings by position and caches the compiled guide per guide object', () => {
    const g = guide();
    const a = lintReply('Kindly wait. You should have waited. We will refund.', g, ctx());
    const b = lintReply('Kindly wait. You should have waited. We will refund.', g, ctx());
    expect(a).toEqual(b);
    const starts = a.findings.map((f) => f.span?.start ?? -1);
    expect([...starts].sort((x, y) => x - y)).toEqual(starts);
    expect(a.blocked).toBe(true);
    expect(a.requiresApproval).toBe(true);
  });
  it('a rule set to block overrides the default severity', () => {
    const r = lint('Great!! Thanks.', guide({ rules: { too_many_exclamations: 'block' } }));
    expect(r.blocked).toBe(true);
  });
  it('renders attacker-controlled mention text nowhere in messages', () => {
    const mentionText = '<img src=x onerror=alert(1)> my account 123456';
    const r = lintReply('Sorry.', DEFAULT_VOICE_GUIDE, ctx({ intent: 'complaint', mentionText }));
    for (const f of r.findings) expect(f.message).not.toContain('<img');
  });
});

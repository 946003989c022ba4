import {
  INTENTS,
  REQUIRED_ELEMENTS,
  toFieldIssues,
  VoiceGuideBodySchema,
  type FieldIssue,
  type Intent,
  type LintSeverity,
  type RequiredElement,
  type RuleSetting,
  type VoiceGuideBody,
} from '@earshot/contracts';

/** A banned phrase as its row in the form; `key` keeps React's rows apart while phrases are typed. */
export interface BannedRow {
  key: number;
  phrase: string;
  suggestion: string;
  severity: LintSeverity;
}

export type LimitField = 'maxExclamations' | 'maxEmoji' | 'maxCapsWords' | 'readingGradeMax';
export type PhraseListField = 'blamePhrases' | 'promisePhrases' | 'excusePhrases' | 'allowedAcronyms';

/** The voice guide as the form edits it: text where the user types, one phrase a line. */
export interface GuideDraft {
  bannedPhrases: BannedRow[];
  blamePhrases: string;
  promisePhrases: string;
  excusePhrases: string;
  allowedAcronyms: string;
  requiredElements: Record<Intent, RequiredElement[]>;
  signOff: string;
  limits: Record<LimitField, string>;
  /** Rule id → setting; a rule that is not here uses its default. */
  rules: Record<string, RuleSetting>;
}

let nextKey = 0;
export function bannedRow(phrase = '', suggestion = '', severity: LintSeverity = 'block'): BannedRow {
  nextKey += 1;
  return { key: nextKey, phrase, suggestion, severity };
}

export function draftFromGuide(guide: VoiceGuideBody): GuideDraft {
  return {
    bannedPhrases: guide.bannedPhrases.map((b) => bannedRow(b.phrase, b.suggestion ?? '', b.severity)),
    blamePhrases: guide.blamePhrases.join('\n'),
    promisePhrases: guide.promisePhrases.join('\n'),
    excusePhrases: guide.excusePhrases.join('\n'),
    allowedAcronyms: guide.allowedAcronyms.join('\n'),
    requiredElements: Object.fromEntries(INTENTS.map((i) => [i, [...(guide.requiredElements[i] ?? [])]])) as Record<Intent, RequiredElement[]>,
    signOff: guide.signOff ?? '',
    limits: {
      maxExclamations: String(guide.limits.maxExclamations),
      maxEmoji: String(guide.limits.maxEmoji),
      maxCapsWords: String(guide.limits.maxCapsWords),
      readingGradeMax: guide.limits.readingGradeMax === null ? '' : String(guide.limits.readingGradeMax),
    },
    rules: { ...guide.rules },
  };
}

/** One phrase a line (commas also separate acronyms); blank lines dropped. */
function lines(text: string, commas = false): string[] {
  return text
    .split(commas ? /[\n,]/ : /\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A number field: empty or not a number becomes NaN, which the schema refuses with its message. */
function count(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** What the form would send, before the schema checks it. */
export function draftToCandidate(draft: GuideDraft): unknown {
  const requiredElements: Partial<Record<Intent, RequiredElement[]>> = {};
  for (const intent of INTENTS) {
    const elements = REQUIRED_ELEMENTS.filter((e) => draft.requiredElements[intent].includes(e));
    if (elements.length > 0) requiredElements[intent] = elements;
  }
  return {
    bannedPhrases: draft.bannedPhrases
      .filter((b) => b.phrase.trim() !== '' || b.suggestion.trim() !== '')
      .map((b) => ({ phrase: b.phrase, suggestion: b.suggestion.trim() === '' ? null : b.suggestion, severity: b.severity })),
    blamePhrases: lines(draft.blamePhrases),
    promisePhrases: lines(draft.promisePhrases),
    excusePhrases: lines(draft.excusePhrases),
    requiredElements,
    signOff: draft.signOff.trim() === '' ? null : draft.signOff,
    limits: {
      maxExclamations: count(draft.limits.maxExclamations),
      maxEmoji: count(draft.limits.maxEmoji),
      maxCapsWords: count(draft.limits.maxCapsWords),
      readingGradeMax: draft.limits.readingGradeMax.trim() === '' ? null : count(draft.limits.readingGradeMax),
    },
    allowedAcronyms: lines(draft.allowedAcronyms, true),
    rules: draft.rules,
  };
}

export type DraftCheck = { ok: true; body: VoiceGuideBody } | { ok: false; issues: FieldIssue[] };

/** The draft checked with the same schema the api uses. */
export function checkDraft(draft: GuideDraft): DraftCheck {
  const parsed = VoiceGuideBodySchema.safeParse(draftToCandidate(draft));
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, issues: toFieldIssues(parsed.error) };
}

export const SECTION_LABELS = {
  bannedPhrases: 'Banned phrases',
  blamePhrases: 'Blame phrases',
  promisePhrases: 'Promise phrases',
  excusePhrases: 'Excuse phrases',
  requiredElements: 'Required elements',
  signOff: 'Sign-off',
  limits: 'Limits',
  allowedAcronyms: 'Allowed acronyms',
  rules: 'Rules',
} as const;
export type Section = keyof typeof SECTION_LABELS;

export interface GuideErrors {
  /** Sentences per section of the form. */
  sections: Partial<Record<Section, string[]>>;
  /** Banned phrase rows (index among the non-empty rows sent) → sentence. */
  bannedRows: Record<number, string>;
  /** Limit field → sentence. */
  limits: Partial<Record<LimitField, string>>;
  /** Anything not about a known part of the form. */
  other: string[];
}

export const LIMIT_LABELS: Record<LimitField, string> = {
  maxExclamations: 'Exclamation marks',
  maxEmoji: 'Emoji',
  maxCapsWords: 'Words in capitals',
  readingGradeMax: 'Reading grade',
};

/** The ranges VoiceGuideBodySchema allows, for messages in words (zod's own read "Too big: expected number to be <=20"). */
export const LIMIT_RANGES: Record<LimitField, { min: number; max: number; whole: boolean }> = {
  maxExclamations: { min: 0, max: 20, whole: true },
  maxEmoji: { min: 0, max: 20, whole: true },
  maxCapsWords: { min: 0, max: 50, whole: true },
  readingGradeMax: { min: 1, max: 20, whole: false },
};

function limitMessage(field: LimitField): string {
  const { min, max, whole } = LIMIT_RANGES[field];
  return `${LIMIT_LABELS[field]} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}${field === 'readingGradeMax' ? ', or empty' : ''}`;
}

function sentence(label: string, message: string): string {
  return /^[A-Z]/.test(message) ? message : `${label} ${message}`;
}

/**
 * Sorts issues (from the schema here, or from the api's 400) onto the form: `bannedPhrases.3.phrase`
 * goes to the fourth banned phrase, `blamePhrases.2` is "line 3" of the blame list, `limits.maxEmoji`
 * to its field.
 */
export function issuesToGuideErrors(issues: readonly FieldIssue[], draft: GuideDraft): GuideErrors {
  const errors: GuideErrors = { sections: {}, bannedRows: {}, limits: {}, other: [] };
  const sentRows = draft.bannedPhrases.filter((b) => b.phrase.trim() !== '' || b.suggestion.trim() !== '');
  const add = (section: Section, text: string) => {
    const list = (errors.sections[section] ??= []);
    if (!list.includes(text)) list.push(text);
  };
  for (const issue of issues) {
    const [head, second, third] = issue.path.split('.');
    if (head === 'bannedPhrases' && second !== undefined && /^\d+$/.test(second)) {
      const row = sentRows[Number(second)];
      const field = third === 'suggestion' ? 'Suggestion' : third === 'severity' ? 'Severity' : 'Phrase';
      if (row) errors.bannedRows[row.key] ??= sentence(field, issue.message);
      else add('bannedPhrases', sentence(SECTION_LABELS.bannedPhrases, issue.message));
    } else if (head === 'limits' && second && second in LIMIT_LABELS) {
      errors.limits[second as LimitField] ??= limitMessage(second as LimitField);
    } else if (head && head in SECTION_LABELS) {
      const where =
        second !== undefined && /^\d+$/.test(second) ? `${SECTION_LABELS[head as Section]}, line ${Number(second) + 1},` : SECTION_LABELS[head as Section];
      add(head as Section, sentence(where, issue.message));
    } else {
      errors.other.push(issue.path && issue.path !== '(body)' ? `${issue.path} ${issue.message}` : issue.message);
    }
  }
  return errors;
}

export const NO_GUIDE_ERRORS: GuideErrors = { sections: {}, bannedRows: {}, limits: {}, other: [] };

export function hasGuideErrors(errors: GuideErrors): boolean {
  return (
    Object.keys(errors.sections).length > 0 || Object.keys(errors.bannedRows).length > 0 || Object.keys(errors.limits).length > 0 || errors.other.length > 0
  );
}

import type { LintSeverity } from '@earshot/contracts';

/**
 * The linter's rules: ids are stable (stored in guides' `rules` overrides and in lint reports),
 * descriptions are for the settings page and the closing note.
 */
export const RULE_IDS = [
  'empty',
  'unfilled_variable',
  'too_long',
  'personal_data_in_reply',
  'banned_phrase',
  'blame_language',
  'promise_needs_approval',
  'excuse_after_apology',
  'missing_acknowledgement',
  'missing_apology',
  'missing_next_step',
  'missing_private_channel',
  'missing_thanks',
  'sign_off',
  'too_many_exclamations',
  'too_many_emoji',
  'shouting',
  'reading_level',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface RuleInfo {
  id: RuleId;
  /** Used unless the guide's `rules` map says otherwise (`block`, `warn` or `off`). */
  defaultSeverity: LintSeverity;
  /** True when a finding of this rule sends the reply to a manager for approval. */
  requiresApproval: boolean;
  title: string;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'empty', defaultSeverity: 'block', requiresApproval: false, title: 'Empty reply', description: 'The reply has no text.' },
  {
    id: 'unfilled_variable',
    defaultSeverity: 'block',
    requiresApproval: false,
    title: 'Unfilled variable',
    description: 'A template variable such as {{author.name}} is still in the text.',
  },
  {
    id: 'too_long',
    defaultSeverity: 'block',
    requiresApproval: false,
    title: 'Too long for the platform',
    description: "Longer than the platform allows, counted the platform's way (Mastodon's @mention prefix included).",
  },
  {
    id: 'personal_data_in_reply',
    defaultSeverity: 'block',
    requiresApproval: false,
    title: 'Personal data in a public reply',
    description: 'An e-mail address, phone number or card number would be posted publicly.',
  },
  {
    id: 'banned_phrase',
    defaultSeverity: 'block',
    requiresApproval: false,
    title: 'Banned phrase',
    description: "A word or phrase the brand never uses; the guide's suggestion is offered as the fix.",
  },
  {
    id: 'blame_language',
    defaultSeverity: 'block',
    requiresApproval: false,
    title: 'Blame',
    description: 'Language that puts the fault on the customer ("you should have", "as per our policy").',
  },
  {
    id: 'promise_needs_approval',
    defaultSeverity: 'warn',
    requiresApproval: true,
    title: 'Promise',
    description: 'A promise only a manager may make ("refund", "compensation", "guarantee", "we will"): the reply needs approval.',
  },
  {
    id: 'excuse_after_apology',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'Excuse after an apology',
    description: 'An apology followed by "but", "however" or another excuse, which takes the apology back.',
  },
  {
    id: 'missing_acknowledgement',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'No acknowledgement',
    description: 'The reply does not show the customer was heard ("I can see…", "that sounds frustrating").',
  },
  {
    id: 'missing_apology',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'No apology',
    description: 'A reply to a complaint that does not apologise.',
  },
  {
    id: 'missing_next_step',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'No next step',
    description: 'The reply does not say what happens next or what the customer can do.',
  },
  {
    id: 'missing_private_channel',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'No private channel',
    description: 'An account, order or personal details are involved but the reply does not move the conversation to DM or e-mail.',
  },
  { id: 'missing_thanks', defaultSeverity: 'warn', requiresApproval: false, title: 'No thanks', description: 'A reply to praise that does not say thank you.' },
  {
    id: 'sign_off',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'Sign-off',
    description: "The reply does not end with the guide's sign-off (e.g. ^JD).",
  },
  {
    id: 'too_many_exclamations',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'Too many exclamation marks',
    description: 'More exclamation marks than the guide allows.',
  },
  { id: 'too_many_emoji', defaultSeverity: 'warn', requiresApproval: false, title: 'Too many emoji', description: 'More emoji than the guide allows.' },
  {
    id: 'shouting',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'Capitals',
    description: 'Words in capitals beyond the limit (allowed acronyms excepted).',
  },
  {
    id: 'reading_level',
    defaultSeverity: 'warn',
    requiresApproval: false,
    title: 'Hard to read',
    description: "Flesch-Kincaid grade above the guide's ceiling: shorter sentences and plainer words.",
  },
];

const BY_ID = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: RuleId): RuleInfo {
  return BY_ID.get(id)!;
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

import type { TemplateVariable } from '@earshot/contracts';

export interface VariableInfo {
  variable: TemplateVariable;
  label: string;
  /** What it becomes, in words. */
  description: string;
  /**
   * The fallback inserted with it, for values a mention may not have (an author without a
   * display name); null where Earshot always knows the value.
   */
  fallback: string | null;
}

/** The variables menu of the template editor, in TEMPLATE_VARIABLES order. */
export const VARIABLES: readonly VariableInfo[] = [
  { variable: 'author.name', label: 'Author’s name', description: 'The display name of the person who wrote the mention.', fallback: 'there' },
  { variable: 'author.handle', label: 'Author’s handle', description: 'Their @handle on the platform, without the @.', fallback: null },
  { variable: 'agent.first_name', label: 'Your first name', description: 'The first name in the sending agent’s profile.', fallback: null },
  { variable: 'agent.signature', label: 'Your signature', description: 'The signature in the sending agent’s profile (initials by default).', fallback: null },
  { variable: 'brand.name', label: 'Brand name', description: 'The brand the reply is sent for.', fallback: null },
  { variable: 'mention.url', label: 'Link to the mention', description: 'The address of the post being answered.', fallback: null },
];

/** The text the menu inserts: `{{author.name | "there"}}`, or `{{brand.name}}`. */
export function variableToken(info: Pick<VariableInfo, 'variable' | 'fallback'>): string {
  return info.fallback === null ? `{{${info.variable}}}` : `{{${info.variable} | "${info.fallback}"}}`;
}

/** `text` with `token` put in place of the selection from `start` to `end`, and where the caret goes after it. */
export function insertAt(text: string, token: string, start: number, end: number): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

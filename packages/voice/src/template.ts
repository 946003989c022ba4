import { TEMPLATE_VARIABLES, type Intent, type Platform, type TemplateVariable } from '@earshot/contracts';

/**
 * Reply templates: `{{variable}}` or `{{variable | "fallback"}}`. Rendering is plain text in one
 * pass: a value (an author's display name is attacker-controlled) is never parsed again, so a
 * name such as `{{brand.name}}` stays literally that, and the caller shows the result as text.
 */

export type TemplateErrorCode = 'unknown_variable' | 'unclosed' | 'bad_fallback' | 'empty_variable' | 'missing_value';

export interface TemplateError {
  code: TemplateErrorCode;
  /** For the manager or agent, naming the variable. */
  message: string;
  /** UTF-16 offsets in the template body (end exclusive). */
  start: number;
  end: number;
  /** The variable concerned, as written; null when there is none (`{{ }}`, an unclosed `{{`). */
  variable: string | null;
}

export interface TemplatePlaceholder {
  variable: TemplateVariable;
  /** The fallback text, or null when none is given. */
  fallback: string | null;
  start: number;
  end: number;
}

export interface ParsedTemplate {
  /** Known variables used, each once, in order of first use. */
  variables: TemplateVariable[];
  placeholders: TemplatePlaceholder[];
  errors: TemplateError[];
}

export type TemplateValues = Partial<Record<TemplateVariable, string | null | undefined>>;

export type RenderResult = { ok: true; text: string } | { ok: false; errors: TemplateError[] };

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);
const KNOWN_LIST = TEMPLATE_VARIABLES.join(', ');
const QUOTED = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/su;

function isKnown(name: string): name is TemplateVariable {
  return KNOWN.has(name);
}

/** Parses a template body: the variables it uses and every error with its position (the api refuses a bad body at save). */
export function parseTemplate(body: string): ParsedTemplate {
  const placeholders: TemplatePlaceholder[] = [];
  const errors: TemplateError[] = [];
  let at = body.indexOf('{{');
  while (at !== -1) {
    const close = body.indexOf('}}', at + 2);
    const nextOpen = body.indexOf('{{', at + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      const end = nextOpen === -1 ? body.length : nextOpen;
      errors.push({
        code: 'unclosed',
        message: `"{{" at character ${at + 1} is never closed: end the variable with "}}"`,
        start: at,
        end,
        variable: null,
      });
      at = nextOpen;
      continue;
    }
    const end = close + 2;
    const result = parsePlaceholder(body.slice(at + 2, close), at, end);
    if ('code' in result) errors.push(result);
    else placeholders.push(result);
    at = body.indexOf('{{', end);
  }
  const variables: TemplateVariable[] = [];
  for (const p of placeholders) if (!variables.includes(p.variable)) variables.push(p.variable);
  return { variables, placeholders, errors };
}

function parsePlaceholder(inner: string, start: number, end: number): TemplatePlaceholder | TemplateError {
  const bar = inner.indexOf('|');
  const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  if (!name) return { code: 'empty_variable', message: `An empty variable "{{}}": use one of ${KNOWN_LIST}`, start, end, variable: null };
  if (!isKnown(name)) {
    const near = closest(name);
    const hint = near ? ` (did you mean ${near}?)` : '';
    return {
      code: 'unknown_variable',
      message: `Unknown variable "${name}"${hint}: the known variables are ${KNOWN_LIST}`,
      start,
      end,
      variable: name,
    };
  }
  if (bar === -1) return { variable: name, fallback: null, start, end };
  const raw = inner.slice(bar + 1).trim();
  const m = QUOTED.exec(raw);
  if (!m) {
    return {
      code: 'bad_fallback',
      message: `The fallback of "${name}" must be text in double quotes after "|", like {{${name} | "there"}}`,
      start,
      end,
      variable: name,
    };
  }
  const fallback = (m[1] ?? m[2] ?? '').replace(/\\(.)/gsu, '$1');
  return { variable: name, fallback, start, end };
}

/** The known variable a typo most likely meant (edit distance ≤ 3), or null. */
function closest(name: string): TemplateVariable | null {
  let best: TemplateVariable | null = null;
  let bestD = 4;
  for (const v of TEMPLATE_VARIABLES) {
    const d = editDistance(name.toLowerCase(), v);
    if (d < bestD) {
      best = v;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Renders a template with the values known for this mention and agent. A variable whose value is
 * missing or blank takes its fallback; with neither, rendering fails with an error naming it (never an
 * empty hole in a public reply).
 */
export function renderTemplate(body: string, values: TemplateValues): RenderResult {
  const parsed = parseTemplate(body);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
  const errors: TemplateError[] = [];
  let text = '';
  let at = 0;
  for (const p of parsed.placeholders) {
    text += body.slice(at, p.start);
    at = p.end;
    const value = values[p.variable];
    if (typeof value === 'string' && value.trim() !== '') text += value;
    else if (p.fallback !== null) text += p.fallback;
    else
      errors.push({
        code: 'missing_value',
        message: `{{${p.variable}}} has no value here and no fallback: add one, like {{${p.variable} | "${exampleFallback(p.variable)}"}}`,
        start: p.start,
        end: p.end,
        variable: p.variable,
      });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, text: text + body.slice(at) };
}

function exampleFallback(v: TemplateVariable): string {
  if (v === 'author.name' || v === 'author.handle') return 'there';
  if (v === 'brand.name') return 'the team';
  if (v === 'mention.url') return 'your post';
  return '';
}

/** The same words, ignoring only whitespace differences and Unicode normalisation. */
function canonical(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * True when the reply is the template's rendering as is (whitespace aside): the composer warns when
 * the same author already got this template unedited, and the api records it per reply.
 */
export function isUneditedRendering(text: string, renderedTemplate: string): boolean {
  return canonical(text) === canonical(renderedTemplate);
}

export type FitLevel = 'exact' | 'any' | 'unknown' | 'mismatch';

export interface TemplateFitContext {
  intent: Intent | null;
  category: string | null;
  platform: Platform | null;
  /** The mention's language (ISO 639-1, `en`; a region such as `en-GB` is ignored). */
  language: string | null;
}

export interface RankableTemplate {
  title: string;
  intents: readonly Intent[];
  categories: readonly string[];
  platform: Platform | null;
  language: string | null;
}

export interface RankedTemplate<T extends RankableTemplate> {
  template: T;
  /** Higher fits better. */
  score: number;
  /** No criterion contradicts the mention (a template for another platform, language, intent or category does not fit). */
  fits: boolean;
  /** Per criterion: `exact` (the template names the mention's value), `any` (the template suits all), `unknown` (the mention's value is not known), `mismatch`. */
  match: { intent: FitLevel; category: FitLevel; platform: FitLevel; language: FitLevel };
}

const WEIGHTS = { intent: 8, category: 4, platform: 2, language: 2 } as const;

function fit(templateValues: readonly string[], value: string | null): FitLevel {
  if (templateValues.length === 0) return 'any';
  if (value === null) return 'unknown';
  return templateValues.includes(value) ? 'exact' : 'mismatch';
}

const lang = (l: string | null): string | null => (l ? l.trim().toLowerCase().slice(0, 2) : null);

/**
 * The templates ordered for a mention: those that fit first (exact intent, then category, platform and
 * language matches above generic ones), then the rest, each with what matched so the composer can say why.
 */
export function rankTemplates<T extends RankableTemplate>(templates: readonly T[], context: TemplateFitContext): RankedTemplate<T>[] {
  const categories = (t: T) => t.categories.map((c) => c.toLowerCase());
  const ranked = templates.map((template) => {
    const match = {
      intent: fit(template.intents, context.intent),
      category: fit(categories(template), context.category?.toLowerCase() ?? null),
      platform: fit(template.platform ? [template.platform] : [], context.platform),
      language: fit(template.language ? [lang(template.language)!] : [], lang(context.language)),
    };
    let score = 0;
    for (const k of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
      const level = match[k];
      score += level === 'exact' ? WEIGHTS[k] * 2 : level === 'any' ? WEIGHTS[k] : level === 'unknown' ? WEIGHTS[k] / 2 : -WEIGHTS[k] * 2;
    }
    const fits = !Object.values(match).includes('mismatch');
    return { template, score, fits, match };
  });
  return ranked.sort((a, b) => Number(b.fits) - Number(a.fits) || b.score - a.score || a.template.title.localeCompare(b.template.title));
}

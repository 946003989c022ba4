import type { LintReport, TemplateVariable, User, VoiceGuideBody } from '@earshot/contracts';
import { lintReply, parseTemplate, renderTemplate, type LintContext } from '@earshot/voice';
import type { SampleMention } from './sample-mention';

/** A problem in a template body and where it starts (UTF-16 offset). */
export interface TemplateProblem {
  message: string;
  position: number;
}

/** What the body's own syntax gets wrong (unknown variable, unclosed `{{`, bad fallback), each at its position. */
export function templateProblems(body: string): TemplateProblem[] {
  return parseTemplate(body).errors.map((e) => ({ message: e.message, position: e.start }));
}

export type TemplatePreview =
  /** The body cannot be rendered: syntax problems, or a variable with neither a value nor a fallback for this sample. */
  | { ok: false; problems: TemplateProblem[] }
  /** The reply the sample author would get, and what the brand's voice guide says about it. */
  | { ok: true; text: string; report: LintReport };

/** The variables' values for the sample mention, the signed-in agent and the brand (an unknown value is left out). */
export function sampleValues(
  sample: SampleMention,
  agent: Pick<User, 'firstName' | 'signature'>,
  brandName: string,
): Partial<Record<TemplateVariable, string>> {
  const values: Partial<Record<TemplateVariable, string>> = {
    'author.handle': sample.authorHandle,
    'agent.first_name': agent.firstName,
    'agent.signature': agent.signature,
    'brand.name': brandName,
    'mention.url': sample.url,
  };
  if (sample.authorName) values['author.name'] = sample.authorName;
  return values;
}

/** Renders the body as an agent would send it to the sample mention, and lints the result with the brand's guide. */
export function previewTemplate(
  body: string,
  sample: SampleMention,
  agent: Pick<User, 'firstName' | 'signature'>,
  brandName: string,
  guide: VoiceGuideBody,
): TemplatePreview {
  const rendered = renderTemplate(body, sampleValues(sample, agent, brandName));
  if (!rendered.ok) return { ok: false, problems: rendered.errors.map((e) => ({ message: e.message, position: e.start })) };
  const context: LintContext = {
    platform: sample.platform,
    intent: sample.intent,
    category: sample.category,
    mentionText: sample.text,
    authorHandle: sample.authorHandle,
    agent: { firstName: agent.firstName, signature: agent.signature },
    brandName,
  };
  return { ok: true, text: rendered.text, report: lintReply(rendered.text, guide, context) };
}

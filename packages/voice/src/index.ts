/**
 * @earshot/voice: reply templates and the brand-voice linter. Framework-free (no Nest, no
 * React, no TypeORM): the dashboard lints as the agent types, the api lints again before
 * anything is queued, with the same code.
 */
export { lintReply, type LintContext } from './lint.js';
export { applyFix } from './fix.js';
export { DEFAULT_VOICE_GUIDE } from './default-guide.js';
export { RULES, RULE_IDS, isRuleId, ruleInfo, type RuleId, type RuleInfo } from './rules.js';
export {
  isUneditedRendering,
  parseTemplate,
  rankTemplates,
  renderTemplate,
  type FitLevel,
  type ParsedTemplate,
  type RankableTemplate,
  type RankedTemplate,
  type RenderResult,
  type TemplateError,
  type TemplateErrorCode,
  type TemplateFitContext,
  type TemplatePlaceholder,
  type TemplateValues,
} from './template.js';
export { syllables, fleschKincaidGrade } from './text.js';
export { runLintBench, type LintBenchResult } from './bench/lint-bench.js';
// The platform's own count and limit, re-exported so the composer needs one import.
export { REPLY_LIMITS, postedReplyText, replyLength, type ReplyLimit } from '@earshot/connectors/reply-length';

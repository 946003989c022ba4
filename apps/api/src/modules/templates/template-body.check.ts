import type { FieldIssue } from '@earshot/contracts';
import { parseTemplate } from '@earshot/voice';

/**
 * What is wrong with a template body, as field issues on `body` with the 0-based position of
 * each problem (`{{agent.nickname}}` names the unknown variable and lists the known ones).
 * The parsing and the wording are packages/voice's, so the composer and the api agree.
 */
export function templateBodyIssues(body: string): FieldIssue[] {
  return parseTemplate(body).errors.map((e) => ({
    path: 'body',
    // Every message carries the place too, for clients that show only the message.
    message: /at character \d/.test(e.message) ? e.message : `${e.message} (at character ${e.start + 1})`,
    position: e.start,
  }));
}

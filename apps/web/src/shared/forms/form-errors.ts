import type { FieldIssue } from '@earshot/contracts';
import { isApiRequestError } from '../http';
import { formatWait } from '../format/format-wait';
import { asSentence } from '../format/as-sentence';

export interface FormErrors<F extends string> {
  /** One readable sentence per field ("Password must be at least 12 characters"). */
  fields: Partial<Record<F, string>>;
  /** A message for the whole form, or null. */
  form: string | null;
}

export const NO_ERRORS = { fields: {}, form: null } as const satisfies FormErrors<never>;

/**
 * The api's issue messages are predicates ("is required", "must be an e-mail
 * address"): put the field's label in front. A message that is already a sentence
 * (starts with a capital) is shown as it is.
 */
function sentence(label: string, message: string): string {
  return /^[A-Z]/.test(message) ? message : `${label} ${message}`;
}

/** Sorts field issues into the form's fields; issues about anything else go to the form message. */
export function issuesToFormErrors<F extends string>(issues: readonly FieldIssue[], labels: Record<F, string>, fallback: string | null = null): FormErrors<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (Object.hasOwn(labels, field)) {
      const key = field as F;
      fields[key] ??= sentence(labels[key], issue.message);
    } else {
      other.push(issue.path && issue.path !== '(body)' ? `${issue.path} ${issue.message}` : issue.message);
    }
  }
  const form = other.length > 0 ? other.map(asSentence).join(' ') : Object.keys(fields).length === 0 ? fallback : null;
  return { fields, form };
}

/** Turns whatever a submit threw into messages for the form. */
export function errorToFormErrors<F extends string>(error: unknown, labels: Record<F, string>): FormErrors<F> {
  if (!isApiRequestError(error)) {
    return { fields: {}, form: 'Something went wrong. Try again in a moment.' };
  }
  const message = asSentence(error.message);
  if (error.issues.length > 0) return issuesToFormErrors(error.issues, labels, message);
  if (error.statusCode === 429 && error.retryAfterSeconds !== null) {
    return { fields: {}, form: `${message} Try again in ${formatWait(error.retryAfterSeconds)}.` };
  }
  return { fields: {}, form: message };
}

/**
 * One plain address (`ops@example.com`): no display name, no list, no line break, no comment.
 * nodemailer parses `a@example.com\r\nBcc: evil@example.com` or `a@x.com, b@y.com` into other
 * recipients (STACK.md trap 10), so every recipient is checked here before it reaches the mailer.
 */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export class InvalidRecipientError extends Error {
  constructor(reason: string) {
    super(`The recipient must be exactly one e-mail address such as ops@example.com: ${reason}.`);
    this.name = 'InvalidRecipientError';
  }
}

/** The address, trimmed; throws InvalidRecipientError (with the reason in words, never echoing the value) otherwise. */
export function assertSingleAddress(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidRecipientError('it is not text');
  if (/[\r\n\u0085\u2028\u2029\0]/.test(raw)) throw new InvalidRecipientError('it contains a line break');
  const v = raw.trim();
  if (v.length === 0) throw new InvalidRecipientError('it is empty');
  if (v.length > 254) throw new InvalidRecipientError('it is longer than 254 characters');
  if (/[,;]/.test(v) || (v.match(/@/g) ?? []).length > 1) throw new InvalidRecipientError('it names more than one address');
  if (/[<>()"\s\\[\]:]/.test(v)) throw new InvalidRecipientError('only the bare address is allowed (no name, quotes or brackets)');
  if (!ADDRESS.test(v)) throw new InvalidRecipientError('it is not an address');
  return v;
}

/** A subject on one line: line breaks and control characters become spaces, at most 200 characters. */
export function safeSubject(raw: string): string {
  return raw
    .replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ')
    .trim()
    .slice(0, 200);
}

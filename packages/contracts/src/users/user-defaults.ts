/**
 * A user's first name and signature until they set their own (the api fills templates'
 * `{{agent.first_name}}` and `{{agent.signature}}` with these; the profile form shows them as
 * placeholders, so the user sees what an empty field means).
 */

/** The first word of the name ("Dana Reyes" → "Dana"). */
export function defaultFirstName(name: string): string {
  return name.trim().split(/\s+/u)[0] || name;
}

/** Initials, upper case ("Dana Reyes" → "DR"; hyphenated names give one letter per part). */
export function defaultSignature(name: string): string {
  const initials = name
    .trim()
    .split(/[\s-]+/u)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
  return initials || name;
}

/**
 * What the api uses while a user has not set their own first name or signature
 * (apps/api/src/modules/users/user.mapper.ts computes the same), shown as the fields'
 * placeholders so the user sees what an empty field means.
 */
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

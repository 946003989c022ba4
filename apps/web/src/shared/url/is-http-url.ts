/**
 * True for absolute http(s) URLs: the only kind the dashboard turns into links or image
 * sources. Post URLs and avatars are attacker-controlled, so `javascript:`, `data:`,
 * relative paths and anything unparsable are refused.
 */
export function isHttpUrl(value: string | null | undefined): value is string {
  if (typeof value !== 'string' || value.trim() === '') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

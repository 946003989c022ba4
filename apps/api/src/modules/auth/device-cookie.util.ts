import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEVICE_COOKIE = 'earshot_device';
/** A browser stays trusted for this long after its last successful sign-in. */
export const DEVICE_COOKIE_TTL_MS = 180 * 86_400_000;

/** A device cookie that checked out: the random id of the browser, for its own counter. */
export interface TrustedDevice {
  id: string;
  expiresAt: number;
}

/**
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that signed in to an account before gets a cookie `<id>.<expires>.<mac>`, where `mac` is
 * HMAC-SHA256 over the account's login name, the id and the expiry, with a key derived (HKDF)
 * from the app's secret key. The login name is not in the cookie; the cookie is worth
 * something only together with the e-mail it was issued for, and it cannot be forged or
 * moved to another account without the secret key.
 */
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(secretKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'earshot login device cookie v1', 32));
  }

  issue(email: string, now: number, existing: TrustedDevice | null = null): { value: string; device: TrustedDevice } {
    const id = existing?.id ?? randomBytes(16).toString('base64url');
    const expiresAt = now + DEVICE_COOKIE_TTL_MS;
    return { value: `${id}.${expiresAt.toString(36)}.${this.mac(email, id, expiresAt)}`, device: { id, expiresAt } };
  }

  /** The device behind a cookie value when it was issued for this login name and has not expired, else null. */
  verify(value: unknown, email: string, now: number): TrustedDevice | null {
    if (typeof value !== 'string' || value.length > 200) return null;
    const parts = value.split('.');
    if (parts.length !== 3) return null;
    const [id, exp, mac] = parts as [string, string, string];
    if (!/^[A-Za-z0-9_-]{22}$/.test(id) || !/^[0-9a-z]{1,12}$/.test(exp)) return null;
    const expiresAt = parseInt(exp, 36);
    if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return null;
    const expected = Buffer.from(this.mac(email, id, expiresAt));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { id, expiresAt };
  }

  private mac(email: string, id: string, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`${email.toLowerCase()}\n${id}\n${expiresAt}`).digest('base64url');
  }
}

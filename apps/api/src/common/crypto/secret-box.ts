import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config/env.js';

/**
 * Authenticated encryption for secrets at rest (platform credentials): AES-256-GCM, a fresh
 * 96-bit IV per value, a full 16-byte tag (a shorter one is refused), and additional data
 * (AAD) that binds the ciphertext to where it belongs: a value copied elsewhere does not open.
 *
 * Formats (base64url parts):
 * - `v2.<iv>.<tag>.<ciphertext>`: AAD is `earshot.v2` + NUL + the caller's binding (for source
 *   credentials: workspace, source id and origin, see source-credentials-aad.ts). Written by `seal`.
 * - `v1.<iv>.<tag>.<ciphertext>`: the first format; AAD is the workspace id alone. Still opened
 *   (with the legacy binding the caller passes) and re-sealed as v2 on the next write / at boot.
 * The version is inside the v2 AAD, so a v2 value relabelled v1 does not open.
 */
export type SealedVersion = 'v1' | 'v2';

const TAG_BYTES = 16;
const V2_PREFIX = Buffer.from('earshot.v2\u0000', 'utf8');

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  }

  /** Seals in the current format (v2), bound to `aad`. */
  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([V2_PREFIX, Buffer.from(aad, 'utf8')]));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v2', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  /** The format of a sealed value, or null when it is not one. */
  versionOf(sealed: string): SealedVersion | null {
    const v = sealed.slice(0, sealed.indexOf('.'));
    return v === 'v1' || v === 'v2' ? v : null;
  }

  /**
   * Opens a value sealed with `aad` (v2), or a v1 value sealed with `legacyAad` (its workspace id;
   * defaults to `aad`). Throws when it was tampered with, moved elsewhere, sealed with another
   * key, or carries a tag shorter than 16 bytes.
   */
  open(sealed: string, aad: string, legacyAad: string = aad): string {
    const [v, iv, tag, ct, extra] = sealed.split('.');
    if ((v !== 'v1' && v !== 'v2') || !iv || !tag || ct === undefined || extra !== undefined) throw new Error('Not a sealed value');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (tagBytes.length !== TAG_BYTES) throw new Error('Sealed value has a truncated authentication tag');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(v === 'v2' ? Buffer.concat([V2_PREFIX, Buffer.from(aad, 'utf8')]) : Buffer.from(legacyAad, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** The key from EARSHOT_SECRET_KEY, or from the data folder's key file (created once, mode 0600). */
export function loadSecretKey(config: AppConfig): Buffer {
  if (config.secretKey.source === 'env') return config.secretKey.key;
  const file = config.secretKey.path;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; delete it only if no credentials are stored, or set EARSHOT_SECRET_KEY`);
  return key;
}

export const SECRET_BOX = Symbol('SECRET_BOX');

import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_SETTINGS, AppSettings } from './config/settings';

/**
 * Field-level protection of identity and phone numbers (domain.md §7.3):
 * AES-256-GCM for the value, a keyed HMAC "blind index" for exact lookup and
 * uniqueness. The two keys are derived separately from FIELD_ENCRYPTION_KEY.
 */
@Injectable()
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(@Inject(APP_SETTINGS) settings: AppSettings) {
    this.encKey = Buffer.from(hkdfSync('sha256', settings.fieldKey, Buffer.alloc(0), 'countycare field encryption', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', settings.fieldKey, Buffer.alloc(0), 'countycare blind index', 32));
  }

  /** `v1.<iv>.<ciphertext+tag>`, base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [version, iv, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !body) throw new Error('unknown field cipher format');
    const data = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for equality lookups; `kind` keeps ID and phone indexes apart. */
  blindIndex(kind: 'id' | 'phone', value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${value}`).digest('hex');
  }
}

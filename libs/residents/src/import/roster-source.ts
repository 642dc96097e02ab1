import { InvalidValueError } from '@countycare/domain';
import { getDecoder } from 'iconv-lite';

/** What a roster file may be written in: UTF-8 (with or without BOM), or GB18030 (a superset of GBK/GB2312, what Excel on Chinese Windows saves). */
export type RosterEncoding = 'utf8' | 'gb18030';
export type RequestedEncoding = RosterEncoding | 'auto';

const CHARSETS: Record<string, RosterEncoding> = {
  'utf-8': 'utf8', utf8: 'utf8', gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030',
};

/**
 * The encoding the client named: `?encoding=` first, then a GBK-family
 * charset in Content-Type. A `charset=utf-8` only says what many clients
 * always say, so the bytes are still sniffed.
 */
export function requestedEncoding(query: string | undefined, contentType: string | undefined): RequestedEncoding {
  if (query !== undefined && query !== 'auto') {
    const named = CHARSETS[query.toLowerCase()];
    if (!named) throw new InvalidValueError('encoding', 'unsupported_encoding', 'encoding must be utf8, gbk or auto');
    return named;
  }
  if (query === 'auto') return 'auto';
  const charset = /;\s*charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset === undefined) return 'auto';
  const named = CHARSETS[charset];
  if (!named) throw new InvalidValueError('encoding', 'unsupported_encoding', 'charset must be utf-8 or gbk');
  return named === 'gb18030' ? named : 'auto';
}

/** Thrown by `limitBytes` once the stream passes the limit; nothing past the limit is read. */
export class RosterTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`roster larger than ${limitBytes} bytes`);
  }
}

/** Passes the bytes through, and fails as soon as more than `max` have come. */
export async function* limitBytes(source: AsyncIterable<Buffer | string>, max: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > max) throw new RosterTooLargeError(max);
    yield bytes;
  }
}

/** Bytes to look at before choosing: enough to pass the (often ASCII) header into the first names. */
const SNIFF_AFTER_NON_ASCII = 16 * 1024;
const SNIFF_MAX = 1024 * 1024;

/** UTF-8 BOM, or bytes that are valid UTF-8 (a cut multi-byte tail allowed) → UTF-8; anything else → GB18030. */
export function sniffEncoding(head: Buffer, complete: boolean): RosterEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/**
 * Text of a roster byte stream. With 'auto', the first bytes decide the
 * encoding (`detected.encoding` tells which). A BOM is dropped; bytes that
 * are invalid in the encoding become U+FFFD, which fails that row only.
 */
export async function* decodeRoster(
  source: AsyncIterable<Buffer>,
  requested: RequestedEncoding,
  detected: { encoding?: RosterEncoding },
): AsyncGenerator<string> {
  let decoder: ReturnType<typeof getDecoder> | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  let nonAsciiAt = -1;
  const start = (complete: boolean): string => {
    const bytes = Buffer.concat(head);
    const encoding = requested === 'auto' ? sniffEncoding(bytes, complete) : requested;
    detected.encoding = encoding;
    decoder = getDecoder(encoding);
    head = [];
    return decoder.write(bytes);
  };
  for await (const chunk of source) {
    if (decoder) {
      const text = (decoder as ReturnType<typeof getDecoder>).write(chunk);
      if (text) yield text;
      continue;
    }
    head.push(chunk);
    if (nonAsciiAt === -1) {
      const i = chunk.findIndex((b) => b > 0x7f);
      if (i !== -1) nonAsciiAt = headBytes + i;
    }
    headBytes += chunk.length;
    if (requested === 'auto' && headBytes < SNIFF_MAX && (nonAsciiAt === -1 || headBytes - nonAsciiAt < SNIFF_AFTER_NON_ASCII)) continue;
    const text = start(false);
    if (text) yield text;
  }
  const rest = decoder ? '' : start(true);
  if (rest) yield rest;
  const tail = (decoder as ReturnType<typeof getDecoder> | null)?.end();
  if (tail) yield tail;
}

/**
 * A streaming CSV reader (RFC 4180: quoted fields, "" escapes, line breaks
 * inside quotes) that reports where each record starts and recovers from
 * broken rows. csv-parse was tried first and dropped here: after an
 * unclosed quote or an oversize record it silently swallows every following
 * row, and with CRLF files its line numbers drift after a multi-line cell;
 * a roster report needs every bad line named and every good line kept.
 */
export type CsvItem =
  | { kind: 'record'; line: number; cells: string[] }
  /** A stretch of the file that is not a readable record; reading resumes on the line after `line`. */
  | { kind: 'problem'; line: number; code: 'quote_not_closed' | 'record_too_large' };

export interface CsvOptions {
  delimiter?: string;
  /** Longest record accepted, in characters (guards memory against a runaway quote). */
  maxRecordChars?: number;
  /** Most physical lines one quoted cell may span before its opening quote is taken as a typo. */
  maxRecordLines?: number;
}

type Parsed =
  | { kind: 'record'; cells: string[]; end: number; lines: number }
  | { kind: 'incomplete' }
  | { kind: 'broken'; code: 'quote_not_closed' | 'record_too_large' };

/** Reads `text` from `start`; `final` when no more text will come. */
function parseRecord(text: string, start: number, final: boolean, delimiter: string, stop: RegExp, maxLines: number, maxChars: number): Parsed {
  const cells: string[] = [];
  let i = start;
  let lines = 0;
  for (;;) {
    let value: string;
    let end: number;
    if (text[i] === '"') {
      value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        const chunk = text.slice(j, q === -1 ? text.length : q);
        const breaks = countBreaks(chunk);
        if (lines + breaks > maxLines || (q === -1 ? text.length : q) - start > maxChars) return { kind: 'broken', code: 'quote_not_closed' };
        if (q === -1) return final ? { kind: 'broken', code: 'quote_not_closed' } : { kind: 'incomplete' };
        if (q + 1 === text.length && !final) return { kind: 'incomplete' };
        value += chunk.replace(/\r\n?/g, '\n');
        lines += breaks;
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      // Text after the closing quote (`"b"x`) is kept as it is, so the row fails on its value, not on its shape.
      stop.lastIndex = j;
      const m = stop.exec(text);
      end = m ? m.index : text.length;
      value += text.slice(j, end);
    } else {
      stop.lastIndex = i;
      const m = stop.exec(text);
      end = m ? m.index : text.length;
      value = text.slice(i, end);
    }
    if (end - start > maxChars) return { kind: 'broken', code: 'record_too_large' };
    if (end === text.length && !final) return { kind: 'incomplete' };
    cells.push(value);
    if (end === text.length) return { kind: 'record', cells, end, lines };
    if (text[end] === delimiter) {
      i = end + 1;
      continue;
    }
    if (text[end] === '\r' && end + 1 === text.length && !final) return { kind: 'incomplete' };
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    return { kind: 'record', cells, end: next, lines: lines + 1 };
  }
}

function countBreaks(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k !== -1; k = s.indexOf('\n', k + 1)) n++;
  for (let k = s.indexOf('\r'); k !== -1; k = s.indexOf('\r', k + 1)) if (s[k + 1] !== '\n') n++;
  return n;
}

/** The index just past the end of the physical line that contains `from`, or -1 if it has not arrived yet. */
function endOfLine(text: string, from: number): number {
  const stop = /\r\n?|\n/g;
  stop.lastIndex = from;
  const m = stop.exec(text);
  if (!m) return -1;
  // A CR at the very end may be the first half of a CRLF still in transit.
  if (m[0] === '\r' && m.index + 1 === text.length) return -1;
  return m.index + m[0].length;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Records of a CSV text stream with the line each starts on (1-based).
 * Blank lines (and rows of empty cells) are skipped. A broken record is
 * reported and skipped up to the end of its first line, then reading goes on.
 */
export async function* readCsvRecords(source: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<CsvItem> {
  const delimiter = options.delimiter ?? ',';
  const maxChars = options.maxRecordChars ?? 16_384;
  const maxLines = options.maxRecordLines ?? 10;
  /** Where an unquoted cell ends: the delimiter or a line break. */
  const stop = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter.replace(/[\]\\^-]/g, '\\$&')}\\r\\n]`, 'g');
  let text = '';
  let pos = 0;
  let line = 1;
  /** Skipping the rest of an oversize line: nothing is kept until its end. */
  let skipping = false;
  const drain = function* (final: boolean): Generator<CsvItem> {
    for (;;) {
      if (skipping) {
        const eol = endOfLine(text, pos);
        if (eol === -1) {
          pos = text.length;
          if (final) skipping = false;
          return;
        }
        pos = eol;
        line += 1;
        skipping = false;
      }
      if (pos >= text.length) return;
      const parsed = parseRecord(text, pos, final, delimiter, stop, maxLines, maxChars);
      if (parsed.kind === 'incomplete') {
        if (text.length - pos > maxChars) {
          yield { kind: 'problem', line, code: 'record_too_large' };
          skipping = true;
          continue;
        }
        return;
      }
      if (parsed.kind === 'broken') {
        yield { kind: 'problem', line, code: parsed.code };
        skipping = true;
        continue;
      }
      if (!isBlank(parsed.cells)) yield { kind: 'record', line, cells: parsed.cells };
      line += parsed.lines;
      pos = parsed.end;
    }
  };
  let first = true;
  for await (const chunk of source) {
    text = (pos > 0 ? text.slice(pos) : text) + (first ? chunk.replace(/^\uFEFF/, '') : chunk);
    pos = 0;
    first = first && chunk.length === 0;
    yield* drain(false);
  }
  text = text.slice(pos);
  pos = 0;
  yield* drain(true);
}

import { encode } from 'iconv-lite';
import { CsvItem, CsvOptions, readCsvRecords } from './csv-records';
import { decodeRoster, limitBytes, requestedEncoding, RosterEncoding, RosterTooLargeError, sniffEncoding } from './roster-source';

async function* chunks<T>(parts: T[]): AsyncGenerator<T> {
  for (const p of parts) yield p;
}

async function read(text: string | string[], options?: CsvOptions): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  for await (const item of readCsvRecords(chunks(Array.isArray(text) ? text : [text]), options)) out.push(item);
  return out;
}

/** Every way of cutting `text` into two chunks gives the same records as reading it whole. */
async function expectSplitInvariant(text: string, options?: CsvOptions) {
  const whole = await read(text, options);
  for (let i = 1; i < text.length; i++) expect(await read([text.slice(0, i), text.slice(i)], options)).toEqual(whole);
  return whole;
}

const rec = (line: number, cells: string[]) => ({ kind: 'record', line, cells });

describe('CSV records (RFC 4180) with the line each starts on', () => {
  it('splits cells; quoted cells keep commas, doubled quotes and line breaks', async () => {
    expect(await expectSplitInvariant('a,b\n"x,1","say ""hi""","two\nlines"\nlast,row')).toEqual([
      rec(1, ['a', 'b']), rec(2, ['x,1', 'say "hi"', 'two\nlines']), rec(4, ['last', 'row']),
    ]);
  });

  it('CRLF and LF line ends; CRLF inside a quoted cell is one line break; numbering stays right after it', async () => {
    expect(await expectSplitInvariant('h\r\n"a\r\nb"\r\nc\r\n')).toEqual([rec(1, ['h']), rec(2, ['a\nb']), rec(4, ['c'])]);
  });

  it('skips blank lines and rows of empty cells but counts their lines; drops a leading BOM', async () => {
    expect(await read('\uFEFFh\n\n , ,\nx\n')).toEqual([rec(1, ['h']), rec(4, ['x'])]);
  });

  it('keeps text after a closing quote as part of the cell, so the row fails on its value', async () => {
    expect(await read('"b"x,2\nc,3')).toEqual([rec(1, ['bx', '2']), rec(2, ['c', '3'])]);
    expect(await read('b"x,2\n')).toEqual([rec(1, ['b"x', '2'])]);
  });

  it('an unclosed quote costs one line: it is reported and reading goes on with the next line', async () => {
    const lines = ['h', '"broken,1', ...Array.from({ length: 20 }, (_, i) => `r${i},${i}`)];
    const items = await expectSplitInvariant(lines.join('\n') + '\n');
    expect(items[1]).toEqual({ kind: 'problem', line: 2, code: 'quote_not_closed' });
    expect(items.slice(2)).toEqual(Array.from({ length: 20 }, (_, i) => rec(i + 3, [`r${i}`, String(i)])));
  });

  it('an unclosed quote on the last line is reported', async () => {
    expect(await read('h\nok,1\n"never closed')).toEqual([rec(1, ['h']), rec(2, ['ok', '1']), { kind: 'problem', line: 3, code: 'quote_not_closed' }]);
  });

  it('an over-long row is reported and skipped without holding it in memory', async () => {
    const long = 'x'.repeat(5_000);
    expect(await read(['h\n', long.slice(0, 2_500), long.slice(2_500) + ',1\nok,2\n'], { maxRecordChars: 1_000 })).toEqual([
      rec(1, ['h']), { kind: 'problem', line: 2, code: 'record_too_large' }, rec(3, ['ok', '2']),
    ]);
  });

  it('a final line without a line end is a record', async () => {
    expect(await read('a,b\nc,')).toEqual([rec(1, ['a', 'b']), rec(2, ['c', ''])]);
  });
});

describe('roster bytes: size limit and encoding', () => {
  const decode = async (parts: Buffer[], requested: 'auto' | 'utf8' | 'gb18030' = 'auto') => {
    const detected: { encoding?: RosterEncoding } = {};
    let text = '';
    for await (const t of decodeRoster(chunks(parts), requested, detected)) text += t;
    return { text, encoding: detected.encoding };
  };

  it('stops as soon as more than the limit has come', async () => {
    const seen: number[] = [];
    await expect((async () => {
      for await (const b of limitBytes(chunks([Buffer.alloc(60), Buffer.alloc(60), Buffer.alloc(60)]), 100)) seen.push(b.length);
    })()).rejects.toBeInstanceOf(RosterTooLargeError);
    expect(seen).toEqual([60]);
  });

  it('detects UTF-8 with and without BOM, and GBK; a multi-byte character cut between chunks survives', async () => {
    const utf8 = Buffer.from('姓名\n张三\n', 'utf8');
    expect(await decode([utf8.subarray(0, 4), utf8.subarray(4)])).toEqual({ text: '姓名\n张三\n', encoding: 'utf8' });
    expect(await decode([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])])).toEqual({ text: '姓名\n张三\n', encoding: 'utf8' });
    const gbk = encode('姓名\n张三\n', 'gbk');
    expect(await decode([gbk.subarray(0, 3), gbk.subarray(3)])).toEqual({ text: '姓名\n张三\n', encoding: 'gb18030' });
  });

  it('looks past an ASCII header before deciding', async () => {
    const gbk = Buffer.concat([Buffer.from('name,idNumber\n' + 'a'.repeat(20_000) + '\n'), encode('张三,1\n', 'gbk')]);
    expect((await decode([gbk])).encoding).toBe('gb18030');
  });

  it('bytes invalid in the named encoding become U+FFFD (the row then fails), never an exception', async () => {
    expect((await decode([encode('张三', 'gbk')], 'utf8')).text).toContain('\uFFFD');
  });

  it('sniffs a cut multi-byte tail as UTF-8 while more may come', () => {
    const cut = Buffer.from('张三', 'utf8').subarray(0, 4);
    expect(sniffEncoding(cut, false)).toBe('utf8');
    expect(sniffEncoding(cut, true)).toBe('gb18030');
  });

  it('encoding from ?encoding= first, then a GBK charset; charset=utf-8 still sniffs', () => {
    expect(requestedEncoding(undefined, 'text/csv')).toBe('auto');
    expect(requestedEncoding('gbk', 'text/csv; charset=utf-8')).toBe('gb18030');
    expect(requestedEncoding(undefined, 'text/csv; charset=GB2312')).toBe('gb18030');
    expect(requestedEncoding(undefined, 'text/csv; charset=utf-8')).toBe('auto');
    expect(requestedEncoding('utf8', 'text/csv; charset=gbk')).toBe('utf8');
    expect(() => requestedEncoding(undefined, 'text/csv; charset=latin1')).toThrow(expect.objectContaining({ field: 'encoding', code: 'unsupported_encoding' }));
  });
});

import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deeper = (text: string, limit = MAX_JSON_DEPTH) => jsonNestsDeeperThan(Buffer.from(text, 'utf8'), limit);

describe('JSON nesting depth, counted before parsing', () => {
  it('allows up to the limit and refuses one level more, arrays and objects alike', () => {
    expect(deeper(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(deeper(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(deeper('{"a":'.repeat(MAX_JSON_DEPTH) + '1' + '}'.repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(deeper('{"a":['.repeat(17) + '1' + ']}'.repeat(17))).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(deeper('[' + '[],'.repeat(100_000) + '[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(deeper(JSON.stringify({ note: '['.repeat(1000) }), 2)).toBe(false);
    expect(deeper(JSON.stringify({ note: 'say \\"[[[[" and {{{{' }), 2)).toBe(false);
    expect(deeper(JSON.stringify({ note: '\\' }) + '[[[', 2)).toBe(true);
  });

  it('reads multi-byte text byte by byte without mistaking it for brackets', () => {
    expect(deeper(JSON.stringify({ name: '王𠀾𪚥「」【】'.repeat(100) }), 1)).toBe(false);
  });

  it('refuses an unterminated flood of brackets without waiting for the parser', () => {
    expect(deeper('['.repeat(1_000_000))).toBe(true);
  });
});

import { hasApplied, parseGtidPosition } from './gtid-position';

describe('MariaDB GTID positions (how far a read replica has come)', () => {
  it('reads one sequence number per replication domain, whichever server wrote it', () => {
    expect(parseGtidPosition('0-1-4711,1-3-20')).toEqual(new Map([[0, 4711n], [1, 20n]]));
    expect(parseGtidPosition('')).toEqual(new Map());
    expect(parseGtidPosition(' 0-2-9 ')).toEqual(new Map([[0, 9n]]));
  });

  it('keeps sequence numbers beyond 2^53 exact', () => {
    expect(parseGtidPosition('0-1-18446744073709551615').get(0)).toBe(18446744073709551615n);
  });

  it('refuses anything that is not a position', () => {
    expect(() => parseGtidPosition('mysql-bin.000003:120')).toThrow('not a GTID position');
    expect(() => parseGtidPosition('3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5')).toThrow('not a GTID position');
  });

  it('says a replica has applied a primary position only when it is as far in every domain of it', () => {
    const written = parseGtidPosition('0-1-100,1-1-7');
    expect(hasApplied(parseGtidPosition('0-1-100,1-1-7'), written)).toBe(true);
    expect(hasApplied(parseGtidPosition('0-2-101,1-1-9,5-4-1'), written)).toBe(true);
    expect(hasApplied(parseGtidPosition('0-1-99,1-1-7'), written)).toBe(false);
    expect(hasApplied(parseGtidPosition('0-1-100'), written)).toBe(false);
    expect(hasApplied(parseGtidPosition(''), parseGtidPosition(''))).toBe(true);
  });
});

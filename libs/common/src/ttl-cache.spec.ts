import { TtlCache } from './ttl-cache';

describe('TtlCache (caches of what rarely changes, issue #10)', () => {
  it('expires an entry after its ttl and forgets on demand', () => {
    const cache = new TtlCache<string, number>(1000);
    cache.set('a', 1, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('b', 2, 0);
    cache.forget('b');
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('makes room by dropping the oldest entry beyond its size', () => {
    const cache = new TtlCache<string, number>(1000, 2);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('c', 3, 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([undefined, 2, 3]);
  });

  it('reads many through the cache: one load of the keys not cached, each key once, what it answers kept', async () => {
    const cache = new TtlCache<string, string>(1000);
    cache.set('a', 'A', 0);
    const loads: string[][] = [];
    const load = async (missing: string[]) => {
      loads.push(missing);
      return missing.filter((k) => k !== 'gone').map((k): [string, string] => [k, k.toUpperCase()]);
    };
    const first = await cache.getMany(['a', 'b', 'b', 'gone'], load, 1);
    expect([...first]).toEqual([['a', 'A'], ['b', 'B']]);
    expect(await cache.getMany(['a', 'b'], load, 2)).toEqual(new Map([['a', 'A'], ['b', 'B']]));
    expect(loads).toEqual([['b', 'gone']]);
  });
});

/**
 * A small in-process cache of what rarely changes (package definitions,
 * institutions, teams, county policies): entries expire after `ttlMs`, the
 * oldest make room beyond `maxEntries`, and the code that changes a record
 * forgets it (after its transaction commits). Other processes (cluster
 * workers, replicas) see a change once their entry expires: `ttlMs` is the
 * bound on that staleness.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V, now = Date.now()): void {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  forget(key: K): void {
    this.entries.delete(key);
  }

  /** The cached values of `keys`, and the keys still to load. */
  many(keys: readonly K[], now = Date.now()): { found: Map<K, V>; missing: K[] } {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of new Set(keys)) {
      const value = this.get(key, now);
      if (value === undefined) missing.push(key);
      else found.set(key, value);
    }
    return { found, missing };
  }
}

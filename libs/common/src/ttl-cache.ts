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

  /**
   * The values of `keys` (each once), read through the cache: `load` is
   * called once with the keys not cached, and what it answers is kept. A key
   * it does not answer is left out.
   */
  async getMany(keys: readonly K[], load: (missing: K[]) => Promise<Iterable<[K, V]>>, now = Date.now()): Promise<Map<K, V>> {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of new Set(keys)) {
      const value = this.get(key, now);
      if (value === undefined) missing.push(key);
      else found.set(key, value);
    }
    if (missing.length > 0) {
      for (const [key, value] of await load(missing)) {
        this.set(key, value, now);
        found.set(key, value);
      }
    }
    return found;
  }
}

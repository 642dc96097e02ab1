import { compileRowMapper } from './row-mapper';

class Thing {
  id!: string;
  createdAt!: Date;
  label!: string | null;
  describe(): string {
    return `${this.id}:${this.label}`;
  }
}

describe('compileRowMapper (fixed-SQL rows to entities, issue #10)', () => {
  const map = compileRowMapper<Thing>(Thing.prototype, [
    { from: 'p_id', to: 'id', convert: null },
    { from: 'p_created_at', to: 'createdAt', convert: (raw) => new Date(String(raw)) },
    { from: 'p_label', to: 'label', convert: null },
  ]);

  it('reads each column from its aliased name into its property, converting where asked, on the entity prototype', () => {
    const thing = map({ p_id: 'a1', p_created_at: '2026-12-01T08:00:00.000Z', p_label: 'x', other: 1 });
    expect(thing).toBeInstanceOf(Thing);
    expect(thing.describe()).toBe('a1:x');
    expect(thing.createdAt).toEqual(new Date('2026-12-01T08:00:00.000Z'));
    expect(Object.keys(thing)).toEqual(['id', 'createdAt', 'label']);
  });

  it('keeps nulls, and leaves out a column the row does not have', () => {
    const thing = map({ p_id: 'a2', p_label: null });
    expect(Object.keys(thing)).toEqual(['id', 'label']);
    expect(thing.label).toBeNull();
  });

  it('takes names only as string literals: quotes and code in a name stay a name', () => {
    const odd = compileRowMapper<Record<string, unknown>>(Object.prototype, [{ from: `a"]; throw new Error("x"); //`, to: 'b\'c', convert: null }]);
    expect(odd({ [`a"]; throw new Error("x"); //`]: 1 })).toEqual({ "b'c": 1 });
  });
});

import { ChainedEvent, chainHash, ChainFormat, CURRENT_CHAIN_FORMAT, findChainBreak, GENESIS_HASH, SealLink } from './hash-chain';

const event = (n: number): ChainedEvent => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  actorId: 'u1', actorName: '陈医生', actorRole: 'gp', actorInstitutionId: 'i1', countyId: 'c1', action: 'read',
  resourceType: 'resident', resourceId: `r${n}`, residentId: `r${n}`, purpose: 'treatment', contextId: null, outcome: 'success',
  ip: '10.0.0.1', requestId: `q${n}`, detail: null,
});

function chain(n: number, format: ChainFormat = CURRENT_CHAIN_FORMAT, first = 1, start = GENESIS_HASH): SealLink[] {
  let prev = start;
  return Array.from({ length: n }, (_, i) => {
    const e = event(first + i);
    const hash = chainHash(prev, e, format);
    const link = { chainIndex: first + i, prevHash: prev, hash, format, event: e };
    prev = hash;
    return link;
  });
}

/** A different value of the same kind for each field, null included both ways. */
const ALTERED: { [K in keyof ChainedEvent]-?: ChainedEvent[K][] } = {
  id: ['01900000-0000-7000-8000-999999999999'],
  at: [new Date(Date.UTC(2026, 0, 1, 0, 0, 1, 1))],
  actorId: ['u2', null], actorName: ['王医生', null], actorRole: ['nurse', null], actorInstitutionId: ['i2', null],
  countyId: ['c2', null], action: ['update'], resourceType: ['contract'], resourceId: ['r999', null], residentId: ['r999', null],
  purpose: ['admin'], contextId: ['x1'], outcome: ['denied'], ip: ['10.0.0.2', null], requestId: ['q999', null],
  detail: [{ fields: ['phone'] }, { fields: [] }],
};

describe('audit hash chain (domain.md §7.5: tampering is detectable)', () => {
  it('an untouched chain verifies', () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it('changing any field of an event changes its hash: every column is covered', () => {
    const base = event(1);
    const hash = chainHash(GENESIS_HASH, base);
    const fields = Object.keys(base) as Array<keyof ChainedEvent>;
    expect(Object.keys(ALTERED).sort()).toEqual([...fields].sort());
    for (const field of fields) {
      for (const value of ALTERED[field]) {
        expect({ field, value, same: chainHash(GENESIS_HASH, { ...base, [field]: value }) === hash }).toEqual({ field, value, same: false });
      }
    }
  });

  it('the detail is covered to its nested values, whatever the order its keys are stored in', () => {
    const base = { ...event(1), detail: { fields: ['phone', 'name'], count: 2 } };
    const hash = chainHash(GENESIS_HASH, base);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { count: 2, fields: ['phone', 'name'] } })).toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { fields: ['name', 'phone'], count: 2 } })).not.toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { fields: ['phone', 'name'], count: 3 } })).not.toBe(hash);
  });

  it('an edited event breaks at its position, whichever field was edited', () => {
    for (const field of ['actorId', 'actorName', 'actorInstitutionId', 'countyId'] as const) {
      const links = chain(5);
      links[2].event = { ...links[2].event!, [field]: 'someone-else' };
      expect(findChainBreak(links)).toEqual({ chainIndex: 3, reason: 'event_altered' });
    }
  });

  it('seals of format 1 (before the actor name, institution and county were covered) still verify, and a chain may switch formats', () => {
    const old = chain(3, 1);
    expect(findChainBreak(old)).toBeNull();
    const mixed = [...old, ...chain(3, 2, 4, old[2].hash)];
    expect(findChainBreak(mixed)).toBeNull();
    // What format 1 did not cover stays undetectable in those seals; format 2 seals catch it.
    mixed[1].event = { ...mixed[1].event!, actorName: 'forged' };
    expect(findChainBreak(mixed)).toBeNull();
    mixed[4].event = { ...mixed[4].event!, actorName: 'forged' };
    expect(findChainBreak(mixed)).toEqual({ chainIndex: 5, reason: 'event_altered' });
  });

  it('a seal claiming a format nobody wrote, or verified with the wrong one, breaks', () => {
    const links = chain(3);
    expect(findChainBreak([links[0], { ...links[1], format: 7 }, links[2]])).toEqual({ chainIndex: 2, reason: 'unknown_format' });
    expect(findChainBreak([links[0], { ...links[1], format: 1 }, links[2]])).toEqual({ chainIndex: 2, reason: 'event_altered' });
  });

  it('a removed seal or event is found', () => {
    const links = chain(5);
    expect(findChainBreak([...links.slice(0, 2), ...links.slice(3)])).toEqual({ chainIndex: 3, reason: 'seal_missing' });
    links[1].event = null;
    expect(findChainBreak(links)).toEqual({ chainIndex: 2, reason: 'event_missing' });
  });

  it('a re-hashed forged link is caught by the next prevHash', () => {
    const links = chain(4);
    const forged = { ...links[1].event!, action: 'update' };
    links[1] = { ...links[1], event: forged, hash: chainHash(links[1].prevHash, forged) };
    expect(findChainBreak(links)).toEqual({ chainIndex: 3, reason: 'prev_hash_mismatch' });
  });

  it('verifies a chain in pieces from a known head', () => {
    const links = chain(6);
    expect(findChainBreak(links.slice(3), links[2].hash, 4)).toBeNull();
  });
});

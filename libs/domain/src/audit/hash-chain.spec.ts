import { ChainedEvent, chainHash, findChainBreak, GENESIS_HASH, SealLink } from './hash-chain';

const event = (n: number): ChainedEvent => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  actorId: 'u1', actorRole: 'gp', action: 'read', resourceType: 'resident', resourceId: `r${n}`, residentId: `r${n}`,
  purpose: 'treatment', contextId: null, outcome: 'success', ip: '10.0.0.1', requestId: `q${n}`, detail: null,
});

function chain(n: number): SealLink[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const e = event(i + 1);
    const hash = chainHash(prev, e);
    const link = { chainIndex: i + 1, prevHash: prev, hash, event: e };
    prev = hash;
    return link;
  });
}

describe('audit hash chain (domain.md §7.5: tampering is detectable)', () => {
  it('an untouched chain verifies', () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it('an edited event breaks at its position', () => {
    const links = chain(5);
    links[2].event = { ...links[2].event!, actorId: 'someone-else' };
    expect(findChainBreak(links)).toEqual({ chainIndex: 3, reason: 'event_altered' });
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

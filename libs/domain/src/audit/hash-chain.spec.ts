import { batchHash, BatchSealLink, ChainedEvent, chainHash, EventSealLink, findChainBreak, GENESIS_HASH, SealLink } from './hash-chain';

const event = (n: number): ChainedEvent => ({
  id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  actorId: 'u1', actorName: '陈医生', actorRole: 'gp', actorInstitutionId: 'i1', countyId: 'c1', action: 'read',
  resourceType: 'resident', resourceId: `r${n}`, residentIds: [`r${n}`], residentRef: null, purpose: 'treatment', contextId: null,
  outcome: 'success', ip: '10.0.0.1', requestId: `q${n}`, detail: null,
});

function chain(n: number, format: 1 | 2 = 2, first = 1, start = GENESIS_HASH): EventSealLink[] {
  let prev = start;
  return Array.from({ length: n }, (_, i) => {
    const e = event(first + i);
    const hash = chainHash(prev, e, format);
    const link = { chainIndex: first + i, prevHash: prev, hash, format, event: e };
    prev = hash;
    return link;
  });
}

/** Batches of `sizes` events each, numbered from `firstEvent`, sealed in format 3 after `start`. */
function batches(sizes: number[], firstIndex = 1, start = GENESIS_HASH, firstEvent = 1): BatchSealLink[] {
  let prev = start;
  let n = firstEvent;
  return sizes.map((size, i) => {
    const events = Array.from({ length: size }, () => event(n++));
    const batch = { firstEventId: events[0].id, lastEventId: events[size - 1].id, eventCount: size };
    const hash = batchHash(prev, batch, events);
    const link = { chainIndex: firstIndex + i, prevHash: prev, hash, format: 3, batch, events };
    prev = hash;
    return link;
  });
}

/** A different value of the same kind for each field, null (or empty) included both ways. */
const ALTERED: { [K in keyof ChainedEvent]-?: ChainedEvent[K][] } = {
  id: ['01900000-0000-7000-8000-999999999999'],
  at: [new Date(Date.UTC(2026, 0, 1, 0, 0, 1, 1))],
  actorId: ['u2', null], actorName: ['王医生', null], actorRole: ['nurse', null], actorInstitutionId: ['i2', null],
  countyId: ['c2', null], action: ['update'], resourceType: ['contract'], resourceId: ['r999', null],
  residentIds: [['r999'], [], ['r1', 'r2']], residentRef: ['x'],
  purpose: ['admin'], contextId: ['x1'], outcome: ['denied'], ip: ['10.0.0.2', null], requestId: ['q999', null],
  detail: [{ fields: ['phone'] }, { fields: [] }],
};

describe('audit hash chain (domain.md §7.5: tampering is detectable)', () => {
  it('an untouched chain verifies, in every format', () => {
    expect(findChainBreak(chain(5))).toBeNull();
    expect(findChainBreak(chain(5, 1))).toBeNull();
    expect(findChainBreak(batches([1, 3, 2]))).toBeNull();
  });

  it('changing any field of an event or its subject list changes its batch hash: every column is covered', () => {
    const [link] = batches([3]);
    const fields = Object.keys(link.events[1]) as Array<keyof ChainedEvent>;
    expect(Object.keys(ALTERED).sort()).toEqual([...fields].sort());
    for (const field of fields) {
      for (const value of ALTERED[field]) {
        const events = link.events.map((e, i) => (i === 1 ? { ...e, [field]: value } : e));
        expect({ field, value, broken: findChainBreak([{ ...link, events }]) }).toEqual({ field, value, broken: { chainIndex: 1, reason: 'event_altered' } });
      }
    }
  });

  it('the subject list is a set: the order rows come back in does not matter, a duplicate or missing resident does', () => {
    const base = { ...event(1), residentIds: ['r1', 'r2', 'r3'] };
    const bounds = { firstEventId: base.id, lastEventId: base.id, eventCount: 1 };
    const hash = batchHash(GENESIS_HASH, bounds, [base]);
    expect(batchHash(GENESIS_HASH, bounds, [{ ...base, residentIds: ['r3', 'r1', 'r2'] }])).toBe(hash);
    expect(batchHash(GENESIS_HASH, bounds, [{ ...base, residentIds: ['r1', 'r2', 'r3', 'r3'] }])).not.toBe(hash);
    expect(batchHash(GENESIS_HASH, bounds, [{ ...base, residentIds: ['r1', 'r3'] }])).not.toBe(hash);
  });

  it('the detail is covered to its nested values, whatever the order its keys are stored in', () => {
    const base = { ...event(1), detail: { fields: ['phone', 'name'], count: 2 } };
    const hash = chainHash(GENESIS_HASH, base);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { count: 2, fields: ['phone', 'name'] } })).toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { fields: ['name', 'phone'], count: 2 } })).not.toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...base, detail: { fields: ['phone', 'name'], count: 3 } })).not.toBe(hash);
  });

  it('a removed, added or reordered event of a batch, or its seal fields edited, is found at that batch', () => {
    const links = (): SealLink[] => batches([2, 3, 2]);
    const at = (edit: (l: BatchSealLink) => BatchSealLink) => findChainBreak(links().map((l, i) => (i === 1 ? edit(l as BatchSealLink) : l)));
    expect(at((l) => ({ ...l, events: [l.events[0], l.events[2]] }))).toEqual({ chainIndex: 2, reason: 'event_missing' });
    expect(at((l) => ({ ...l, events: [...l.events, event(99)] }))).toEqual({ chainIndex: 2, reason: 'event_added' });
    expect(at((l) => ({ ...l, events: [l.events[1], l.events[0], l.events[2]] }))).toEqual({ chainIndex: 2, reason: 'event_altered' });
    expect(at((l) => ({ ...l, events: [l.events[0], l.events[1], event(99)] }))).toEqual({ chainIndex: 2, reason: 'event_altered' });
    expect(at((l) => ({ ...l, batch: { ...l.batch, lastEventId: event(98).id } }))).toEqual({ chainIndex: 2, reason: 'event_altered' });
    expect(at((l) => ({ ...l, batch: { ...l.batch, eventCount: 2 } }))).toEqual({ chainIndex: 2, reason: 'event_added' });
    expect(at((l) => ({ ...l, strays: 1 }))).toEqual({ chainIndex: 2, reason: 'subject_orphan' });
  });

  it('an edited event breaks at its position, whichever field was edited (per-event seals)', () => {
    for (const field of ['actorId', 'actorName', 'actorInstitutionId', 'countyId'] as const) {
      const links = chain(5);
      links[2].event = { ...links[2].event!, [field]: 'someone-else' };
      expect(findChainBreak(links)).toEqual({ chainIndex: 3, reason: 'event_altered' });
    }
  });

  it('formats 1 and 2 hash the one resident the row had: a second subject row on such an event breaks it', () => {
    const links = chain(3);
    links[1].event = { ...links[1].event!, residentIds: [...links[1].event!.residentIds, 'r999'] };
    expect(findChainBreak(links)).toEqual({ chainIndex: 2, reason: 'event_altered' });
    const old = chain(3, 1);
    old[1].event = { ...old[1].event!, residentIds: [], residentRef: old[1].event!.residentIds[0] };
    expect(findChainBreak(old)).toBeNull();
  });

  it('seals of formats 1 and 2 still verify, and a chain may switch from one format to the next', () => {
    const v1 = chain(3, 1);
    const v2 = chain(3, 2, 4, v1[2].hash);
    const mixed: SealLink[] = [...v1, ...v2, ...batches([2, 4], 7, v2[2].hash, 7)];
    expect(findChainBreak(mixed)).toBeNull();
    // What format 1 did not cover stays undetectable in those seals; format 2 and 3 seals catch it.
    (mixed[1] as EventSealLink).event = { ...(mixed[1] as EventSealLink).event!, actorName: 'forged' };
    expect(findChainBreak(mixed)).toBeNull();
    (mixed[4] as EventSealLink).event = { ...(mixed[4] as EventSealLink).event!, actorName: 'forged' };
    expect(findChainBreak(mixed)).toEqual({ chainIndex: 5, reason: 'event_altered' });
  });

  it('a seal claiming a format nobody wrote, or the wrong one, breaks', () => {
    const links = chain(3);
    expect(findChainBreak([links[0], { ...links[1], format: 7 }, links[2]])).toEqual({ chainIndex: 2, reason: 'unknown_format' });
    expect(findChainBreak([links[0], { ...links[1], format: 1 }, links[2]])).toEqual({ chainIndex: 2, reason: 'event_altered' });
    expect(findChainBreak([links[0], { ...links[1], format: 3 }, links[2]])).toEqual({ chainIndex: 2, reason: 'unknown_format' });
    const [batch] = batches([2]);
    expect(findChainBreak([{ ...batch, format: 2 }])).toEqual({ chainIndex: 1, reason: 'unknown_format' });
  });

  it('a removed seal or event is found', () => {
    const links = chain(5);
    expect(findChainBreak([...links.slice(0, 2), ...links.slice(3)])).toEqual({ chainIndex: 3, reason: 'seal_missing' });
    links[1].event = null;
    expect(findChainBreak(links)).toEqual({ chainIndex: 2, reason: 'event_missing' });
    const sealed = batches([2, 2, 2]);
    expect(findChainBreak([sealed[0], sealed[2]])).toEqual({ chainIndex: 2, reason: 'seal_missing' });
  });

  it('a re-hashed forged link is caught by the next prevHash', () => {
    const links = chain(4);
    const forged = { ...links[1].event!, action: 'update' };
    links[1] = { ...links[1], event: forged, hash: chainHash(links[1].prevHash, forged) };
    expect(findChainBreak(links)).toEqual({ chainIndex: 3, reason: 'prev_hash_mismatch' });
    const sealed = batches([2, 2, 2]);
    const events = [sealed[1].events[0], { ...sealed[1].events[1], actorId: 'u9' }];
    sealed[1] = { ...sealed[1], events, hash: batchHash(sealed[1].prevHash, sealed[1].batch, events) };
    expect(findChainBreak(sealed)).toEqual({ chainIndex: 3, reason: 'prev_hash_mismatch' });
  });

  it('verifies a chain in pieces from a known head (what follows an archived month)', () => {
    const links = chain(6);
    expect(findChainBreak(links.slice(3), links[2].hash, 4)).toBeNull();
    const sealed = batches([3, 1, 2, 5]);
    expect(findChainBreak(sealed.slice(2), sealed[1].hash, 3)).toBeNull();
    expect(findChainBreak(sealed.slice(2), sealed[0].hash, 3)).toEqual({ chainIndex: 3, reason: 'prev_hash_mismatch' });
  });
});

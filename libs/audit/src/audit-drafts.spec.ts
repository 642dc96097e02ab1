import { AuditActor, AuditEntry, auditDrafts, MAX_SUBJECTS_PER_EVENT } from './audit-drafts';

const gp: AuditActor = {
  userId: '019a0000-0000-7000-8000-000000000001', displayName: '陈医生', role: 'gp', institutionId: '019a0000-0000-7000-8000-0000000000a1',
  countyId: '019a0000-0000-7000-8000-0000000000c1', requestId: 'req-1', ip: '10.0.0.1',
};
const resident = (n: number) => `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = new Date('2026-12-01T00:00:00Z');
const listed = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry[] => Array.from({ length: n }, (_, i) => ({
  action: 'read', resourceType: 'contract', resourceId: `c${i}`, residentId: resident(i), contextId: `c${i}`, detail: { via: 'list' }, ...extra,
}));

describe('the events a record() call stores (domain.md §7.5 "Shapes")', () => {
  it('a list page of N reads is one event naming its residents, with the count; the actor and request fill every event', () => {
    const [event, ...rest] = auditDrafts(gp, listed(20), at);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      at, actorId: gp.userId, actorName: '陈医生', actorRole: 'gp', actorInstitutionId: gp.institutionId, countyId: gp.countyId,
      action: 'read', resourceType: 'contract', resourceId: null, contextId: null, purpose: 'treatment', outcome: 'success',
      ip: '10.0.0.1', requestId: 'req-1', detail: { via: 'list', count: 20 }, residentRef: null,
    });
    expect(event.residentIds).toEqual(Array.from({ length: 20 }, (_, i) => resident(i)));
  });

  it('a detail read keeps its resource and context; ids shared by every listed entry are kept too', () => {
    expect(auditDrafts(gp, listed(1), at)).toEqual([expect.objectContaining({ resourceId: 'c0', contextId: 'c0', residentIds: [resident(0)], detail: { via: 'list' } })]);
    const sameContext = auditDrafts(gp, listed(3, { contextId: 'k1' }), at);
    expect(sameContext).toEqual([expect.objectContaining({ resourceId: null, contextId: 'k1', detail: { via: 'list', count: 3 } })]);
  });

  it('a resident listed twice is named once; reads of another kind, county, outcome or detail are events of their own', () => {
    const entries: AuditEntry[] = [
      ...listed(2), { action: 'read', resourceType: 'contract', residentId: resident(1), detail: { via: 'list' } },
      { action: 'read', resourceType: 'contract', residentId: resident(5), detail: { via: 'county_sharing' } },
      { action: 'read', resourceType: 'follow_up', residentId: resident(6), detail: { via: 'list' } },
      { action: 'read', resourceType: 'contract', residentId: resident(7), countyId: '019a0000-0000-7000-8000-0000000000c2', detail: { via: 'list' } },
      { action: 'read', resourceType: 'contract', residentId: resident(8), outcome: 'denied', detail: { via: 'list' } },
    ];
    const events = auditDrafts(gp, entries, at);
    expect(events.map((e) => [e.resourceType, e.residentIds, e.detail])).toEqual([
      ['contract', [resident(0), resident(1)], { via: 'list', count: 3 }],
      ['contract', [resident(5)], { via: 'county_sharing' }],
      ['follow_up', [resident(6)], { via: 'list' }],
      ['contract', [resident(7)], { via: 'list' }],
      ['contract', [resident(8)], { via: 'list' }],
    ]);
  });

  it('changes stay one event each; so does a read naming a resident by something that is no id, kept verbatim', () => {
    const writes: AuditEntry[] = [
      { action: 'create', resourceType: 'resident', resourceId: resident(1), residentId: resident(1) },
      { action: 'create', resourceType: 'resident', resourceId: resident(2), residentId: resident(2) },
    ];
    expect(auditDrafts(gp, writes, at).map((e) => e.residentIds)).toEqual([[resident(1)], [resident(2)]]);
    const odd = auditDrafts(gp, [{ action: 'read', resourceType: 'audit_log', residentId: 'abc' }, ...listed(2)], at);
    expect(odd.map((e) => [e.residentRef, e.residentIds.length])).toEqual([['abc', 0], [null, 2]]);
    expect(auditDrafts(gp, [{ action: 'read', resourceType: 'resident', residentId: resident(3).toUpperCase() }], at)[0].residentIds).toEqual([resident(3)]);
  });

  it('who the actor is decides the purpose when the entry does not; a failed sign-in knows only the request', () => {
    expect(auditDrafts({ ...gp, role: 'county_admin' }, listed(1), at)[0].purpose).toBe('admin');
    expect(auditDrafts({ ...gp, role: 'resident' }, listed(1), at)[0].purpose).toBe('self');
    expect(auditDrafts({ requestId: 'r', ip: '1.2.3.4' }, [{ action: 'login_failed', resourceType: 'user', outcome: 'denied' }], at)[0]).toMatchObject({
      actorId: null, actorName: null, actorRole: null, purpose: 'admin', outcome: 'denied', residentIds: [],
    });
  });

  it('a list naming more residents than an event holds is split, the count kept', () => {
    const events = auditDrafts(gp, listed(MAX_SUBJECTS_PER_EVENT + 5), at);
    expect(events.map((e) => e.residentIds.length)).toEqual([MAX_SUBJECTS_PER_EVENT, 5]);
    expect(events.every((e) => e.detail?.count === MAX_SUBJECTS_PER_EVENT + 5)).toBe(true);
  });
});

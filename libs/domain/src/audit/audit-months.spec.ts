import { addAuditMonths, auditMonthEnd, auditMonthOf, auditMonthStart, isAuditMonth, lastArchivableMonth } from './audit-months';

describe('audit months (domain.md §7.5 "Retention": UTC calendar months)', () => {
  it('an instant belongs to the UTC month it falls in: in China a month starts at 08:00 on the 1st', () => {
    expect(auditMonthOf(Date.parse('2026-12-31T23:59:59.999Z'))).toBe('2026-12');
    expect(auditMonthOf(Date.parse('2027-01-01T07:59:00+08:00'))).toBe('2026-12');
    expect(auditMonthOf(Date.parse('2027-01-01T08:00:00+08:00'))).toBe('2027-01');
  });

  it('bounds and steps across years', () => {
    expect(new Date(auditMonthStart('2027-01')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(new Date(auditMonthEnd('2026-12')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(addAuditMonths('2026-11', 3)).toBe('2027-02');
    expect(addAuditMonths('2026-01', -1)).toBe('2025-12');
    expect(isAuditMonth('2026-13')).toBe(false);
    expect(() => auditMonthStart('2026-1')).toThrow(RangeError);
  });

  it('a month may leave once every event of it is the retention old: with 6 months, in December May may go, June not', () => {
    expect(lastArchivableMonth(new Date('2026-12-01T00:00:00Z'), 6)).toBe('2026-05');
    expect(lastArchivableMonth(new Date('2026-12-31T23:59:59Z'), 6)).toBe('2026-05');
    // May's last millisecond is 6 whole months (June to November) old when December begins.
    expect(new Date(auditMonthEnd('2026-05')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(addAuditMonths('2026-06', 6)).toBe('2026-12');
    expect(lastArchivableMonth(new Date('2026-12-15T00:00:00Z'), 36)).toBe('2023-11');
  });
});

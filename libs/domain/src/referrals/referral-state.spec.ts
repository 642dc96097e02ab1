import { IllegalTransitionError } from '../shared/domain-error';
import {
  assertKindPriority, DESK_OPEN_STATUSES, nextReferralStatus, REFERRAL_ACTIONS, REFERRAL_KINDS, REFERRAL_STATUSES, REFERRAL_URGENCIES, ReferralAction,
  referralActions, ReferralStatus, TERMINAL_REFERRAL_STATUSES, URGENCY_RANK_SQL, urgencyRank,
} from './referral-state';
import { InvalidValueError } from '../shared/domain-error';

/** domain.md §5.2 as the table it must be, row by row (plus `update` of a draft). */
const EXPECTED: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  draft: { update: 'draft', submit: 'submitted', cancel: 'cancelled' },
  submitted: { return: 'draft', accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { schedule: 'scheduled', arrive: 'arrived', cancel: 'cancelled' },
  scheduled: { reschedule: 'scheduled', arrive: 'arrived', cancel: 'cancelled', expire: 'expired' },
  arrived: { complete: 'completed' },
  completed: {},
  rejected: {},
  cancelled: {},
  expired: {},
};

describe('referral state machine (domain.md §5.2)', () => {
  it.each(REFERRAL_STATUSES.flatMap((s) => REFERRAL_ACTIONS.map((a) => [s, a] as const)))('%s --%s-->', (status, action) => {
    const to = EXPECTED[status][action];
    // accepted --arrive--> is the green channel only; checked below
    const urgency = 'emergent';
    if (to) expect(nextReferralStatus(status, action, urgency)).toBe(to);
    else expect(() => nextReferralStatus(status, action, urgency)).toThrow(IllegalTransitionError);
  });

  it('lets only an emergent (green channel) referral arrive without a schedule (§5.2, §5.3); urgent and routine are scheduled first', () => {
    expect(nextReferralStatus('accepted', 'arrive', 'emergent')).toBe('arrived');
    expect(() => nextReferralStatus('accepted', 'arrive', 'urgent')).toThrow(IllegalTransitionError);
    expect(() => nextReferralStatus('accepted', 'arrive', 'routine')).toThrow(IllegalTransitionError);
    expect(referralActions('accepted', 'routine')).toEqual(['schedule', 'cancel']);
    expect(referralActions('accepted', 'urgent')).toEqual(['schedule', 'cancel']);
    expect(referralActions('accepted', 'emergent')).toEqual(['schedule', 'arrive', 'cancel']);
    // once scheduled every priority may arrive
    for (const u of REFERRAL_URGENCIES) expect(nextReferralStatus('scheduled', 'arrive', u)).toBe('arrived');
  });

  it('names the allowed actions in the 409, never the scheduler-only expiry', () => {
    try {
      nextReferralStatus('scheduled', 'accept', 'routine');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect((e as IllegalTransitionError).allowed).toEqual(['reschedule', 'arrive', 'cancel']);
      expect((e as IllegalTransitionError).state).toBe('scheduled');
    }
  });

  it('has the terminal states of §5.2 and a desk queue of the states awaiting the receiving side', () => {
    expect([...TERMINAL_REFERRAL_STATUSES].sort()).toEqual(['cancelled', 'completed', 'expired', 'rejected']);
    expect(DESK_OPEN_STATUSES).toEqual(['submitted', 'accepted', 'scheduled', 'arrived']);
    for (const s of TERMINAL_REFERRAL_STATUSES) expect(referralActions(s, 'urgent')).toEqual([]);
  });

  it('sorts the green channel first, then urgent, then routine (§5.3 "priority desc")', () => {
    expect(urgencyRank('emergent')).toBeLessThan(urgencyRank('urgent'));
    expect(urgencyRank('urgent')).toBeLessThan(urgencyRank('routine'));
    // the stored column's expression gives the same ranks
    for (const u of REFERRAL_URGENCIES) expect(URGENCY_RANK_SQL).toContain(u === 'routine' ? `ELSE ${urgencyRank(u)}` : `'${u}' THEN ${urgencyRank(u)}`);
  });

  it('an emergency-department referral is emergent; every other kind takes any priority', () => {
    for (const kind of REFERRAL_KINDS) {
      for (const urgency of REFERRAL_URGENCIES) {
        if (kind === 'emergency' && urgency !== 'emergent') {
          expect(() => assertKindPriority(kind, urgency)).toThrow(InvalidValueError);
          try { assertKindPriority(kind, urgency); } catch (e) {
            expect(e).toMatchObject({ field: 'urgency', code: 'referral_emergency_not_emergent' });
          }
        } else {
          expect(() => assertKindPriority(kind, urgency)).not.toThrow();
        }
      }
    }
  });
});

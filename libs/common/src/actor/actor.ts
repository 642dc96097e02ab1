import type { Role } from '@countycare/domain';

/** The signed-in user as the policy layer sees it: one role and the scope ids that role is bound to. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string | null;
  institutionId: string | null;
  teamId: string | null;
  residentId: string | null;
  sessionId: string;
  /** Whether the user should choose a new password now (reset by an admin, or older than 90 days). */
  passwordChangeDue?: boolean;
  /** Reset by an admin, or the first admin of a production install: nothing but the password change until it is done. */
  passwordChangeRequired?: boolean;
}

/** Who is acting, and on which request: what every use case receives, and what the audit log records. */
export interface Actor extends Principal {
  requestId: string;
  ip: string;
}

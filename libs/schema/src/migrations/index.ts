import { Initial1795504021397 } from './1795504021397-Initial';
import { Issue9Hardening1796123926410 } from './1796123926410-Issue9Hardening';
import { AuditEventsCompactPartitioned1796128366443 } from './1796128366443-AuditEventsCompactPartitioned';
import { ReferralPriorityKindInsurance1796167803422 } from './1796167803422-ReferralPriorityKindInsurance';
import { ReferralClinicalConsent1796168999990 } from './1796168999990-ReferralClinicalConsent';
/** Migrations in the order they run; generated with `npm run migration:generate` against MySQL/MariaDB. */
export const MIGRATIONS: Function[] = [Initial1795504021397, Issue9Hardening1796123926410, AuditEventsCompactPartitioned1796128366443, ReferralPriorityKindInsurance1796167803422, ReferralClinicalConsent1796168999990];

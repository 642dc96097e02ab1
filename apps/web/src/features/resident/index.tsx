import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/NotFound';
import { AccessLogPage } from './AccessLogPage';
import { ContractsPage } from './ContractsPage';
import { ReferralsPage } from './ReferralsPage';
import { SickbedPage } from './SickbedPage';

/** The screens under /my/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route index element={<ContractsPage />} />
      <Route path="sickbed" element={<SickbedPage />} />
      <Route path="referrals" element={<ReferralsPage />} />
      <Route path="access-log" element={<AccessLogPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

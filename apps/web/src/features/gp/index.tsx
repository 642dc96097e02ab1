import { Navigate, Route, Routes } from 'react-router';
import { NotFound } from '../../shell/NotFound';
import { ContractPage } from './ContractPage';
import { LogServicePage } from './LogServicePage';
import { ReferPage } from './ReferPage';
import { ReferralPage } from './ReferralPage';
import { ResidentPage } from './ResidentPage';
import { ResidentSearchPage } from './ResidentSearchPage';
import { SignContractPage } from './SignContractPage';
import { TodayPage } from './TodayPage';

/** The screens under /clinic/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route index element={<Navigate to="today" replace />} />
      <Route path="today" element={<TodayPage />} />
      <Route path="residents" element={<ResidentSearchPage />} />
      <Route path="residents/:id" element={<ResidentPage />} />
      <Route path="residents/:id/sign" element={<SignContractPage />} />
      <Route path="residents/:id/refer" element={<ReferPage />} />
      <Route path="contracts/:id" element={<ContractPage />} />
      <Route path="contracts/:id/log" element={<LogServicePage />} />
      <Route path="referrals/:id" element={<ReferralPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

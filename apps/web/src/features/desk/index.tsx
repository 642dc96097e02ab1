import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/NotFound';
import { QueuePage } from './QueuePage';
import { ReferralDetailPage } from './ReferralDetailPage';

/** The screens under /desk/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route index element={<QueuePage />} />
      <Route path="referrals/:id" element={<ReferralDetailPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/NotFound';
import { OutboxPage } from './OutboxPage';
import { RecordRoundPage } from './RecordRoundPage';
import { SickbedListPage } from './SickbedListPage';
import { SickbedPage } from './SickbedPage';

/** The screens under /sickbeds/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route index element={<SickbedListPage />} />
      <Route path="outbox" element={<OutboxPage />} />
      <Route path=":id" element={<SickbedPage />} />
      <Route path=":id/round" element={<RecordRoundPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

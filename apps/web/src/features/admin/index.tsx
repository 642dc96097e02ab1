import { Route, Routes } from 'react-router';
import { NotFound } from '../../shell/NotFound';

/** The screens under /admin/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

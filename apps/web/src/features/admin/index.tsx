import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useUser } from '../../auth/session';
import { Loading } from '../../shell/Loading';
import { NotFound } from '../../shell/NotFound';
import { rolesOf } from './nav';

// The dashboard carries ECharts: only it loads the chart library, the other admin screens stay light.
const DashboardPage = lazy(() => import('./DashboardPage'));
const StaffPage = lazy(() => import('./StaffPage'));
const TeamsPage = lazy(() => import('./TeamsPage'));
const PackagesPage = lazy(() => import('./PackagesPage'));
const PolicyPage = lazy(() => import('./PolicyPage'));
const ImportPage = lazy(() => import('./ImportPage'));
const AuditPage = lazy(() => import('./AuditPage'));

/** A screen for the roles of its menu entry; anyone else gets the not-found page (as the API would answer). */
function Allowed({ path, children }: { path: string; children: ReactNode }) {
  const user = useUser();
  if (!rolesOf(path).includes(user.role)) return <NotFound />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The screens under /admin/ (lazily loaded: this chunk downloads only for the users who open it). */
export default function Feature() {
  return (
    <Routes>
      <Route index element={<Allowed path="/admin"><DashboardPage /></Allowed>} />
      <Route path="staff" element={<Allowed path="/admin/staff"><StaffPage /></Allowed>} />
      <Route path="teams" element={<Allowed path="/admin/teams"><TeamsPage /></Allowed>} />
      <Route path="packages" element={<Allowed path="/admin/packages"><PackagesPage /></Allowed>} />
      <Route path="policy" element={<Allowed path="/admin/policy"><PolicyPage /></Allowed>} />
      <Route path="import" element={<Allowed path="/admin/import"><ImportPage /></Allowed>} />
      <Route path="audit" element={<Allowed path="/admin/audit"><AuditPage /></Allowed>} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

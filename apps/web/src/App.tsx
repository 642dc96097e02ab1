import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession, type Role } from './auth/session';
import { AccountPage, ChangePassword } from './features/account/AccountPage';
import { LoginPage } from './features/account/LoginPage';
import { AppShell } from './shell/AppShell';
import { Loading } from './shell/Loading';
import { NotFound } from './shell/NotFound';

// Each role's screens are their own chunk: a GP's phone never downloads the admin dashboard and its charts.
/** The clinic's chunk; main.tsx starts it at once for a kept clinician's session, before the first render. */
export const loadClinic = () => import('./features/gp');
const Clinic = lazy(loadClinic);
const Sickbeds = lazy(() => import('./features/sickbed'));
const Resident = lazy(() => import('./features/resident'));
const Desk = lazy(() => import('./features/desk'));
const Admin = lazy(() => import('./features/admin'));

const HOME: Record<Role, string> = {
  gp: '/clinic/today',
  nurse: '/clinic/today',
  resident: '/my',
  referral_desk: '/desk',
  system_admin: '/admin',
  county_admin: '/admin',
  institution_admin: '/admin',
};

function Gate({ children }: { children: ReactNode }) {
  const { user, starting } = useSession();
  const location = useLocation();
  if (starting && !user) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (user.passwordChangeRequired && location.pathname !== '/account/password') return <Navigate to="/account/password" replace />;
  return <AppShell><Suspense fallback={<Loading />}>{children}</Suspense></AppShell>;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? HOME[user.role] : '/login'} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={<Gate><Home /></Gate>} />
      <Route path="/account" element={<Gate><AccountPage /></Gate>} />
      <Route path="/account/password" element={<Gate><div style={{ maxWidth: 560 }}><ChangePassword /></div></Gate>} />
      <Route path="/clinic/*" element={<Gate><Clinic /></Gate>} />
      <Route path="/sickbeds/*" element={<Gate><Sickbeds /></Gate>} />
      <Route path="/my/*" element={<Gate><Resident /></Gate>} />
      <Route path="/desk/*" element={<Gate><Desk /></Gate>} />
      <Route path="/admin/*" element={<Gate><Admin /></Gate>} />
      <Route path="*" element={<Gate><NotFound /></Gate>} />
    </Routes>
  );
}

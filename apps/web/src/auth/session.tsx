import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call } from '../api/client';
import type { components } from '../api/schema';
import { warmToday } from '../features/gp/warm-start';
import { wipeUserData } from '../offline/db';
import { outboxEntries, startOutbox } from '../offline/outbox';
import { tokens } from './tokens';

export type User = components['schemas']['UserView'];
export type Role = User['role'];

interface SessionState {
  user: User | null;
  /** True until a kept session has been checked at start */
  starting: boolean;
  signIn(username: string, password: string): Promise<User>;
  /** Ends the session and wipes the health data kept on this device. `discardPending` also drops unsent records. */
  signOut(discardPending?: boolean): Promise<void>;
  /** Records recorded on this device and not yet sent: sign-out asks before they are lost. */
  unsentCount(): Promise<number>;
  /** GET /me again (after a password change). */
  reload(): Promise<void>;
}

const USER_KEY = 'countycare.user';
const SessionContext = createContext<SessionState | null>(null);

function keptUser(): User | null {
  try {
    return tokens.present() ? (JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as User | null) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUserState] = useState<User | null>(keptUser);
  const [starting, setStarting] = useState(() => tokens.present());
  const setUser = useCallback((next: User | null) => {
    if (next) sessionStorage.setItem(USER_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(USER_KEY);
    setUserState(next);
  }, []);

  const reload = useCallback(async () => {
    setUser(await call(api.GET('/api/v1/me')));
  }, [setUser]);

  useEffect(() => {
    if (!starting) return;
    // A kept session (reload): check it with GET /me; offline, the kept user stands until the network returns.
    reload().catch(() => undefined).finally(() => setStarting(false));
  }, [starting, reload]);

  // The API ended the session (idle, signed out elsewhere, password changed): the kept answers go, unsent records stay
  // for this user's next sign-in.
  const userId = user?.id;
  useEffect(() => tokens.onExpired(() => {
    setUser(null);
    queryClient.clear();
    if (userId) void wipeUserData(userId, false);
  }), [queryClient, setUser, userId]);

  useEffect(() => startOutbox(user?.id ?? null), [user?.id]);

  // the first screen's reads start with the session, not after its code has arrived
  const role = user?.role;
  useEffect(() => {
    if (userId && (role === 'gp' || role === 'nurse')) warmToday(queryClient, userId);
  }, [queryClient, userId, role]);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
    tokens.save(answer);
    setUser(answer.user);
    return answer.user;
  }, [setUser]);

  const signOut = useCallback(async (discardPending = false) => {
    const leaving = user;
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    tokens.clear();
    setUser(null);
    queryClient.clear();
    if (leaving) await wipeUserData(leaving.id, discardPending);
  }, [user, queryClient, setUser]);

  const unsentCount = useCallback(async () => {
    if (!user) return 0;
    return (await outboxEntries(user.id)).filter((e) => e.status === 'pending' || e.status === 'syncing').length;
  }, [user]);

  const value = useMemo(() => ({ user, starting, signIn, signOut, unsentCount, reload }), [user, starting, signIn, signOut, unsentCount, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in user (screens behind the sign-in gate only). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}

export const STAFF_CLINICIANS: Role[] = ['gp', 'nurse'];
export const ADMINS: Role[] = ['system_admin', 'county_admin', 'institution_admin'];

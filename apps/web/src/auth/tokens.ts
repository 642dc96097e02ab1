import type { components } from '../api/schema';

type TokenResponse = components['schemas']['TokenResponse'];

interface Stored {
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch when the access token lapses */
  expiresAt: number;
}

/** Kept for this tab only (sessionStorage): a reload, or a reload offline, keeps the session; closing the tab ends it. */
const KEY = 'countycare.session';
const listeners = new Set<() => void>();

function read(): Stored | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

let refreshing: Promise<boolean> | null = null;

export const tokens = {
  present: () => read() !== null,
  save(answer: TokenResponse) {
    sessionStorage.setItem(KEY, JSON.stringify({
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
    } satisfies Stored));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  /** The access token, refreshed first when it lapses within a minute. */
  async fresh(): Promise<string | null> {
    const stored = read();
    if (!stored) return null;
    if (stored.expiresAt - Date.now() < 60_000 && navigator.onLine) await tokens.refresh();
    return read()?.accessToken ?? null;
  },
  /** One refresh at a time (the API spends a refresh token once; a second use would end the session). */
  refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const stored = read();
      if (!stored) return false;
      try {
        const response = await fetch(`${__API_BASE_URL__}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: stored.refreshToken }),
        });
        if (!response.ok) {
          if (response.status === 401) tokens.expired();
          return false;
        }
        tokens.save((await response.json()) as TokenResponse);
        return true;
      } catch {
        return false; // offline: keep the tokens, try again later
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  },
  /** The API refused the session (ended, idle, signed out elsewhere): back to the sign-in screen. */
  expired() {
    if (!read()) return;
    tokens.clear();
    listeners.forEach((l) => l());
  },
  onExpired(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

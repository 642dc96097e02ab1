import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, call } from '../api/client';
import { currentLanguage, storeLanguage, type Language } from './language';

export { LANGUAGES, type Language } from './language';

type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/**
 * A screen's own words in both languages; English must have every key Chinese has (checked by the compiler).
 * Labels of API codes (statuses, roles, kinds) are not here: they come from GET /dictionaries (`useLabel`).
 */
export function defineMessages<T extends Messages>(zh: T, en: { [K in keyof T]: T[K] }): Record<Language, T> {
  return { 'zh-CN': zh, en };
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageState>({ language: 'zh-CN', setLanguage: () => undefined });

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, set] = useState<Language>(currentLanguage);
  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    set(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/** The messages of the current language: `const t = useMessages(messages); t.title`. */
export function useMessages<T extends Messages>(messages: Record<Language, T>): T {
  return messages[useLanguage().language];
}

type Dictionaries = Record<string, Record<string, { 'zh-CN'?: string; en?: string }>>;
const DICTIONARIES_KEY = 'countycare.dictionaries';

/** GET /dictionaries (public, no personal data): kept on the device so labels show offline too. */
function useDictionaries(): Dictionaries | undefined {
  const { data } = useQuery({
    queryKey: ['dictionaries'],
    queryFn: async () => {
      const fresh = (await call(api.GET('/api/v1/dictionaries'))) as Dictionaries;
      localStorage.setItem(DICTIONARIES_KEY, JSON.stringify(fresh));
      return fresh;
    },
    initialData: () => {
      const kept = localStorage.getItem(DICTIONARIES_KEY);
      return kept ? (JSON.parse(kept) as Dictionaries) : undefined;
    },
    initialDataUpdatedAt: 0,
    staleTime: 60 * 60 * 1000,
    networkMode: 'offlineFirst',
  });
  return data;
}

/**
 * `label('contract_status', 'active')` → 已生效 / Active, from the API's dictionaries; the code itself when unknown.
 * The dictionary names are those of GET /dictionaries (docs/api.md).
 */
export function useLabel(): (dictionary: string, code: string | null | undefined) => string {
  const dictionaries = useDictionaries();
  const { language } = useLanguage();
  return useCallback(
    (dictionary: string, code: string | null | undefined) => {
      if (code == null) return '';
      const entry = dictionaries?.[dictionary]?.[code];
      return entry?.[language] ?? entry?.['zh-CN'] ?? code;
    },
    [dictionaries, language],
  );
}

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];

const KEY = 'countycare.language';

/** zh-CN first; the switch is remembered on this device (not health data: kept across sign-outs). */
export function currentLanguage(): Language {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}

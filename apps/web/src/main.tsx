import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiProblem, NetworkError } from './api/problem';
import { App, loadClinic } from './App';
import { SessionProvider } from './auth/session';
import { LanguageProvider, useLanguage } from './i18n';
import { currentLanguage } from './i18n/language';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // a 4xx will not change by asking again; a lost network will (the worklists have their offline copy)
      retry: (count, error) => !(error instanceof ApiProblem) && !(error instanceof NetworkError) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * antd's defaults with the text, link and status colours darkened to WCAG AA contrast (4.5:1) on white and on their
 * own light backgrounds (antd's #1677ff links give 4.1:1, its #ff4d4f errors 3.3:1): one theme for every screen.
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    // antd derives a lighter hover and press colour, under 4.5:1 behind white text: darker instead
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    // the Bg and Border tones given too: derived from a dark seed they turn grey and fail again
    colorInfo: '#0958d9', colorInfoBg: '#e6f4ff', colorInfoBorder: '#91caff',
    colorSuccess: '#237804', colorSuccessBg: '#f6ffed', colorSuccessBorder: '#b7eb8f',
    colorError: '#cf1322', colorErrorBg: '#fff2f0', colorErrorBorder: '#ffccc7', colorErrorHover: '#a8071a', colorErrorActive: '#820014',
    colorWarning: '#ad4e00', colorWarningBg: '#fffbe6', colorWarningBorder: '#ffe58f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

function Localized() {
  const { language } = useLanguage();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <App />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

document.documentElement.lang = currentLanguage();
// A clinician's kept session (a reload, the app reopened in the same tab): the clinic's screens download now, beside
// the app's own start, instead of after the first render (docs/web.md "Budgets").
if (/"role":"(gp|nurse)"/.test(sessionStorage.getItem('countycare.user') ?? '')) void loadClinic();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        <BrowserRouter>
          <Localized />
        </BrowserRouter>
      </LanguageProvider>
    </QueryClientProvider>
  </StrictMode>,
);

// The service worker downloads the whole shell (every screen's chunk) to keep it: a few seconds after the first
// screen is up, so on a slow network that download does not compete with the screen itself (docs/web.md "Budgets").
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => window.setTimeout(() => void navigator.serviceWorker.register('/sw.js'), 3000));
}

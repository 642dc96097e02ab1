import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiProblem, NetworkError } from './api/problem';
import { App } from './App';
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

/** antd's defaults with the text and link colours darkened to WCAG AA contrast (4.5:1) on white. */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
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

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js'));
}

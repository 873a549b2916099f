import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zh from './locales/zh.json';
import { loadSettings } from './settings/settingsStorage';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '中文' },
] as const;

i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    zh: { translation: zh },
  },
  lng: loadSettings().language,
  fallbackLng: 'en',
  interpolation: {
    // React already escapes rendered values.
    escapeValue: false,
  },
});

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export default i18n;

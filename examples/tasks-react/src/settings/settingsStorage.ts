import { readJson, writeJson } from '../lib/storage';

export type Language = 'en' | 'zh';
export type Theme = 'light' | 'dark';

export interface Settings {
  displayName: string;
  language: Language;
  theme: Theme;
  emailNotifications: boolean;
  compactView: boolean;
}

const SETTINGS_KEY = 'taskboard.settings';

// A first visit follows the browser's language; the choice in Preferences wins after that.
function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const DEFAULT_SETTINGS: Settings = {
  displayName: 'Admin',
  language: browserLanguage(),
  theme: 'light',
  emailNotifications: true,
  compactView: false,
};

export function loadSettings(): Settings {
  return { ...DEFAULT_SETTINGS, ...readJson<Partial<Settings>>(SETTINGS_KEY, {}) };
}

export function storeSettings(settings: Settings): void {
  writeJson(SETTINGS_KEY, settings);
}

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

export const DEFAULT_SETTINGS: Settings = {
  displayName: 'Admin',
  language: 'en',
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

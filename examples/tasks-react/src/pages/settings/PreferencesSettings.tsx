import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, SelectField } from '../../components/ui';
import { LANGUAGES } from '../../i18n';
import { useSettings } from '../../settings/SettingsContext';
import type { Language, Settings, Theme } from '../../settings/settingsStorage';
import { useToast } from '../../toast/ToastContext';

type Preferences = Pick<Settings, 'language' | 'theme' | 'emailNotifications' | 'compactView'>;

export default function PreferencesSettings() {
  const { t } = useTranslation();
  const { settings, updateSettings } = useSettings();
  const { showToast } = useToast();
  const [draft, setDraft] = useState<Preferences>({
    language: settings.language,
    theme: settings.theme,
    emailNotifications: settings.emailNotifications,
    compactView: settings.compactView,
  });

  function change<K extends keyof Preferences>(key: K, value: Preferences[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    updateSettings(draft);
    showToast('settings.saved');
  }

  return (
    <form onSubmit={handleSubmit}>
      <h2>{t('settings.preferences.title')}</h2>
      <SelectField
        label={t('settings.preferences.language')}
        value={draft.language}
        options={LANGUAGES.map(({ code, label }) => ({ value: code, label }))}
        onChange={(value) => change('language', value as Language)}
      />
      <div className="field">
        {/* FIXME: label is not linked to the select (no htmlFor / id). */}
        <label className="field__label">{t('settings.preferences.theme')}</label>
        <select
          className="field__input"
          value={draft.theme}
          onChange={(event) => change('theme', event.target.value as Theme)}
        >
          <option value="light">{t('settings.preferences.themes.light')}</option>
          <option value="dark">{t('settings.preferences.themes.dark')}</option>
        </select>
      </div>
      <Checkbox
        label={t('settings.preferences.emailNotifications')}
        checked={draft.emailNotifications}
        onChange={(checked) => change('emailNotifications', checked)}
      />
      <Checkbox
        label={t('settings.preferences.compactView')}
        hint={t('settings.preferences.compactViewHint')}
        checked={draft.compactView}
        onChange={(checked) => change('compactView', checked)}
      />
      <Button type="submit" variant="primary">
        {t('settings.save')}
      </Button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, TextField } from '../../components/ui';
import { useSettings } from '../../settings/SettingsContext';
import { useToast } from '../../toast/ToastContext';

export default function ProfileSettings() {
  const { t } = useTranslation();
  const { settings, updateSettings } = useSettings();
  const { showToast } = useToast();
  const [displayName, setDisplayName] = useState(settings.displayName);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = displayName.trim();
    if (!trimmed) {
      setError(t('settings.profile.errors.displayNameRequired'));
      return;
    }
    setError(null);
    updateSettings({ displayName: trimmed });
    showToast('settings.saved');
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <h2>{t('settings.profile.title')}</h2>
      <TextField
        label={t('settings.profile.displayName')}
        hint={t('settings.profile.intro')}
        value={displayName}
        onChange={setDisplayName}
        error={error ?? undefined}
      />
      <Button type="submit" variant="primary">
        {t('settings.save')}
      </Button>
    </form>
  );
}

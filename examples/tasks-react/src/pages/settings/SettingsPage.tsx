import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';

/** Parent route for /settings/*: the section tabs plus the nested section page. */
export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="settings-page">
      <h1>{t('settings.title')}</h1>
      <nav aria-label={t('settings.sectionsNav')} className="settings-tabs">
        <NavLink to="profile" className="settings-tabs__link">
          {t('settings.profile.title')}
        </NavLink>
        <NavLink to="preferences" className="settings-tabs__link">
          {t('settings.preferences.title')}
        </NavLink>
      </nav>
      <div className="card settings-panel">
        <Outlet />
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useSettings } from '../settings/SettingsContext';
import { Button } from './ui';

/** Shell for every signed-in page: header with navigation, then the routed page. */
export default function AppLayout() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const { settings } = useSettings();
  const navigate = useNavigate();

  function handleSignOut() {
    signOut();
    navigate('/login', { replace: true });
  }

  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="app-header__brand">Taskboard</span>
        <nav aria-label={t('app.mainNav')} className="app-nav">
          <NavLink to="/tasks" className="app-nav__link">
            {t('nav.tasks')}
          </NavLink>
          <NavLink to="/settings" className="app-nav__link">
            {t('nav.settings')}
          </NavLink>
        </nav>
        <div className="app-header__user">
          <span className="app-header__name">{t('nav.signedInAs', { name: settings.displayName })}</span>
          <Button variant="ghost" size="sm" onClick={handleSignOut}>
            {t('nav.signOut')}
          </Button>
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">Taskboard v1.4.2</footer>
    </div>
  );
}

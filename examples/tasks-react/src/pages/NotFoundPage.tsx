import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="not-found">
      <p className="not-found__code">404</p>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.message')}</p>
      <Link to="/tasks">{t('notFound.home')}</Link>
    </main>
  );
}

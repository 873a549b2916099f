import { useTranslation } from 'react-i18next';

export default function TaskCounter({ activeCount }: { activeCount: number }) {
  const { t } = useTranslation();
  return (
    <p className="task-counter" data-testid="task-counter" aria-live="polite">
      {t('tasks.left', { count: activeCount })}
    </p>
  );
}

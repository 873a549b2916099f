import { useTranslation } from 'react-i18next';
import { FILTERS, type TaskFilter } from '../../tasks/taskFilters';
import { Button } from '../ui';

interface TaskFilterBarProps {
  value: TaskFilter;
  onChange: (filter: TaskFilter) => void;
}

export default function TaskFilterBar({ value, onChange }: TaskFilterBarProps) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar" role="group" aria-label={t('tasks.filter.label')}>
      {FILTERS.map((filter) => (
        <Button
          key={filter}
          size="sm"
          variant={filter === value ? 'primary' : 'ghost'}
          aria-pressed={filter === value}
          onClick={() => onChange(filter)}
        >
          {t(`tasks.filter.${filter}`)}
        </Button>
      ))}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '../../tasks/tasksReducer';
import { Checkbox } from '../ui';

interface TaskItemProps {
  task: Task;
  onToggle: (id: string) => void;
  onRequestDelete: (task: Task) => void;
}

export default function TaskItem({ task, onToggle, onRequestDelete }: TaskItemProps) {
  const { t } = useTranslation();
  return (
    <li className={task.completed ? 'task-item task-item--done' : 'task-item'}>
      <Checkbox
        className="task-item__check"
        label={task.title}
        checked={task.completed}
        onChange={() => onToggle(task.id)}
      />
      <Link className="task-item__edit" to={`/tasks/${task.id}`}>
        {t('tasks.edit')}
      </Link>
      <button type="button" className="icon-button" title={t('tasks.delete')} onClick={() => onRequestDelete(task)}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path
            d="M9 3h6l1 2h4v2H4V5h4l1-2zm-3 6h12l-1 12H7L6 9zm4 2v8h2v-8h-2zm4 0v8h2v-8h-2z"
            fill="currentColor"
          />
        </svg>
      </button>
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import type { Task } from '../../tasks/tasksReducer';
import TaskItem from './TaskItem';

interface TaskListProps {
  tasks: Task[];
  compact: boolean;
  onToggle: (id: string) => void;
  onRequestDelete: (task: Task) => void;
}

export default function TaskList({ tasks, compact, onToggle, onRequestDelete }: TaskListProps) {
  const { t } = useTranslation();

  if (tasks.length === 0) {
    return <p className="task-list__empty">{t('tasks.empty')}</p>;
  }

  return (
    <ul className={compact ? 'task-list task-list--compact' : 'task-list'} data-testid="task-list">
      {tasks.map((task) => (
        <TaskItem key={task.id} task={task} onToggle={onToggle} onRequestDelete={onRequestDelete} />
      ))}
    </ul>
  );
}

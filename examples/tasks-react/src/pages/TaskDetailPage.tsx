import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Checkbox, TextField } from '../components/ui';
import { useTasks } from '../tasks/TasksContext';
import type { Task } from '../tasks/tasksReducer';
import { useToast } from '../toast/ToastContext';

export default function TaskDetailPage() {
  const { t } = useTranslation();
  const { taskId } = useParams();
  const { tasks } = useTasks();
  const task = tasks.find((candidate) => candidate.id === taskId);

  if (!task) {
    return (
      <section className="task-detail">
        <h1>{t('taskDetail.notFound')}</h1>
        <p>{t('taskDetail.notFoundMessage')}</p>
        <Link to="/tasks">{t('taskDetail.back')}</Link>
      </section>
    );
  }
  // Keyed by id so the form starts fresh when navigating between tasks.
  return <TaskEditForm key={task.id} task={task} />;
}

function TaskEditForm({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { updateTask } = useTasks();
  const { showToast } = useToast();
  const navigate = useNavigate();
  const [title, setTitle] = useState(task.title);
  const [completed, setCompleted] = useState(task.completed);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setError(t('taskDetail.errors.titleRequired'));
      return;
    }
    updateTask(task.id, { title: trimmed, completed });
    showToast('taskDetail.saved');
    navigate('/tasks');
  }

  return (
    <section className="task-detail">
      <Link className="back-link" to="/tasks">
        <span aria-hidden="true">← </span>
        {t('taskDetail.back')}
      </Link>
      <h1>{t('taskDetail.title')}</h1>
      <form className="card" onSubmit={handleSubmit} noValidate>
        <TextField label={t('taskDetail.titleField')} value={title} onChange={setTitle} error={error ?? undefined} />
        <Checkbox label={t('taskDetail.completed')} checked={completed} onChange={setCompleted} />
        <Button type="submit" variant="primary">
          {t('taskDetail.save')}
        </Button>
      </form>
    </section>
  );
}

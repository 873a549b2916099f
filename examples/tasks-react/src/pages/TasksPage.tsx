import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import ConfirmDialog from '../components/ConfirmDialog';
import AddTaskForm from '../components/tasks/AddTaskForm';
import TaskCounter from '../components/tasks/TaskCounter';
import TaskFilterBar from '../components/tasks/TaskFilterBar';
import TaskList from '../components/tasks/TaskList';
import { useSettings } from '../settings/SettingsContext';
import { countActive, filterTasks, type TaskFilter } from '../tasks/taskFilters';
import { useTasks } from '../tasks/TasksContext';
import type { Task } from '../tasks/tasksReducer';

export default function TasksPage() {
  const { t } = useTranslation();
  const { tasks, addTask, toggleTask, deleteTask } = useTasks();
  const { settings } = useSettings();
  const [filter, setFilter] = useState<TaskFilter>('all');
  const [taskToDelete, setTaskToDelete] = useState<Task | null>(null);

  function confirmDelete() {
    if (taskToDelete) {
      deleteTask(taskToDelete.id);
    }
    setTaskToDelete(null);
  }

  return (
    <section className="tasks-page">
      <h1>{t('tasks.title')}</h1>
      <AddTaskForm onAdd={addTask} />
      <div className="tasks-toolbar">
        <TaskCounter activeCount={countActive(tasks)} />
        <TaskFilterBar value={filter} onChange={setFilter} />
      </div>
      <TaskList
        tasks={filterTasks(tasks, filter)}
        compact={settings.compactView}
        onToggle={toggleTask}
        onRequestDelete={setTaskToDelete}
      />
      {taskToDelete && (
        <ConfirmDialog
          title={t('tasks.confirmDelete.title')}
          message={t('tasks.confirmDelete.message', { title: taskToDelete.title })}
          cancelLabel={t('tasks.confirmDelete.cancel')}
          confirmLabel={t('tasks.confirmDelete.confirm')}
          onCancel={() => setTaskToDelete(null)}
          onConfirm={confirmDelete}
        />
      )}
    </section>
  );
}

import type { Task } from './tasksReducer';

export const FILTERS = ['all', 'active', 'completed'] as const;
export type TaskFilter = (typeof FILTERS)[number];

export function filterTasks(tasks: Task[], filter: TaskFilter): Task[] {
  switch (filter) {
    case 'active':
      return tasks.filter((task) => !task.completed);
    case 'completed':
      return tasks.filter((task) => task.completed);
    default:
      return tasks;
  }
}

export function countActive(tasks: Task[]): number {
  return tasks.filter((task) => !task.completed).length;
}

export interface Task {
  id: string;
  title: string;
  completed: boolean;
}

export type TaskAction =
  | { type: 'added'; title: string }
  | { type: 'toggled'; id: string }
  | { type: 'updated'; id: string; title: string; completed: boolean }
  | { type: 'deleted'; id: string };

export const SEED_TASKS: Task[] = [
  { id: '1', title: 'Write the release notes', completed: false },
  { id: '2', title: 'Book the team offsite', completed: true },
];

function nextId(tasks: Task[]): string {
  const highest = tasks.reduce((max, task) => Math.max(max, Number(task.id) || 0), 0);
  return String(highest + 1);
}

export function tasksReducer(tasks: Task[], action: TaskAction): Task[] {
  switch (action.type) {
    case 'added':
      return [...tasks, { id: nextId(tasks), title: action.title, completed: false }];
    case 'toggled':
      return tasks.map((task) => (task.id === action.id ? { ...task, completed: !task.completed } : task));
    case 'updated':
      return tasks.map((task) =>
        task.id === action.id ? { ...task, title: action.title, completed: action.completed } : task,
      );
    case 'deleted':
      return tasks.filter((task) => task.id !== action.id);
  }
}

import { createContext, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { readJson, writeJson } from '../lib/storage';
import { SEED_TASKS, tasksReducer, type Task } from './tasksReducer';

const TASKS_KEY = 'taskboard.tasks';

interface TasksContextValue {
  tasks: Task[];
  addTask: (title: string) => void;
  toggleTask: (id: string) => void;
  updateTask: (id: string, changes: { title: string; completed: boolean }) => void;
  deleteTask: (id: string) => void;
}

const TasksContext = createContext<TasksContextValue | null>(null);

function loadTasks(): Task[] {
  return readJson<Task[]>(TASKS_KEY, SEED_TASKS);
}

export function TasksProvider({ children }: { children: ReactNode }) {
  const [tasks, dispatch] = useReducer(tasksReducer, undefined, loadTasks);

  useEffect(() => {
    writeJson(TASKS_KEY, tasks);
  }, [tasks]);

  const value = useMemo<TasksContextValue>(
    () => ({
      tasks,
      addTask: (title) => dispatch({ type: 'added', title }),
      toggleTask: (id) => dispatch({ type: 'toggled', id }),
      updateTask: (id, changes) => dispatch({ type: 'updated', id, ...changes }),
      deleteTask: (id) => dispatch({ type: 'deleted', id }),
    }),
    [tasks],
  );

  return <TasksContext.Provider value={value}>{children}</TasksContext.Provider>;
}

export function useTasks(): TasksContextValue {
  const context = useContext(TasksContext);
  if (!context) {
    throw new Error('useTasks must be used inside <TasksProvider>');
  }
  return context;
}

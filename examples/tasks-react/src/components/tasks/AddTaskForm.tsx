import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui';

interface AddTaskFormProps {
  onAdd: (title: string) => void;
}

export default function AddTaskForm({ onAdd }: AddTaskFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      return;
    }
    onAdd(trimmed);
    setTitle('');
  }

  return (
    <form className="add-task" onSubmit={handleSubmit}>
      {/* TODO(a11y): give this input a real <label>; the placeholder disappears while typing. */}
      <input
        className="add-task__input field__input"
        placeholder={t('tasks.newTask')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <Button type="submit" variant="primary">
        {t('tasks.add')}
      </Button>
    </form>
  );
}

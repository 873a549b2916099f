// The note editor form: filling it, reading it and showing the title error.

import { formatEdited } from './list-view.js';

const form = () => document.getElementById('note-form');
const titleInput = () => document.getElementById('note-title');
const bodyInput = () => document.getElementById('note-body');
const titleError = () => document.getElementById('title-error');

/** Opens the editor for an existing note, or empty for a new one (note === null). */
export function openEditor(note) {
  form().reset();
  clearTitleError();

  const isNew = note === null;
  document.getElementById('editor-heading').textContent = isNew ? 'New note' : 'Edit note';
  document.getElementById('delete-button').hidden = isNew;

  const meta = document.getElementById('note-meta');
  meta.hidden = isNew;
  if (!isNew) {
    titleInput().value = note.title;
    bodyInput().value = note.body;
    meta.textContent = formatEdited(note.updatedAt);
  }

  titleInput().focus();
}

export function readDraft() {
  return { title: titleInput().value, body: bodyInput().value };
}

export function showTitleError(message) {
  titleError().textContent = message;
  titleInput().setAttribute('aria-invalid', 'true');
  titleInput().focus();
}

export function clearTitleError() {
  titleError().textContent = '';
  titleInput().removeAttribute('aria-invalid');
}

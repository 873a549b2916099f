// Renders the notes list, the note count and the two empty states.

import { countLabel, excerpt, filterNotes, sortByLastEdited } from './notes.js';
import { noteHref } from './router.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatEdited(timestamp) {
  return `Edited ${dateFormat.format(new Date(timestamp))}`;
}

function renderNoteItem(note) {
  const template = document.getElementById('note-item-template');
  const item = template.content.firstElementChild.cloneNode(true);
  item.querySelector('.note-link').href = noteHref(note.id);
  item.querySelector('.note-title').textContent = note.title;
  item.querySelector('.note-excerpt').textContent = excerpt(note.body);
  const date = item.querySelector('.note-date');
  date.dateTime = new Date(note.updatedAt).toISOString();
  date.textContent = formatEdited(note.updatedAt);
  return item;
}

export function renderList(notes, query) {
  const visible = sortByLastEdited(filterNotes(notes, query));

  const list = document.getElementById('notes-list');
  list.replaceChildren(...visible.map(renderNoteItem));

  const count = document.getElementById('note-count');
  count.textContent = countLabel(visible.length, notes.length);
  count.hidden = notes.length === 0;

  document.getElementById('empty-state').hidden = notes.length > 0;
  document.getElementById('no-results').hidden = notes.length === 0 || visible.length > 0;
  document.getElementById('clear-search').hidden = query === '';
}

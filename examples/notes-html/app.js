// Notes — entry point. Owns the in-memory list of notes and wires the DOM events
// to the small modules in ./js/.

import { loadNotes, saveNotes, STORAGE_KEY } from './js/storage.js';
import { addNote, deleteNote, findNote, updateNote, validateNote } from './js/notes.js';
import { navigate, startRouter } from './js/router.js';
import { showView } from './js/views.js';
import { renderList } from './js/list-view.js';
import { clearTitleError, openEditor, readDraft, showTitleError } from './js/editor-view.js';
import { confirmDelete } from './js/delete-dialog.js';
import { announce } from './js/status.js';

let notes = loadNotes();
/** Id of the note open in the editor; null while writing a new note. */
let editingId = null;

const searchInput = document.getElementById('search-input');

function persist(nextNotes) {
  notes = nextNotes;
  saveNotes(notes);
}

// --- Views -----------------------------------------------------------------

function showList() {
  editingId = null;
  showView('list');
  renderList(notes, searchInput.value);
  document.title = 'Notes';
}

function showNewNote() {
  editingId = null;
  showView('editor');
  openEditor(null);
  document.title = 'New note – Notes';
}

function showExistingNote(id) {
  const note = findNote(notes, id);
  if (!note) {
    editingId = null;
    showView('not-found');
    document.title = 'Note not found – Notes';
    return;
  }
  editingId = note.id;
  showView('editor');
  openEditor(note);
  document.title = `${note.title} – Notes`;
}

function handleRoute(route) {
  if (route.name === 'new') {
    showNewNote();
  } else if (route.name === 'edit') {
    showExistingNote(route.id);
  } else {
    showList();
  }
}

// --- Actions ---------------------------------------------------------------

function handleNewNoteClick() {
  if (window.location.hash === '#/notes/new') {
    showNewNote(); // already there: start over with an empty form
  } else {
    navigate('#/notes/new');
  }
}

function handleSave(event) {
  event.preventDefault();
  const draft = readDraft();
  const error = validateNote(draft);
  if (error) {
    showTitleError(error);
    return;
  }
  persist(editingId === null ? addNote(notes, draft) : updateNote(notes, editingId, draft));
  announce('Note saved');
  navigate('#/');
}

function handleCancel() {
  navigate('#/');
}

async function handleDeleteClick() {
  const note = findNote(notes, editingId);
  if (!note) {
    return;
  }
  const confirmed = await confirmDelete(note);
  if (!confirmed) {
    return;
  }
  persist(deleteNote(notes, note.id));
  announce('Note deleted');
  navigate('#/');
}

function handleSearchInput() {
  renderList(notes, searchInput.value);
}

function handleClearSearch() {
  searchInput.value = '';
  renderList(notes, '');
  searchInput.focus();
}

/** Another tab changed the notes: pick up the new list if we are looking at it. */
function handleStorageChange(event) {
  if (event.key !== STORAGE_KEY) {
    return;
  }
  notes = loadNotes();
  if (!document.getElementById('list-view').hidden) {
    renderList(notes, searchInput.value);
  }
}

// --- Wiring ----------------------------------------------------------------

document.getElementById('new-note-button').addEventListener('click', handleNewNoteClick);
document.getElementById('note-form').addEventListener('submit', handleSave);
document.getElementById('note-title').addEventListener('input', clearTitleError);
document.getElementById('cancel-button').addEventListener('click', handleCancel);
document.getElementById('delete-button').addEventListener('click', handleDeleteClick);
searchInput.addEventListener('input', handleSearchInput);
document.getElementById('clear-search').addEventListener('click', handleClearSearch);
window.addEventListener('storage', handleStorageChange);

startRouter(handleRoute);

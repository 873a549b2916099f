// Pure note helpers: no DOM, no storage. Easy to reason about and to test.

export const EXCERPT_LENGTH = 80;

function newId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
}

/** Returns an error message for the draft, or null when it can be saved. */
export function validateNote(draft) {
  if (draft.title.trim() === '') {
    return 'Title is required';
  }
  return null;
}

/** Timestamps only ever move forward, so "last edited" order is never ambiguous. */
function nextTimestamp(notes) {
  const latest = notes.reduce((max, note) => Math.max(max, note.updatedAt), 0);
  return Math.max(Date.now(), latest + 1);
}

export function addNote(notes, draft) {
  const now = nextTimestamp(notes);
  const note = {
    id: newId(),
    title: draft.title.trim(),
    body: draft.body,
    createdAt: now,
    updatedAt: now,
  };
  return [...notes, note];
}

export function updateNote(notes, id, draft) {
  const now = nextTimestamp(notes);
  return notes.map((note) =>
    note.id === id ? { ...note, title: draft.title.trim(), body: draft.body, updatedAt: now } : note,
  );
}

export function deleteNote(notes, id) {
  return notes.filter((note) => note.id !== id);
}

export function findNote(notes, id) {
  return notes.find((note) => note.id === id) ?? null;
}

/** Most recently edited first. */
export function sortByLastEdited(notes) {
  return [...notes].sort((a, b) => b.updatedAt - a.updatedAt);
}

/** Case-insensitive match on title and body; an empty query matches everything. */
export function filterNotes(notes, query) {
  const needle = query.trim().toLowerCase();
  if (needle === '') {
    return notes;
  }
  return notes.filter(
    (note) => note.title.toLowerCase().includes(needle) || note.body.toLowerCase().includes(needle),
  );
}

/** First line-ish of the body: whitespace collapsed, cut at EXCERPT_LENGTH characters. */
export function excerpt(body) {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') {
    return 'No content';
  }
  if (text.length <= EXCERPT_LENGTH) {
    return text;
  }
  return text.slice(0, EXCERPT_LENGTH).trimEnd() + '…';
}

/** "1 note", "3 notes", or "2 of 5 notes" while a search is active. */
export function countLabel(shown, total) {
  const noun = total === 1 ? 'note' : 'notes';
  if (shown === total) {
    return `${total} ${noun}`;
  }
  return `${shown} of ${total} ${noun}`;
}

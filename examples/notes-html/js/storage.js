// Persistence: notes live in localStorage as a JSON array under one key.

export const STORAGE_KEY = 'notes-html.notes';

/** Returns the saved notes, or an empty list when nothing (valid) is stored. */
export function loadNotes() {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) {
    return [];
  }
  try {
    const notes = JSON.parse(raw);
    return Array.isArray(notes) ? notes : [];
  } catch {
    console.warn('Ignoring unreadable notes in localStorage');
    return [];
  }
}

/** Writes the whole list of notes back to localStorage. */
export function saveNotes(notes) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(notes));
}

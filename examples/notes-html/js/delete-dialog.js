// Modal confirmation before a note is deleted. Resolves true only for "Delete".

export function confirmDelete(note) {
  const dialog = document.getElementById('delete-dialog');
  document.getElementById('delete-dialog-note-title').textContent = note.title;
  dialog.returnValue = '';

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
  });
}

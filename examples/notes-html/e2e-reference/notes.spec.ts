import { test, expect } from '@playwright/test';
import { createNote, noteItems, seedNotes } from './helpers';

test.describe('Creating, editing and deleting notes', () => {
  test('shows the empty state when there are no notes yet', async ({ page }) => {
    await page.goto('/');

    await expect(page.getByRole('heading', { name: 'All notes' })).toBeVisible();
    await expect(page.getByText('No notes yet')).toBeVisible();
    await expect(noteItems(page)).toHaveCount(0);
    await expect(page.getByTestId('note-count')).toBeHidden();
  });

  test('creates a note and lists it with its title and excerpt', async ({ page }) => {
    await page.goto('/');

    await page.getByRole('button', { name: 'New note' }).click();
    await expect(page).toHaveURL(/#\/notes\/new$/);
    await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
    await expect(page.getByLabel('Title')).toBeFocused();

    await page.getByLabel('Title').fill('Groceries');
    await page.getByPlaceholder('Write your note here').fill('Milk, eggs and bread');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('status')).toHaveText('Note saved');
    await expect(noteItems(page)).toHaveCount(1);
    await expect(noteItems(page).first().getByRole('heading')).toHaveText('Groceries');
    await expect(noteItems(page).first()).toContainText('Milk, eggs and bread');
    await expect(page.getByTestId('note-count')).toHaveText('1 note');
    await expect(page.getByText('No notes yet')).toBeHidden();
  });

  test('refuses to save a note without a title', async ({ page }) => {
    await page.goto('/#/notes/new');

    await page.getByLabel('Title').fill('   ');
    await page.getByPlaceholder('Write your note here').fill('A body without a title');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('alert')).toHaveText('Title is required');
    await expect(page).toHaveURL(/#\/notes\/new$/);
    await expect(page.getByLabel('Title')).toBeFocused();

    // Typing a title clears the error.
    await page.getByLabel('Title').fill('Now with a title');
    await expect(page.getByRole('alert')).toBeHidden();

    // Nothing was stored by the failed attempt.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('No notes yet')).toBeVisible();
  });

  test('cancel discards a new note', async ({ page }) => {
    await page.goto('/');

    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByLabel('Title').fill('Half-written idea');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('heading', { name: 'All notes' })).toBeVisible();
    await expect(noteItems(page)).toHaveCount(0);
    await expect(page.getByText('Half-written idea')).toHaveCount(0);
  });

  test('edits a note and moves it to the top of the list', async ({ page }) => {
    await seedNotes(page, [
      { id: 'older', title: 'Older note', body: 'Written first', updatedAt: 1_700_000_000_000 },
      { id: 'newer', title: 'Newer note', body: 'Written second', updatedAt: 1_700_000_100_000 },
    ]);
    // Most recently edited first.
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Newer note', 'Older note']);

    await page.getByRole('link', { name: /Older note/ }).click();
    await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();
    await expect(page.getByLabel('Title')).toHaveValue('Older note');
    await expect(page.getByPlaceholder('Write your note here')).toHaveValue('Written first');

    await page.getByLabel('Title').fill('Older note, revised');
    await page.getByPlaceholder('Write your note here').fill('Rewritten just now');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('status')).toHaveText('Note saved');
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Older note, revised', 'Newer note']);
    await expect(noteItems(page).first()).toContainText('Rewritten just now');
    await expect(page.getByTestId('note-count')).toHaveText('2 notes');
  });

  test('deletes a note after confirming', async ({ page }) => {
    await seedNotes(page, [
      { id: 'keep', title: 'Keep me', body: 'Stays', updatedAt: 1_700_000_000_000 },
      { id: 'bin', title: 'Throw me away', body: 'Goes', updatedAt: 1_700_000_100_000 },
    ]);

    await page.getByRole('link', { name: /Throw me away/ }).click();
    await page.getByRole('button', { name: 'Delete note' }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('“Throw me away” will be removed permanently.');
    await dialog.getByRole('button', { name: 'Delete' }).click();

    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/#\/$/);
    await expect(page.getByRole('status')).toHaveText('Note deleted');
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Keep me']);
    await expect(page.getByTestId('note-count')).toHaveText('1 note');

    // The deletion is stored, not just hidden.
    await page.reload();
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Keep me']);
  });

  test('keeps the note when the delete confirmation is cancelled', async ({ page }) => {
    await seedNotes(page, [{ id: 'n1', title: 'Precious note', body: 'Do not lose', updatedAt: 1_700_000_000_000 }]);

    await page.getByRole('link', { name: /Precious note/ }).click();
    await page.getByRole('button', { name: 'Delete note' }).click();

    const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/#\/notes\/n1$/);
    await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();
    await expect(page.getByRole('status')).not.toHaveText('Note deleted');

    await page.getByRole('link', { name: 'Notes', exact: true }).click();
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Precious note']);
  });

  test('shows a shortened excerpt of a long body', async ({ page }) => {
    await page.goto('/');
    const longBody =
      'The quick brown fox jumps over the lazy dog near the riverbank while the sun slowly sets behind the hills.';

    await createNote(page, 'Long note', longBody);

    const excerpt = longBody.slice(0, 80).trimEnd() + '…';
    await expect(noteItems(page).first().locator('.note-excerpt')).toHaveText(excerpt);
    await expect(noteItems(page).first()).not.toContainText('behind the hills');
  });
});

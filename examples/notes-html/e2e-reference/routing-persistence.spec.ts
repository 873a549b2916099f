import { test, expect } from '@playwright/test';
import { createNote, noteItems, seedNotes } from './helpers';

test.describe('Hash routes and persistence', () => {
  test('notes survive a page reload', async ({ page }) => {
    await page.goto('/');
    await createNote(page, 'Remember me', 'Saved in this browser');
    await createNote(page, 'Me too', 'Also saved');

    await page.reload();

    await expect(noteItems(page).getByRole('heading')).toHaveText(['Me too', 'Remember me']);
    await page.getByRole('link', { name: /Remember me/ }).click();
    await expect(page.getByLabel('Title')).toHaveValue('Remember me');
    await expect(page.getByPlaceholder('Write your note here')).toHaveValue('Saved in this browser');
  });

  test('a deep link to #/notes/<id> opens that note in the editor', async ({ page }) => {
    await seedNotes(page, [
      { id: 'first', title: 'First note', body: 'One', updatedAt: 1_700_000_000_000 },
      { id: 'deep', title: 'Linked note', body: 'Opened straight from a link', updatedAt: 1_700_000_100_000 },
    ]);

    await page.goto('/#/notes/deep');

    await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();
    await expect(page.getByLabel('Title')).toHaveValue('Linked note');
    await expect(page.getByPlaceholder('Write your note here')).toHaveValue('Opened straight from a link');
    await expect(page.getByRole('button', { name: 'Delete note' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'All notes' })).toBeHidden();
    await expect(page).toHaveTitle('Linked note – Notes');
  });

  test('a deep link to #/notes/new opens an empty editor', async ({ page }) => {
    await seedNotes(page, [{ id: 'x', title: 'Existing', body: 'Body', updatedAt: 1_700_000_000_000 }]);

    await page.goto('/#/notes/new');

    await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
    await expect(page.getByLabel('Title')).toHaveValue('');
    await expect(page.getByPlaceholder('Write your note here')).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Delete note' })).toBeHidden();
  });

  test('the browser back button returns from the editor to the list', async ({ page }) => {
    await seedNotes(page, [{ id: 'b1', title: 'Back and forth', body: 'Navigate me', updatedAt: 1_700_000_000_000 }]);

    await page.getByRole('link', { name: /Back and forth/ }).click();
    await expect(page).toHaveURL(/#\/notes\/b1$/);
    await expect(page.getByRole('heading', { name: 'Edit note' })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole('heading', { name: 'All notes' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Edit note' })).toBeHidden();

    await page.goForward();
    await expect(page.getByLabel('Title')).toHaveValue('Back and forth');
  });

  test('an unknown note id shows "Note not found"', async ({ page }) => {
    await seedNotes(page, [{ id: 'real', title: 'Real note', body: 'Here', updatedAt: 1_700_000_000_000 }]);

    await page.goto('/#/notes/does-not-exist');

    await expect(page.getByRole('heading', { name: 'Note not found' })).toBeVisible();
    await expect(page.getByLabel('Title')).toBeHidden();
    await page.getByRole('link', { name: 'Back to all notes' }).click();
    await expect(page).toHaveURL(/#\/$/);
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Real note']);
  });
});

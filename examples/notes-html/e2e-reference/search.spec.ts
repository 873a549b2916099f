import { test, expect } from '@playwright/test';
import { noteItems, seedNotes } from './helpers';

test.describe('Searching notes', () => {
  test.beforeEach(async ({ page }) => {
    await seedNotes(page, [
      { id: 's1', title: 'Shopping list', body: 'Milk and eggs', updatedAt: 1_700_000_300_000 },
      { id: 's2', title: 'Meeting notes', body: 'Discuss the ROADMAP with the team', updatedAt: 1_700_000_200_000 },
      { id: 's3', title: 'Holiday ideas', body: 'Lisbon or Porto in spring', updatedAt: 1_700_000_100_000 },
    ]);
    await expect(noteItems(page)).toHaveCount(3);
  });

  test('filters by title and by body, ignoring case', async ({ page }) => {
    const search = page.getByLabel('Search notes');

    await search.fill('SHOPPING');
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Shopping list']);
    await expect(page.getByTestId('note-count')).toHaveText('1 of 3 notes');

    await search.fill('roadmap');
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Meeting notes']);

    await search.fill('in');
    await expect(noteItems(page).getByRole('heading')).toHaveText(['Shopping list', 'Meeting notes', 'Holiday ideas']);
    await expect(page.getByTestId('note-count')).toHaveText('3 notes');
  });

  test('shows "No matching notes" and clearing the search brings every note back', async ({ page }) => {
    const search = page.getByLabel('Search notes');

    await search.fill('zebra');
    await expect(page.getByText('No matching notes')).toBeVisible();
    await expect(noteItems(page)).toHaveCount(0);
    await expect(page.getByTestId('note-count')).toHaveText('0 of 3 notes');
    await expect(page.getByText('No notes yet')).toBeHidden();

    await page.getByTitle('Clear search').click();

    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
    await expect(page.getByText('No matching notes')).toBeHidden();
    await expect(noteItems(page)).toHaveCount(3);
    await expect(page.getByTitle('Clear search')).toBeHidden();
  });
});

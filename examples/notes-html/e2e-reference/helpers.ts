import { expect, type Page } from '@playwright/test';

/** localStorage key the app keeps its notes under. */
export const STORAGE_KEY = 'notes-html.notes';

export type SeedNote = { id: string; title: string; body: string; updatedAt: number };

/** Puts notes straight into localStorage and reloads, so a test can start from a known list. */
export async function seedNotes(page: Page, notes: SeedNote[]) {
  await page.goto('/');
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [STORAGE_KEY, JSON.stringify(notes.map((note) => ({ createdAt: note.updatedAt, ...note })))] as const,
  );
  await page.reload();
}

/** Creates a note through the UI, the way a user would. */
export async function createNote(page: Page, title: string, body: string) {
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(page.getByRole('heading', { name: 'New note' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByPlaceholder('Write your note here').fill(body);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Note saved');
}

export function noteItems(page: Page) {
  return page.getByTestId('notes-list').getByRole('listitem');
}

import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Every fresh browser context starts with two seeded tasks:
//   "Write the release notes" (active) and "Book the team offsite" (completed).

test.describe('Task list', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('adds tasks with the button and with Enter, ignoring blank input', async ({ page }) => {
    const list = page.getByTestId('task-list');
    const input = page.getByPlaceholder('New task');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByTestId('task-counter')).toHaveText('1 task left');

    await input.fill('  Buy milk  ');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await expect(list.getByRole('listitem').last()).toHaveText(/^Buy milk/);
    await expect(input).toHaveValue('');
    await expect(page.getByTestId('task-counter')).toHaveText('2 tasks left');

    await input.fill('Call the plumber');
    await input.press('Enter');
    await expect(list.getByRole('listitem').last()).toContainText('Call the plumber');
    await expect(input).toHaveValue('');

    await input.fill('   ');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(4);
    await expect(page.getByTestId('task-counter')).toHaveText('3 tasks left');
  });

  test('completing a task updates the counter and survives a reload', async ({ page }) => {
    const releaseNotes = page.getByRole('checkbox', { name: 'Write the release notes' });
    const offsite = page.getByRole('checkbox', { name: 'Book the team offsite' });
    await expect(offsite).toBeChecked();

    await releaseNotes.check();
    await expect(page.getByTestId('task-counter')).toHaveText('0 tasks left');

    await offsite.uncheck();
    await expect(page.getByTestId('task-counter')).toHaveText('1 task left');

    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Write the release notes' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Book the team offsite' })).not.toBeChecked();
  });

  test('filters the list by status', async ({ page }) => {
    const items = page.getByTestId('task-list').getByRole('listitem');
    await page.getByPlaceholder('New task').fill('Buy milk');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(items).toHaveCount(3);

    await page.getByRole('button', { name: 'Active' }).click();
    await expect(page.getByRole('button', { name: 'Active' })).toHaveAttribute('aria-pressed', 'true');
    await expect(items).toHaveCount(2);
    await expect(items).toContainText(['Write the release notes', 'Buy milk']);

    await page.getByRole('button', { name: 'Completed' }).click();
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(['Book the team offsite']);
    // The counter keeps counting every unfinished task, whatever the filter.
    await expect(page.getByTestId('task-counter')).toHaveText('2 tasks left');

    await page.getByRole('button', { name: 'All' }).click();
    await expect(items).toHaveCount(3);
  });

  test('shows an empty message when no task matches the filter', async ({ page }) => {
    await page.getByRole('checkbox', { name: 'Write the release notes' }).check();
    await page.getByRole('button', { name: 'Active' }).click();

    await expect(page.getByText('No tasks to show')).toBeVisible();
    await expect(page.getByTestId('task-list')).toHaveCount(0);
  });

  test('deleting asks for confirmation; Cancel keeps the task and Delete removes it', async ({ page }) => {
    const items = page.getByTestId('task-list').getByRole('listitem');
    const offsiteItem = items.filter({ hasText: 'Book the team offsite' });

    await offsiteItem.getByTitle('Delete task').click();
    const dialog = page.getByRole('dialog', { name: 'Delete task?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Book the team offsite');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(items).toHaveCount(2);

    await offsiteItem.getByTitle('Delete task').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(items).toHaveCount(1);
    await expect(offsiteItem).toHaveCount(0);
    await expect(page.getByTestId('task-counter')).toHaveText('1 task left');
  });
});

import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('Task detail', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('renames a task and marks it completed from its detail page', async ({ page }) => {
    await page
      .getByTestId('task-list')
      .getByRole('listitem')
      .filter({ hasText: 'Write the release notes' })
      .getByRole('link', { name: 'Edit' })
      .click();
    await expect(page).toHaveURL(/\/tasks\/1$/);
    await expect(page.getByRole('heading', { name: 'Edit task' })).toBeVisible();

    const title = page.getByLabel('Title');
    await expect(title).toHaveValue('Write the release notes');
    await title.fill('Publish the release notes');
    await page.getByLabel('Completed').check();
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('status')).toHaveText('Task saved');
    await expect(page.getByRole('checkbox', { name: 'Publish the release notes' })).toBeChecked();
    await expect(page.getByText('Write the release notes')).toHaveCount(0);
    await expect(page.getByTestId('task-counter')).toHaveText('0 tasks left');
  });

  test('an empty title is rejected and the back link discards changes', async ({ page }) => {
    await page.goto('/tasks/2');
    await page.getByLabel('Title').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Title is required')).toBeVisible();
    await expect(page).toHaveURL(/\/tasks\/2$/);

    await page.getByLabel('Title').fill('Something else');
    await page.getByRole('link', { name: 'Back to tasks' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('checkbox', { name: 'Book the team offsite' })).toBeVisible();
    await expect(page.getByText('Something else')).toHaveCount(0);
  });

  test('an unknown task id and an unknown route show not-found pages', async ({ page }) => {
    await page.goto('/tasks/999');
    await expect(page.getByRole('heading', { name: 'Task not found' })).toBeVisible();

    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to tasks' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
  });
});

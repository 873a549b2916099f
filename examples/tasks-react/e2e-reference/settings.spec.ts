import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('Settings', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('/settings opens the profile section and the tabs switch nested pages', async ({ page }) => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();

    await page.getByRole('link', { name: 'Preferences' }).click();
    await expect(page).toHaveURL(/\/settings\/preferences$/);
    await expect(page.getByRole('heading', { name: 'Preferences' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });

  test('saving the profile shows a short-lived toast and updates the header', async ({ page }) => {
    await page.goto('/settings/profile');
    await expect(page.getByText('Signed in as Admin')).toBeVisible();

    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('status')).toHaveText('Settings saved');
    await expect(page.getByText('Signed in as Ada Lovelace')).toBeVisible();
    await expect(page.getByRole('status')).toBeHidden();
  });

  test('an empty display name is rejected', async ({ page }) => {
    await page.goto('/settings/profile');
    await page.getByLabel('Display name').fill('');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByText('Display name is required')).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.getByText('Signed in as Admin')).toBeVisible();
  });

  test('compact view changes the density of the task list', async ({ page }) => {
    await expect(page.getByTestId('task-list')).not.toHaveClass(/task-list--compact/);

    await page.goto('/settings/preferences');
    await page.getByLabel('Compact view').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved');

    await page.getByRole('link', { name: 'Tasks' }).click();
    await expect(page.getByTestId('task-list')).toHaveClass(/task-list--compact/);
  });

  test('the dark theme is applied and remembered after a reload', async ({ page }) => {
    await page.goto('/settings/preferences');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    // The "Theme" label is not associated with its select, so find the select by its options.
    const themeSelect = page.getByRole('combobox').filter({ has: page.getByRole('option', { name: 'Dark' }) });
    await themeSelect.selectOption({ label: 'Dark' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(themeSelect).toHaveValue('dark');
  });

  test('switching the language to Chinese translates the UI and persists', async ({ page }) => {
    await page.goto('/settings/preferences');
    await page.getByLabel('Language').selectOption({ label: '中文' });
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('status')).toHaveText('设置已保存');
    await expect(page.getByRole('heading', { name: '偏好设置' })).toBeVisible();
    await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

    await page.getByRole('link', { name: '任务' }).click();
    await expect(page.getByRole('heading', { name: '任务', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '添加任务' })).toBeVisible();
    await expect(page.getByTestId('task-counter')).toHaveText('还剩 1 项任务');

    await page.reload();
    await expect(page.getByRole('button', { name: '添加任务' })).toBeVisible();

    await page.goto('/settings/preferences');
    await page.getByLabel('语言').selectOption({ label: 'English' });
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
});

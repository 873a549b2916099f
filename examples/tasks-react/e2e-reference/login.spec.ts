import { expect, test } from '@playwright/test';
import { PASSWORD, signIn, USERNAME } from './helpers';

test.describe('Sign in', () => {
  test('a signed-out visitor is sent to the login page and back to the requested page', async ({ page }) => {
    await page.goto('/settings/preferences');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page).toHaveURL(/\/settings\/preferences$/);
    await expect(page.getByRole('heading', { name: 'Preferences' })).toBeVisible();
  });

  test('the root URL opens the task list after signing in', async ({ page }) => {
    await signIn(page, '/');
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
  });

  const invalidAttempts = [
    { username: '', password: 'password123', message: 'Username is required' },
    { username: 'admin', password: 'short', message: 'Password must be at least 8 characters' },
    { username: 'admin', password: 'letmein!', message: 'Invalid username or password' },
  ];

  for (const { username, password, message } of invalidAttempts) {
    test(`shows "${message}" and stays on the login page`, async ({ page }) => {
      await page.goto('/login');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await expect(page.getByRole('alert')).toHaveText(message);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    });
  }

  test('signing out returns to the login page and protects the app again', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/tasks');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

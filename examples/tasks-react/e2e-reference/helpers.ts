import { expect, type Page } from '@playwright/test';

export const USERNAME = 'admin';
export const PASSWORD = 'password123';

/** Signs in through the login form and waits for the task list. */
export async function signIn(page: Page, path = '/tasks') {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

import { test, expect } from '@playwright/test';
import { ALICE, signInThroughTheForm, unique } from './helpers';

test.describe('Accounts', () => {
  test('a visitor signs up and is signed in at once', async ({ page }) => {
    const username = unique('newbie');
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Sign up' })).toBeVisible();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-9');
    await page.getByRole('button', { name: 'Sign up' }).click();

    await expect(page).toHaveURL(/#\/$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: username, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'New article' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    // The token is kept: a reload keeps the user signed in.
    await page.reload();
    await expect(nav.getByRole('link', { name: username, exact: true })).toBeVisible();
  });

  test('a taken username is refused', async ({ page }) => {
    await page.goto('/#/register');
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Email').fill(`${unique('someone')}@example.com`);
    await page.getByLabel('Password').fill('correct-horse-9');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('alert')).toHaveText('Username has already been taken');
    await expect(page).toHaveURL(/#\/register$/);
  });

  test('a short password is refused', async ({ page }) => {
    const username = unique('shorty');
    await page.goto('/#/register');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('alert')).toHaveText('Password is too short (minimum is 8 characters)');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('signing in with the right password, then signing out', async ({ page }) => {
    await signInThroughTheForm(page, ALICE);
    await expect(page).toHaveURL(/#\/$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'alice', exact: true })).toBeVisible();

    await nav.getByRole('button', { name: 'Sign out' }).click();
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Sign up' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'New article' })).toHaveCount(0);
    await page.reload();
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('a wrong password is refused', async ({ page }) => {
    await page.goto('/#/login');
    await page.getByPlaceholder('Email').fill(ALICE.email);
    await page.getByPlaceholder('Password').fill('not-my-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Email or password is invalid');
    await expect(page).toHaveURL(/#\/login$/);
    await expect(page.getByRole('link', { name: 'New article' })).toHaveCount(0);
  });

  test('the editor asks visitors to sign in first, then opens', async ({ page }) => {
    await page.goto('/#/editor');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByPlaceholder('Email').fill(ALICE.email);
    await page.getByPlaceholder('Password').fill(ALICE.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'New article' })).toBeVisible();
  });
});

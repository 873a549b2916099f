import { test, expect } from '@playwright/test';
import { newAccount, useToken } from './helpers';

test.describe('Favorites', () => {
  test('favoriting updates both copies of the button and the profile', async ({ page, request }) => {
    const reader = await newAccount(request);
    await useToken(page, reader.token);
    await page.goto('/#/article/lunch-and-learn-sqlite');
    const favorite = page.getByRole('button', { name: 'Favorite article (1)', exact: true });
    await expect(favorite).toHaveCount(2);
    await favorite.first().click();

    const unfavorite = page.getByRole('button', { name: 'Unfavorite article (2)', exact: true });
    await expect(unfavorite).toHaveCount(2);
    await expect(unfavorite.first()).toHaveAttribute('aria-pressed', 'true');

    await page.goto(`/#/profile/${reader.username}/favorites`);
    const list = page.getByRole('list', { name: `Articles ${reader.username} favorited` });
    await expect(list.getByRole('heading', { level: 2 })).toHaveCount(1);
    await expect(list).toContainText('Lunch and learn: SQLite');

    await page.goto('/#/article/lunch-and-learn-sqlite');
    await page.getByRole('button', { name: 'Unfavorite article (2)', exact: true }).last().click();
    await expect(page.getByRole('button', { name: 'Favorite article (1)', exact: true })).toHaveCount(2);
    await page.goto(`/#/profile/${reader.username}/favorites`);
    await expect(page.getByText('No articles are here… yet.')).toBeVisible();
  });

  test("alice's favorites list what she favorited, not her own articles", async ({ page }) => {
    await page.goto('/#/profile/alice');
    await page.getByRole('link', { name: 'Favorited articles' }).click();
    await expect(page).toHaveURL(/#\/profile\/alice\/favorites$/);
    const list = page.getByRole('list', { name: 'Articles alice favorited' });
    await expect(list.getByRole('link', { name: 'How we run our retrospectives' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Writing a good pull request' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Our on-call handbook' })).toHaveCount(0);
  });

  test('a visitor who favorites is sent to sign in', async ({ page }) => {
    await page.goto('/#/article/lunch-and-learn-sqlite');
    await page.getByRole('button', { name: 'Favorite article (1)', exact: true }).first().click();
    await expect(page).toHaveURL(/#\/login\?redirect=/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

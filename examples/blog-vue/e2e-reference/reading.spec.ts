import { test, expect } from '@playwright/test';

const SEEDED = [
  'Lunch and learn: SQLite',
  'Writing a good pull request',
  'Our on-call handbook',
  'How we run our retrospectives',
  'Welcome to Fieldnotes',
];

test.describe('Reading the blog', () => {
  test('the home page lists the articles newest first, after they load', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('Loading articles…')).toBeVisible();
    const list = page.getByRole('list', { name: 'Articles' });
    const titles = list.getByRole('heading', { level: 2 });
    await expect(titles.first()).toBeVisible();
    // Other tests add their own articles meanwhile: check the seeded ones keep their order.
    const shown = (await titles.allTextContents()).map((title) => title.trim()).filter((title) => SEEDED.includes(title));
    expect(shown).toEqual(SEEDED);
    const sqlite = list.getByRole('listitem').filter({ hasText: 'Lunch and learn: SQLite' });
    await expect(sqlite.getByText("Notes from Bob's talk about the database in your pocket.")).toBeVisible();
    await expect(sqlite.getByRole('link', { name: 'bob' })).toBeVisible();
    await expect(sqlite.getByText('July 1, 2026')).toBeVisible();
  });

  test('a tag narrows the list down, and All articles brings everything back', async ({ page }) => {
    await page.goto('/');
    const tags = page.getByRole('complementary', { name: 'Popular tags' });
    await tags.getByRole('link', { name: '#ops' }).click();
    await expect(page).toHaveURL(/#\/tag\/ops$/);
    const list = page.getByRole('list', { name: 'Articles tagged ops' });
    await expect(list.getByRole('heading', { level: 2 })).toHaveCount(1);
    await expect(list).toContainText('Our on-call handbook');

    await page.getByRole('link', { name: 'All articles' }).click();
    const all = page.getByRole('list', { name: 'Articles' });
    await expect(all.getByRole('link', { name: 'Welcome to Fieldnotes' })).toBeVisible();
    await expect(all.getByRole('link', { name: 'Our on-call handbook' })).toBeVisible();
  });

  test('the process tag lists both process articles', async ({ page }) => {
    await page.goto('/#/tag/process');
    const list = page.getByRole('list', { name: 'Articles tagged process' });
    await expect(list.getByRole('heading', { level: 2 })).toHaveCount(2);
    await expect(list).toContainText('Writing a good pull request');
    await expect(list).toContainText('How we run our retrospectives');
  });

  test('an article shows its text, tags and comments', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'How we run our retrospectives' }).click();
    await expect(page).toHaveURL(/#\/article\/how-we-run-retrospectives$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('How we run our retrospectives');
    await expect(page.getByText('Every second Friday we meet for forty-five minutes')).toBeVisible();
    await expect(page.getByRole('link', { name: '#teamwork' })).toBeVisible();
    const comments = page.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    await expect(comments).toHaveCount(2);
    await expect(comments.nth(0)).toContainText('One action item is the key.');
    await expect(comments.nth(1)).toContainText('Agreed, and the name next to it.');
    await expect(comments.nth(1)).toContainText('alice');
  });

  test('a deleted article shows "Article not found"', async ({ page }) => {
    await page.goto('/#/article/no-such-article');
    await expect(page.getByRole('heading', { name: 'Article not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to all articles' }).click();
    await expect(page.getByRole('heading', { name: 'Fieldnotes', level: 1 })).toBeVisible();
  });

  test('an author profile lists only their articles', async ({ page }) => {
    await page.goto('/#/article/lunch-and-learn-sqlite');
    await page.getByRole('link', { name: 'bob', exact: true }).first().click();
    await expect(page).toHaveURL(/#\/profile\/bob$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('bob');
    await expect(page.getByText('Backend developer; keeps the lights on.')).toBeVisible();
    const list = page.getByRole('list', { name: 'Articles by bob' });
    await expect(list.getByRole('link', { name: 'How we run our retrospectives' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Lunch and learn: SQLite' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Welcome to Fieldnotes' })).toHaveCount(0);
  });
});

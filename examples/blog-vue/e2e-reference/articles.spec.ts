import { test, expect } from '@playwright/test';
import { ALICE, BOB, newAccount, newArticle, signInThroughTheForm, signInWithToken, unique, useToken } from './helpers';

test.describe('Writing articles', () => {
  test('publishing an article with a tag', async ({ page }) => {
    const title = unique('Pairing on Fridays');
    await signInThroughTheForm(page, ALICE);
    await page.getByRole('link', { name: 'New article' }).click();
    await expect(page.getByRole('heading', { name: 'New article' })).toBeVisible();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Summary').fill('A month of pairing, in short');
    await page.getByLabel('Article', { exact: true }).fill('Pairing every Friday afternoon made our reviews faster.');
    // Not "process": the tag page test counts the seeded process articles meanwhile.
    await page.getByLabel('Tags', { exact: true }).fill('pairing');
    await page.getByLabel('Tags', { exact: true }).press('Enter');
    await expect(page.getByRole('list', { name: 'Tags of this article' })).toContainText('#pairing');
    await page.getByRole('button', { name: 'Publish article' }).click();

    await expect(page).toHaveURL(/#\/article\/pairing-on-fridays-/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('Pairing every Friday afternoon made our reviews faster.')).toBeVisible();
    await expect(page.getByRole('link', { name: '#pairing' })).toBeVisible();
    // The author's controls, above and below the article.
    await expect(page.getByRole('link', { name: 'Edit article' })).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Delete article' })).toHaveCount(2);

    await page.getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('list', { name: 'Articles' }).getByRole('heading', { level: 2 }).first()).toHaveText(title);
  });

  test('an article needs a title and a text', async ({ page, request }) => {
    await signInWithToken(page, request, ALICE);
    await page.goto('/#/editor');
    await page.getByRole('button', { name: 'Publish article' }).click();
    const errors = page.getByRole('alert');
    await expect(errors).toContainText('Title can\'t be blank');
    await expect(errors).toContainText('Body can\'t be blank');
    await expect(page).toHaveURL(/#\/editor$/);
  });

  test('the author edits an article', async ({ page, request }) => {
    const author = await newAccount(request);
    const slug = await newArticle(request, author.token, unique('Draft notes'), 'First version.');
    await useToken(page, author.token);
    await page.goto(`/#/article/${slug}`);
    // The lower copy of the button works as well as the upper one.
    await page.getByRole('link', { name: 'Edit article' }).last().click();
    await expect(page.getByRole('heading', { name: 'Edit article' })).toBeVisible();
    await expect(page.getByLabel('Article', { exact: true })).toHaveValue('First version.');
    const title = unique('Final notes');
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Publish article' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('First version.')).toBeVisible();
  });

  test('the author deletes an article after confirming', async ({ page, request }) => {
    const author = await newAccount(request);
    const title = unique('Short-lived');
    const slug = await newArticle(request, author.token, title);
    await useToken(page, author.token);
    await page.goto(`/#/article/${slug}`);

    // Dismissing the question keeps the article.
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.getByRole('button', { name: 'Delete article' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      return dialog.accept();
    });
    await page.getByRole('button', { name: 'Delete article' }).first().click();
    await expect(page).toHaveURL(/#\/$/);
    expect(question).toBe('Delete this article? This cannot be undone.');
    await expect(page.getByRole('link', { name: 'Lunch and learn: SQLite' })).toBeVisible();
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);
    await page.goto(`/#/article/${slug}`);
    await expect(page.getByRole('heading', { name: 'Article not found' })).toBeVisible();
  });

  test("another reader cannot edit or delete someone's article", async ({ page, request }) => {
    await signInWithToken(page, request, BOB);
    await page.goto('/#/article/our-on-call-handbook');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our on-call handbook');
    await expect(page.getByRole('button', { name: /Favorite article/ })).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Edit article' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete article' })).toHaveCount(0);
  });
});

import { test, expect } from '@playwright/test';
import { newAccount, unique, useToken } from './helpers';

test.describe('Comments', () => {
  test('a reader posts a comment and removes it again', async ({ page, request }) => {
    const reader = await newAccount(request);
    await useToken(page, reader.token);
    await page.goto('/#/article/our-on-call-handbook');
    // The comments arrive after the article.
    await expect(page.getByText('Please add the escalation phone numbers.')).toBeVisible();

    const text = unique('Added the escalation numbers to the runbook.');
    const box = page.getByRole('textbox', { name: 'Comment' });
    await box.fill(text);
    await page.getByRole('button', { name: 'Post comment' }).click();
    const mine = page.getByRole('list', { name: 'Comments' }).getByRole('listitem').filter({ hasText: text });
    await expect(mine).toBeVisible();
    await expect(mine.getByRole('link', { name: reader.username })).toBeVisible();
    await expect(box).toHaveValue('');
    // Only one's own comments can be deleted.
    const bobs = page.getByRole('listitem').filter({ hasText: 'Please add the escalation phone numbers.' });
    await expect(bobs.getByRole('button', { name: 'Delete comment' })).toHaveCount(0);

    await page.reload();
    await expect(mine).toBeVisible();
    await mine.getByRole('button', { name: 'Delete comment' }).click();
    await expect(page.getByText(text)).toHaveCount(0);
    await page.reload();
    await expect(page.getByText('Please add the escalation phone numbers.')).toBeVisible();
    await expect(page.getByText(text)).toHaveCount(0);
  });

  test('an empty comment is refused', async ({ page, request }) => {
    const reader = await newAccount(request);
    await useToken(page, reader.token);
    await page.goto('/#/article/our-on-call-handbook');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect(page.getByRole('alert')).toHaveText('Body can\'t be blank');
  });

  test('visitors are invited to sign in instead of commenting', async ({ page }) => {
    await page.goto('/#/article/how-we-run-retrospectives');
    await expect(page.getByText('Sign in or sign up to add comments on this article.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Comment' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Post comment' })).toHaveCount(0);
  });
});

import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const ALICE = { username: 'alice', email: 'alice@example.com', password: 'wonderland-42' };
export const BOB = { username: 'bob', email: 'bob@example.com', password: 'builder-4242' };

let counter = 0;

/** A name no other test (or earlier run) has used: tests share one database. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

/** Sign in through the form, as a reader would. */
export async function signInThroughTheForm(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/#/login');
  await page.getByPlaceholder('Email').fill(who.email);
  await page.getByPlaceholder('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'New article' })).toBeVisible();
}

/** Sign in through the API and hand the token to the app, skipping the form (faster). */
export async function signInWithToken(page: Page, request: APIRequestContext, who: { email: string; password: string }): Promise<void> {
  const response = await request.post('api/users/login', { data: { user: who } });
  expect(response.ok()).toBeTruthy();
  const { user } = await response.json();
  await page.addInitScript((token: string) => window.localStorage.setItem('fieldnotes.token', token), user.token);
}

/** A fresh account, made through the API; returns its details and token. */
export async function newAccount(request: APIRequestContext): Promise<{ username: string; email: string; password: string; token: string }> {
  const username = unique('user');
  const account = { username, email: `${username}@example.com`, password: 'test-pass-123' };
  const response = await request.post('api/users', { data: { user: account } });
  expect(response.status()).toBe(201);
  return { ...account, token: (await response.json()).user.token };
}

/** An article of `token`'s user, made through the API; returns its slug. */
export async function newArticle(request: APIRequestContext, token: string, title: string, body = 'Some text.'): Promise<string> {
  const response = await request.post('api/articles', {
    headers: { Authorization: `Token ${token}` },
    data: { article: { title, description: 'A test article', body, tagList: [] } },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).article.slug;
}

export async function useToken(page: Page, token: string): Promise<void> {
  await page.addInitScript((value: string) => window.localStorage.setItem('fieldnotes.token', value), token);
}

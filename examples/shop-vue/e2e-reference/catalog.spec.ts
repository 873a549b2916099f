import { test, expect } from '@playwright/test';

test.describe('Catalog', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('lists every product by default', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Products' }).getByRole('listitem')).toHaveCount(8);
    await expect(page.getByText('Showing 8 products')).toBeVisible();
  });

  test('search filters products by name as you type', async ({ page }) => {
    const products = page.getByRole('list', { name: 'Products' }).getByRole('listitem');

    await page.getByPlaceholder('Search products').pressSequentially('te');
    // "te" matches Ceramic Teapot, Linen Tea Towel, Scented Candle and Notebook Set.
    await expect(products).toHaveCount(4);

    await page.getByPlaceholder('Search products').pressSequentially('a');
    await expect(products).toHaveCount(2);
    await expect(products.getByRole('link')).toHaveText(['Ceramic Teapot', 'Linen Tea Towel']);

    await page.getByPlaceholder('Search products').fill('BLUE');
    await expect(products.getByRole('link')).toHaveText(['Blue Mug']);
    await expect(page.getByText('Showing 1 product', { exact: true })).toBeVisible();
  });

  test('category select narrows the grid to one category', async ({ page }) => {
    await page.getByLabel('Category').selectOption('Stationery');

    const names = page.getByRole('list', { name: 'Products' }).getByRole('link');
    await expect(names).toHaveText(['Notebook Set', 'Fountain Pen']);
    await expect(page.getByText('Showing 2 products')).toBeVisible();
  });

  test('search and category combine, with an empty state and a way back', async ({ page }) => {
    await page.getByLabel('Category').selectOption('Home');
    await page.getByPlaceholder('Search products').fill('mug');

    await expect(page.getByText('No products match')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Products' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByPlaceholder('Search products')).toHaveValue('');
    await expect(page.getByLabel('Category')).toHaveValue('');
    await expect(page.getByRole('list', { name: 'Products' }).getByRole('listitem')).toHaveCount(8);
  });

  test('clicking a product name opens its product page', async ({ page }) => {
    await page.getByRole('link', { name: 'Ceramic Teapot' }).click();

    await expect(page).toHaveURL(/\/products\/ceramic-teapot$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ceramic Teapot');
    await expect(page.getByText('$34.00')).toBeVisible();
  });
});

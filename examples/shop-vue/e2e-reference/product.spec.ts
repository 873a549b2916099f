import { test, expect } from '@playwright/test';

test.describe('Product page', () => {
  test('shows the product details', async ({ page }) => {
    await page.goto('/products/fountain-pen');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fountain Pen');
    await expect(page.getByText('$28.00')).toBeVisible();
    await expect(page.getByText('A brass fountain pen with a medium steel nib')).toBeVisible();
    await expect(page.getByLabel('Quantity')).toHaveValue('1');
  });

  test('adding to cart confirms with a toast and updates the header badge', async ({ page }) => {
    await page.goto('/products/blue-mug');
    await expect(page.getByTestId('cart-count')).toHaveCount(0);

    await page.getByLabel('Quantity').fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();

    await expect(page.getByRole('status')).toHaveText('Added to cart');
    await expect(page.getByTestId('cart-count')).toHaveText('3');

    // Adding again accumulates on the same line.
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('cart-count')).toHaveText('5');
  });

  test('Add to cart is disabled for a quantity outside 1 to 10', async ({ page }) => {
    await page.goto('/products/desk-lamp');
    const addButton = page.getByRole('button', { name: 'Add to cart' });

    await page.getByLabel('Quantity').fill('0');
    await expect(addButton).toBeDisabled();
    await page.getByLabel('Quantity').fill('11');
    await expect(addButton).toBeDisabled();
    await page.getByLabel('Quantity').fill('10');
    await expect(addButton).toBeEnabled();
  });

  test('an unknown product id shows a not-found message', async ({ page }) => {
    await page.goto('/products/does-not-exist');

    await expect(page.getByRole('heading', { name: 'Product not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to catalog' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

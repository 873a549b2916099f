import { test, expect, type Page } from '@playwright/test';

async function addToCart(page: Page, productId: string, quantity = 1): Promise<void> {
  await page.goto(`/products/${productId}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to cart');
}

test.describe('Cart', () => {
  test('a new visitor sees an empty cart', async ({ page }) => {
    await page.goto('/cart');

    await expect(page.getByText('Your cart is empty')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Proceed to checkout' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Continue shopping' }).click();
    await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  });

  test('plus and minus buttons change the quantity, line total and totals', async ({ page }) => {
    await addToCart(page, 'blue-mug', 2);
    await page.getByRole('link', { name: /^Cart/ }).click();

    const line = page.getByRole('list', { name: 'Cart items' }).getByRole('listitem').filter({ hasText: 'Blue Mug' });
    await expect(line.getByLabel('Quantity of Blue Mug', { exact: true })).toHaveText('2');
    await expect(line.getByText('$24.00')).toBeVisible();

    await page.getByRole('button', { name: 'Increase quantity of Blue Mug' }).click();
    await expect(line.getByLabel('Quantity of Blue Mug', { exact: true })).toHaveText('3');
    await expect(line.getByText('$36.00')).toBeVisible();
    await expect(page.getByTestId('subtotal')).toHaveText('$36.00');
    await expect(page.getByTestId('cart-count')).toHaveText('3');

    await page.getByRole('button', { name: 'Decrease quantity of Blue Mug' }).click();
    await page.getByRole('button', { name: 'Decrease quantity of Blue Mug' }).click();
    await expect(line.getByLabel('Quantity of Blue Mug', { exact: true })).toHaveText('1');
    await expect(page.getByTestId('subtotal')).toHaveText('$12.00');
    // One is the minimum: the minus button stops there.
    await expect(page.getByRole('button', { name: 'Decrease quantity of Blue Mug' })).toBeDisabled();
  });

  test('standard shipping is charged below $50 and free from $50', async ({ page }) => {
    await addToCart(page, 'scented-candle', 2);
    await page.goto('/cart');

    await expect(page.getByTestId('subtotal')).toHaveText('$36.00');
    await expect(page.getByTestId('shipping')).toHaveText('$4.95');
    await expect(page.getByTestId('total')).toHaveText('$40.95');
    await expect(page.getByText('Add $14.00 more for free standard shipping.')).toBeVisible();

    await page.getByRole('button', { name: 'Increase quantity of Scented Candle' }).click();
    await expect(page.getByTestId('subtotal')).toHaveText('$54.00');
    await expect(page.getByTestId('shipping')).toHaveText('Free');
    await expect(page.getByTestId('total')).toHaveText('$54.00');
    await expect(page.getByText('You qualify for free standard shipping.')).toBeVisible();
  });

  test('removing a line drops it from the cart and the totals', async ({ page }) => {
    await addToCart(page, 'blue-mug', 1);
    await addToCart(page, 'fountain-pen', 1);
    await page.goto('/cart');

    const lines = page.getByRole('list', { name: 'Cart items' }).getByRole('listitem');
    await expect(lines).toHaveCount(2);
    await expect(page.getByTestId('subtotal')).toHaveText('$40.00');

    await page.getByRole('button', { name: 'Remove Blue Mug' }).click();
    await expect(lines).toHaveCount(1);
    await expect(lines).toContainText('Fountain Pen');
    await expect(page.getByTestId('subtotal')).toHaveText('$28.00');

    await page.getByRole('button', { name: 'Remove Fountain Pen' }).click();
    await expect(page.getByText('Your cart is empty')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveCount(0);
  });

  test('emptying the cart asks for confirmation first', async ({ page }) => {
    await addToCart(page, 'desk-lamp', 1);
    await page.goto('/cart');

    await page.getByRole('button', { name: 'Empty cart' }).click();
    const dialog = page.getByRole('dialog', { name: 'Empty your cart?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Desk Lamp' })).toBeVisible();

    await page.getByRole('button', { name: 'Empty cart' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove all' }).click();
    await expect(page.getByText('Your cart is empty')).toBeVisible();
  });

  test('the cart survives a page reload', async ({ page }) => {
    await addToCart(page, 'notebook-set', 2);
    await page.goto('/cart');
    await expect(page.getByLabel('Quantity of Notebook Set', { exact: true })).toHaveText('2');

    await page.reload();
    await expect(page.getByLabel('Quantity of Notebook Set', { exact: true })).toHaveText('2');
    await expect(page.getByTestId('cart-count')).toHaveText('2');
  });
});

import { test, expect, type Page } from '@playwright/test';

async function addToCart(page: Page, productId: string, quantity = 1): Promise<void> {
  await page.goto(`/products/${productId}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to cart');
}

async function goToCheckout(page: Page): Promise<void> {
  await page.goto('/cart');
  await page.getByRole('button', { name: 'Proceed to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
}

async function fillValidAddress(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Address').fill('12 Analytical Street');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('N1 9GU');
}

test.describe('Checkout', () => {
  test('checkout with an empty cart sends the shopper back to the cart', async ({ page }) => {
    await page.goto('/checkout');

    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByText('Your cart is empty')).toBeVisible();
  });

  test('submitting an empty form shows an error for every required field', async ({ page }) => {
    await addToCart(page, 'blue-mug');
    await goToCheckout(page);

    await page.getByRole('button', { name: 'Place order' }).click();

    await expect(page.getByRole('alert')).toHaveText('Please fix 5 errors before placing your order.');
    await expect(page.getByLabel('Full name')).toHaveAccessibleDescription('Full name is required');
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Email is required');
    await expect(page.getByLabel('Address')).toHaveAccessibleDescription('Address is required');
    await expect(page.getByLabel('City')).toHaveAccessibleDescription('City is required');
    await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription('Postal code is required');
    await expect(page.getByLabel('Full name')).toBeFocused();
    await expect(page).toHaveURL(/\/checkout$/);
  });

  const invalidFields = [
    { field: 'Email', value: 'ada.example.com', error: 'Email is invalid' },
    { field: 'Postal code', value: '#1', error: 'Postal code is invalid' },
    { field: 'Full name', value: '   ', error: 'Full name is required' },
  ];
  for (const { field, value, error } of invalidFields) {
    test(`rejects "${value}" in ${field} with "${error}"`, async ({ page }) => {
      await addToCart(page, 'blue-mug');
      await goToCheckout(page);
      await fillValidAddress(page);

      await page.getByLabel(field).fill(value);
      await page.getByRole('button', { name: 'Place order' }).click();

      await expect(page.getByRole('alert')).toHaveText('Please fix 1 error before placing your order.');
      await expect(page.getByLabel(field)).toHaveAccessibleDescription(error);
      await expect(page.getByLabel(field)).toHaveAttribute('aria-invalid', 'true');
      await expect(page).toHaveURL(/\/checkout$/);
    });
  }

  test('fixing a field clears its error without resubmitting', async ({ page }) => {
    await addToCart(page, 'blue-mug');
    await goToCheckout(page);
    await fillValidAddress(page);
    await page.getByLabel('Email').fill('ada@');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByText('Email is invalid')).toBeVisible();

    await page.getByLabel('Email').fill('ada@example.com');
    await expect(page.getByText('Email is invalid')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('choosing express shipping updates the order total', async ({ page }) => {
    await addToCart(page, 'blue-mug');
    await goToCheckout(page);

    await expect(page.getByLabel('Standard (3–5 business days)')).toBeChecked();
    await expect(page.getByTestId('shipping')).toHaveText('$4.95');
    await expect(page.getByTestId('total')).toHaveText('$16.95');

    await page.getByLabel('Express (1–2 business days)').check();
    await expect(page.getByTestId('shipping')).toHaveText('$12.00');
    await expect(page.getByTestId('total')).toHaveText('$24.00');
  });
});

test.describe('Order confirmation', () => {
  test('placing a valid order shows the confirmation and empties the cart', async ({ page }) => {
    await addToCart(page, 'ceramic-teapot', 1);
    await addToCart(page, 'linen-tea-towel', 2);
    await goToCheckout(page);
    await fillValidAddress(page);
    await page.getByLabel('Express (1–2 business days)').check();

    await page.getByRole('button', { name: 'Place order' }).click();

    await expect(page).toHaveURL(/\/order\/KC-1001$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your order!');
    await expect(page.getByTestId('order-number')).toHaveText('KC-1001');
    await expect(page.getByText("We've sent a confirmation to ada@example.com.")).toBeVisible();

    const items = page.getByRole('list', { name: 'Items in your order' }).getByRole('listitem');
    await expect(items).toHaveText([/Ceramic Teapot × 1\s*\$34\.00/, /Linen Tea Towel × 2\s*\$19\.00/]);
    await expect(page.getByTestId('subtotal')).toHaveText('$53.00');
    await expect(page.getByTestId('shipping')).toHaveText('$12.00');
    await expect(page.getByTestId('total')).toHaveText('$65.00');

    await expect(page.getByTestId('cart-count')).toHaveCount(0);
  });

  test('the confirmation page stays available after a reload', async ({ page }) => {
    await addToCart(page, 'scented-candle', 1);
    await goToCheckout(page);
    await fillValidAddress(page);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByTestId('order-number')).toHaveText('KC-1001');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Thank you for your order!' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Items in your order' })).toContainText('Scented Candle × 1');
  });

  test('an unknown order number shows "Order not found"', async ({ page }) => {
    await page.goto('/order/KC-9999');

    await expect(page.getByRole('heading', { name: 'Order not found' })).toBeVisible();
    await expect(page.getByText('We couldn\'t find an order with the number KC-9999.')).toBeVisible();
  });
});

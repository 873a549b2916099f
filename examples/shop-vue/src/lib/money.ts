const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Formats an amount in cents, e.g. 1250 -> "$12.50". */
export function formatPrice(cents: number): string {
  return formatter.format(cents / 100);
}

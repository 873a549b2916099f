// Shipping rules shared by the cart (estimate) and the checkout (chosen method).

export type ShippingMethod = 'standard' | 'express';

export const FREE_SHIPPING_THRESHOLD = 5000;
export const STANDARD_SHIPPING_COST = 495;
export const EXPRESS_SHIPPING_COST = 1200;

export interface ShippingOption {
  value: ShippingMethod;
  label: string;
}

export const shippingOptions: ShippingOption[] = [
  { value: 'standard', label: 'Standard (3–5 business days)' },
  { value: 'express', label: 'Express (1–2 business days)' },
];

/** Standard shipping is free from $50; express always costs the same. */
export function shippingCost(method: ShippingMethod, subtotal: number): number {
  if (method === 'express') {
    return EXPRESS_SHIPPING_COST;
  }
  return subtotal >= FREE_SHIPPING_THRESHOLD ? 0 : STANDARD_SHIPPING_COST;
}

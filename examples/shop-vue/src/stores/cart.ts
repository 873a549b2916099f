import { computed, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { findProduct, type Product } from '../data/products';
import { shippingCost, type ShippingMethod } from '../lib/shipping';
import { loadJson, saveJson } from '../lib/storage';

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 10;
const STORAGE_KEY = 'kettle-co.cart';

interface CartItem {
  productId: string;
  quantity: number;
}

export interface CartLine {
  product: Product;
  quantity: number;
  lineTotal: number;
}

function clampQuantity(quantity: number): number {
  return Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, quantity));
}

export const useCartStore = defineStore('cart', () => {
  const items = ref<CartItem[]>(loadJson<CartItem[]>(STORAGE_KEY, []));

  // Persist every change so the cart survives a reload.
  watch(items, (value) => saveJson(STORAGE_KEY, value), { deep: true });

  const lines = computed<CartLine[]>(() =>
    items.value.flatMap((item) => {
      const product = findProduct(item.productId);
      if (!product) {
        return [];
      }
      return [{ product, quantity: item.quantity, lineTotal: product.price * item.quantity }];
    }),
  );

  const itemCount = computed(() => items.value.reduce((sum, item) => sum + item.quantity, 0));

  const subtotal = computed(() => lines.value.reduce((sum, line) => sum + line.lineTotal, 0));

  const isEmpty = computed(() => items.value.length === 0);

  function shippingFor(method: ShippingMethod): number {
    return shippingCost(method, subtotal.value);
  }

  function addItem(productId: string, quantity: number): void {
    const existing = items.value.find((item) => item.productId === productId);
    if (existing) {
      existing.quantity = clampQuantity(existing.quantity + quantity);
    } else {
      items.value.push({ productId, quantity: clampQuantity(quantity) });
    }
  }

  function setQuantity(productId: string, quantity: number): void {
    const item = items.value.find((entry) => entry.productId === productId);
    if (item) {
      item.quantity = clampQuantity(quantity);
    }
  }

  function removeItem(productId: string): void {
    items.value = items.value.filter((item) => item.productId !== productId);
  }

  function clear(): void {
    items.value = [];
  }

  return { items, lines, itemCount, subtotal, isEmpty, shippingFor, addItem, setQuantity, removeItem, clear };
});

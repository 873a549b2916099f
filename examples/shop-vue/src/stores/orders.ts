import { ref, watch } from 'vue';
import { defineStore } from 'pinia';
import type { CheckoutForm } from '../lib/checkoutValidation';
import type { ShippingMethod } from '../lib/shipping';
import { loadJson, saveJson } from '../lib/storage';

const STORAGE_KEY = 'kettle-co.orders';
const FIRST_ORDER_NUMBER = 1001;

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  lineTotal: number;
}

export interface Order {
  id: string;
  customer: CheckoutForm;
  shippingMethod: ShippingMethod;
  lines: OrderLine[];
  subtotal: number;
  shipping: number;
  total: number;
  placedAt: string;
}

export type NewOrder = Omit<Order, 'id' | 'placedAt'>;

export const useOrdersStore = defineStore('orders', () => {
  const orders = ref<Order[]>(loadJson<Order[]>(STORAGE_KEY, []));

  watch(orders, (value) => saveJson(STORAGE_KEY, value), { deep: true });

  function nextOrderId(): string {
    return `KC-${FIRST_ORDER_NUMBER + orders.value.length}`;
  }

  /** Stores the order and returns its id (e.g. "KC-1001"). */
  function placeOrder(order: NewOrder): string {
    const id = nextOrderId();
    orders.value.push({ ...order, id, placedAt: new Date().toISOString() });
    return id;
  }

  function findOrder(id: string): Order | undefined {
    return orders.value.find((order) => order.id === id);
  }

  return { orders, placeOrder, findOrder };
});

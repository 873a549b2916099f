import { createRouter, createWebHistory } from 'vue-router';
import StoreLayout from '../views/StoreLayout.vue';
import CatalogView from '../views/CatalogView.vue';
import ProductView from '../views/ProductView.vue';
import CartView from '../views/CartView.vue';
import CheckoutView from '../views/CheckoutView.vue';
import OrderConfirmationView from '../views/OrderConfirmationView.vue';
import NotFoundView from '../views/NotFoundView.vue';
import { useCartStore } from '../stores/cart';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      // Every page shares the header and footer of the store layout.
      path: '/',
      component: StoreLayout,
      children: [
        { path: '', name: 'catalog', component: CatalogView, meta: { title: 'Catalog' } },
        { path: 'products/:id', name: 'product', component: ProductView, props: true, meta: { title: 'Product' } },
        { path: 'cart', name: 'cart', component: CartView, meta: { title: 'Cart' } },
        {
          path: 'checkout',
          name: 'checkout',
          component: CheckoutView,
          meta: { title: 'Checkout' },
          // There is nothing to check out with an empty cart.
          beforeEnter: () => {
            const cart = useCartStore();
            return cart.isEmpty ? { name: 'cart' } : true;
          },
        },
        {
          path: 'order/:orderId',
          name: 'order-confirmation',
          component: OrderConfirmationView,
          props: true,
          meta: { title: 'Order confirmation' },
        },
        { path: ':pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Page not found' } },
      ],
    },
  ],
  scrollBehavior: () => ({ top: 0 }),
});

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} · Kettle & Co.` : 'Kettle & Co.';
});

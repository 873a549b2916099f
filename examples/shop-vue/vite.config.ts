import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `npm run dev -- --port 6123` overrides the port; strictPort makes a clash fail loudly.
export default defineConfig({
  plugins: [vue()],
  server: {
    host: '127.0.0.1',
    port: 5174,
    strictPort: true,
  },
  preview: {
    host: '127.0.0.1',
    port: 4174,
  },
});

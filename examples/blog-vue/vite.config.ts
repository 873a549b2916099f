import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The API (api/server.py, `npm run api`) listens on 8799 unless told otherwise; specwalk passes the
// port it started it on as API_PORT. The browser only ever talks to this server: /api is proxied.
const apiPort = process.env.API_PORT ?? '8799';

// `npm run dev -- --port 6123` overrides the port; strictPort makes a clash fail loudly.
export default defineConfig({
  plugins: [vue()],
  server: {
    host: '127.0.0.1',
    port: 5176,
    strictPort: true,
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4176,
  },
});

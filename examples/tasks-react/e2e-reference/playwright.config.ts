import { defineConfig } from '@playwright/test';
// The specwalk test-suite starts the app itself and passes its URL; standalone runs start it here.
const baseURL = process.env.SPECWALK_BASE_URL ?? 'http://127.0.0.1:5173/';
const executablePath = process.env.SPECWALK_BROWSER || undefined;
export default defineConfig({
  testDir: '.',
  timeout: 15_000,
  expect: { timeout: 5_000 },
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: process.env.SPECWALK_BASE_URL ? undefined : { command: 'npm run dev', url: baseURL, reuseExistingServer: true },
});

import { defineConfig } from '@playwright/test';
// The specwalk test-suite starts the app (and its API) itself and passes its URL; standalone runs
// start both here.
const baseURL = process.env.SPECWALK_BASE_URL ?? 'http://127.0.0.1:5176/';
const executablePath = process.env.SPECWALK_BROWSER || undefined;
export default defineConfig({
  testDir: '.',
  // The demo content is restored once; the tests then create what they change (their own users
  // and articles), so they can run side by side.
  globalSetup: './global-setup.ts',
  timeout: 20_000,
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
  webServer: process.env.SPECWALK_BASE_URL
    ? undefined
    : [
        { command: 'npm run api', url: 'http://127.0.0.1:8799/api/health', reuseExistingServer: true },
        { command: 'npm run dev', url: baseURL, reuseExistingServer: true },
      ],
});

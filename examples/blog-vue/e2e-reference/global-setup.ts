import { request, type FullConfig } from '@playwright/test';

// Back to the seed: through the dev server's /api proxy, so it reaches whichever API the app uses.
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL ?? 'http://127.0.0.1:5176/';
  const context = await request.newContext({ baseURL });
  const response = await context.post('api/reset');
  if (!response.ok()) throw new Error(`resetting the demo data failed: ${response.status()} ${await response.text()}`);
  await context.dispose();
}

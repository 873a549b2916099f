/**
 * Demo build: there is no backend, so the single account is checked on the
 * client. Replace with a call to the real auth API before shipping.
 */
const DEMO_ACCOUNT = { username: 'admin', password: 'password123' };

export const MIN_PASSWORD_LENGTH = 8;

export function checkCredentials(username: string, password: string): boolean {
  return username === DEMO_ACCOUNT.username && password === DEMO_ACCOUNT.password;
}

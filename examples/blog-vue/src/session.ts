// Who is signed in. The token survives reloads in localStorage; the user behind it is fetched
// again on start, so the header shows the signed-in links only once the API has answered.
import { computed, ref } from 'vue';
import { ApiError, api, saveToken, savedToken } from './api/client';
import type { User } from './api/types';

const user = ref<User | null>(null);
const restoring = ref(false);

export function useSession() {
  return {
    user,
    restoring,
    signedIn: computed(() => user.value !== null),
  };
}

export function startSession(signed: User): void {
  saveToken(signed.token ?? null);
  user.value = signed;
}

export function endSession(): void {
  saveToken(null);
  user.value = null;
}

export async function restoreSession(): Promise<void> {
  if (!savedToken()) return;
  restoring.value = true;
  try {
    user.value = await api.currentUser();
  } catch (error) {
    // A token the API no longer knows (the database was reset) just means "signed out".
    if (error instanceof ApiError && error.status === 401) endSession();
    else throw error;
  } finally {
    restoring.value = false;
  }
}

/** Resolves once a stored token has been checked, so guards can tell signed-in from not yet known. */
export function sessionReady(): Promise<void> {
  return restorePromise;
}

let restorePromise: Promise<void> = Promise.resolve();

export function beginRestore(): void {
  restorePromise = restoreSession().catch(() => undefined);
}

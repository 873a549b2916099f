// Tiny helpers around localStorage so stores can persist themselves.

export function loadJson<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function saveJson(key: string, value: unknown): void {
  window.localStorage.setItem(key, JSON.stringify(value));
}

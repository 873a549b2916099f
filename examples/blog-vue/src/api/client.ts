// A thin fetch wrapper: JSON in and out, the session token in the Authorization header, and the
// API's `{"errors": {"field": ["message"]}}` turned into an ApiError the forms can show.
import type { Article, ArticleDraft, Comment, Profile, User } from './types';

const TOKEN_KEY = 'fieldnotes.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Record<string, string[]>,
  ) {
    super(`API answered ${status}`);
  }

  /** "Username has already been taken", one sentence per message. */
  get messages(): string[] {
    return Object.entries(this.errors).flatMap(([field, problems]) =>
      problems.map((problem) => {
        const sentence = `${field} ${problem}`;
        return sentence.charAt(0).toUpperCase() + sentence.slice(1);
      }),
    );
  }
}

export function savedToken(): string | null {
  return window.localStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string | null): void {
  if (token) window.localStorage.setItem(TOKEN_KEY, token);
  else window.localStorage.removeItem(TOKEN_KEY);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = savedToken();
  if (token) headers.Authorization = `Token ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, data.errors ?? { request: [`failed with status ${response.status}`] });
  }
  return data as T;
}

export const api = {
  signUp: (username: string, email: string, password: string) =>
    request<{ user: User }>('POST', '/users', { user: { username, email, password } }).then((r) => r.user),
  signIn: (email: string, password: string) =>
    request<{ user: User }>('POST', '/users/login', { user: { email, password } }).then((r) => r.user),
  currentUser: () => request<{ user: User }>('GET', '/user').then((r) => r.user),

  articles: (filter: { tag?: string; author?: string; favorited?: string } = {}) => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
    const suffix = query.toString() ? `?${query}` : '';
    return request<{ articles: Article[] }>('GET', `/articles${suffix}`).then((r) => r.articles);
  },
  tags: () => request<{ tags: string[] }>('GET', '/tags').then((r) => r.tags),
  profile: (username: string) =>
    request<{ profile: Profile }>('GET', `/profiles/${encodeURIComponent(username)}`).then((r) => r.profile),

  article: (slug: string) => request<{ article: Article }>('GET', `/articles/${slug}`).then((r) => r.article),
  createArticle: (draft: ArticleDraft) =>
    request<{ article: Article }>('POST', '/articles', { article: draft }).then((r) => r.article),
  updateArticle: (slug: string, draft: ArticleDraft) =>
    request<{ article: Article }>('PUT', `/articles/${slug}`, { article: draft }).then((r) => r.article),
  deleteArticle: (slug: string) => request<void>('DELETE', `/articles/${slug}`),
  favorite: (slug: string) => request<{ article: Article }>('POST', `/articles/${slug}/favorite`).then((r) => r.article),
  unfavorite: (slug: string) =>
    request<{ article: Article }>('DELETE', `/articles/${slug}/favorite`).then((r) => r.article),

  comments: (slug: string) => request<{ comments: Comment[] }>('GET', `/articles/${slug}/comments`).then((r) => r.comments),
  addComment: (slug: string, body: string) =>
    request<{ comment: Comment }>('POST', `/articles/${slug}/comments`, { comment: { body } }).then((r) => r.comment),
  deleteComment: (slug: string, id: number) => request<void>('DELETE', `/articles/${slug}/comments/${id}`),
};

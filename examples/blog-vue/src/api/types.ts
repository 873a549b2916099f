export interface User {
  username: string;
  email: string;
  bio: string;
  token?: string;
}

export interface Profile {
  username: string;
  bio: string;
}

export interface Article {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: Profile;
}

export interface Comment {
  id: number;
  body: string;
  createdAt: string;
  author: { username: string };
}

export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

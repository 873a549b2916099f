"""Fieldnotes API: the team blog's REST API, on Python's standard library and SQLite.

    python3 api/server.py [--port 8799] [--db api/fieldnotes.db] [--delay 0.4]

The database file is created from the seed (api/seed.py) when the server starts, and restored
to it by `POST /api/reset`, so every test run starts from the same articles, users and comments.
List and article reads wait `--delay` seconds first, like a real API over a real network: the
front-end has to cope with content that arrives after the page.

Auth is a token (`Authorization: Token <token>`) handed out by sign-up and sign-in, as in the
RealWorld "Conduit" API this one is modelled on. Errors are `{"errors": {"field": ["message"]}}`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import seed

HERE = Path(__file__).resolve().parent
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  bio TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  body TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (article_id, name)
);
CREATE TABLE IF NOT EXISTS favorites (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, user_id)
);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
"""
MIN_PASSWORD = 8


class ApiError(Exception):
    def __init__(self, status: HTTPStatus, errors: dict[str, list[str]]) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "article"


class Store:
    """The database: one connection, one lock (a small app; reads wait their delay outside it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.executescript(SCHEMA)

    def reset(self) -> None:
        """Every table back to the seed, ids from 1 again (the caller holds the lock)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("comments", "favorites", "tags", "articles", "tokens", "users"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            db.execute("DELETE FROM sqlite_sequence")
            seed.load(db)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    # -- reads --------------------------------------------------------------------------------

    def user_for_token(self, token: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.db.execute(
            "SELECT users.* FROM tokens JOIN users ON users.id = tokens.user_id WHERE token = ?", (token,)
        ).fetchone()
        return row

    def article_json(self, row: sqlite3.Row, viewer: sqlite3.Row | None) -> dict[str, Any]:
        db = self.db
        tags = [
            t["name"] for t in db.execute("SELECT name FROM tags WHERE article_id = ? ORDER BY position", (row["id"],))
        ]
        count = db.execute("SELECT COUNT(*) FROM favorites WHERE article_id = ?", (row["id"],)).fetchone()[0]
        favorited = viewer is not None and (
            db.execute(
                "SELECT 1 FROM favorites WHERE article_id = ? AND user_id = ?", (row["id"], viewer["id"])
            ).fetchone()
            is not None
        )
        author = db.execute("SELECT username, bio FROM users WHERE id = ?", (row["author_id"],)).fetchone()
        return {
            "slug": row["slug"],
            "title": row["title"],
            "description": row["description"],
            "body": row["body"],
            "tagList": tags,
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "favorited": favorited,
            "favoritesCount": count,
            "author": {"username": author["username"], "bio": author["bio"]},
        }

    def article_row(self, slug: str) -> sqlite3.Row:
        row: sqlite3.Row | None = self.db.execute("SELECT * FROM articles WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise ApiError(HTTPStatus.NOT_FOUND, {"article": ["not found"]})
        return row


def user_json(row: sqlite3.Row, token: str | None = None) -> dict[str, Any]:
    user = {"username": row["username"], "email": row["email"], "bio": row["bio"]}
    if token is not None:
        user["token"] = token
    return {"user": user}


def require(body: dict[str, Any], *fields: str) -> dict[str, str]:
    """The named string fields of a JSON body, trimmed; a missing or blank one is a 422."""
    values = {name: str(body.get(name) or "").strip() for name in fields}
    blank = {name: ["can't be blank"] for name, value in values.items() if not value}
    if blank:
        raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, blank)
    return values


Route = tuple[str, re.Pattern[str], Callable[..., tuple[HTTPStatus, Any]]]


class Api:
    """The endpoints; each returns (status, JSON body) or raises ApiError."""

    def __init__(self, store: Store, delay: float) -> None:
        self.store = store
        self.delay = delay
        self.routes: list[Route] = [
            ("GET", re.compile(r"/api/health"), self.health),
            ("POST", re.compile(r"/api/reset"), self.reset),
            ("POST", re.compile(r"/api/users"), self.sign_up),
            ("POST", re.compile(r"/api/users/login"), self.sign_in),
            ("GET", re.compile(r"/api/user"), self.current_user),
            ("GET", re.compile(r"/api/tags"), self.tags),
            ("GET", re.compile(r"/api/profiles/(?P<username>[^/]+)"), self.profile),
            ("GET", re.compile(r"/api/articles"), self.list_articles),
            ("POST", re.compile(r"/api/articles"), self.create_article),
            ("GET", re.compile(r"/api/articles/(?P<slug>[^/]+)"), self.get_article),
            ("PUT", re.compile(r"/api/articles/(?P<slug>[^/]+)"), self.update_article),
            ("DELETE", re.compile(r"/api/articles/(?P<slug>[^/]+)"), self.delete_article),
            ("POST", re.compile(r"/api/articles/(?P<slug>[^/]+)/favorite"), self.favorite),
            ("DELETE", re.compile(r"/api/articles/(?P<slug>[^/]+)/favorite"), self.unfavorite),
            ("GET", re.compile(r"/api/articles/(?P<slug>[^/]+)/comments"), self.comments),
            ("POST", re.compile(r"/api/articles/(?P<slug>[^/]+)/comments"), self.add_comment),
            ("DELETE", re.compile(r"/api/articles/(?P<slug>[^/]+)/comments/(?P<cid>\d+)"), self.delete_comment),
        ]

    def slow(self) -> None:
        if self.delay > 0:
            time.sleep(self.delay)

    @staticmethod
    def signed_in(viewer: sqlite3.Row | None) -> sqlite3.Row:
        if viewer is None:
            raise ApiError(HTTPStatus.UNAUTHORIZED, {"token": ["is missing or has expired; sign in again"]})
        return viewer

    # -- endpoints ----------------------------------------------------------------------------

    def health(self, **_: Any) -> tuple[HTTPStatus, Any]:
        return HTTPStatus.OK, {"ok": True}

    def reset(self, **_: Any) -> tuple[HTTPStatus, Any]:
        self.store.reset()
        return HTTPStatus.OK, {"ok": True}

    def sign_up(self, body: dict[str, Any], **_: Any) -> tuple[HTTPStatus, Any]:
        fields = require(body.get("user") or {}, "username", "email", "password")
        errors: dict[str, list[str]] = {}
        db = self.store.db
        if db.execute("SELECT 1 FROM users WHERE username = ?", (fields["username"],)).fetchone():
            errors["username"] = ["has already been taken"]
        if db.execute("SELECT 1 FROM users WHERE email = ?", (fields["email"].lower(),)).fetchone():
            errors["email"] = ["has already been taken"]
        if len(fields["password"]) < MIN_PASSWORD:
            errors["password"] = [f"is too short (minimum is {MIN_PASSWORD} characters)"]
        if errors:
            raise ApiError(HTTPStatus.UNPROCESSABLE_ENTITY, errors)
        cursor = db.execute(
            "INSERT INTO users (username, email, password_hash) VALUES (?, ?, ?)",
            (fields["username"], fields["email"].lower(), seed.hash_password(fields["password"])),
        )
        token = secrets.token_hex(20)
        db.execute("INSERT INTO tokens (token, user_id) VALUES (?, ?)", (token, cursor.lastrowid))
        row = db.execute("SELECT * FROM users WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return HTTPStatus.CREATED, user_json(row, token)

    def sign_in(self, body: dict[str, Any], **_: Any) -> tuple[HTTPStatus, Any]:
        fields = require(body.get("user") or {}, "email", "password")
        db = self.store.db
        row = db.execute("SELECT * FROM users WHERE email = ?", (fields["email"].lower(),)).fetchone()
        if row is None or not seed.check_password(fields["password"], row["password_hash"]):
            raise ApiError(HTTPStatus.UNAUTHORIZED, {"email or password": ["is invalid"]})
        token = secrets.token_hex(20)
        db.execute("INSERT INTO tokens (token, user_id) VALUES (?, ?)", (token, row["id"]))
        return HTTPStatus.OK, user_json(row, token)

    def current_user(self, viewer: sqlite3.Row | None, token: str, **_: Any) -> tuple[HTTPStatus, Any]:
        return HTTPStatus.OK, user_json(self.signed_in(viewer), token)

    def tags(self, **_: Any) -> tuple[HTTPStatus, Any]:
        rows = self.store.db.execute("SELECT name, COUNT(*) AS n FROM tags GROUP BY name ORDER BY n DESC, name")
        return HTTPStatus.OK, {"tags": [row["name"] for row in rows]}

    def profile(self, username: str, **_: Any) -> tuple[HTTPStatus, Any]:
        row = self.store.db.execute("SELECT username, bio FROM users WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise ApiError(HTTPStatus.NOT_FOUND, {"profile": ["not found"]})
        return HTTPStatus.OK, {"profile": {"username": row["username"], "bio": row["bio"]}}

    def list_articles(self, query: dict[str, str], viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        sql = "SELECT DISTINCT articles.* FROM articles JOIN users AS author ON author.id = articles.author_id"
        where: list[str] = []
        args: list[Any] = []
        if query.get("tag"):
            sql += " JOIN tags ON tags.article_id = articles.id"
            where.append("tags.name = ?")
            args.append(query["tag"])
        if query.get("author"):
            where.append("author.username = ?")
            args.append(query["author"])
        if query.get("favorited"):
            sql += (
                " JOIN favorites ON favorites.article_id = articles.id JOIN users AS fan ON fan.id = favorites.user_id"
            )
            where.append("fan.username = ?")
            args.append(query["favorited"])
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY articles.created_at DESC, articles.id DESC"
        rows = self.store.db.execute(sql, args).fetchall()
        articles = [self.store.article_json(row, viewer) for row in rows]
        return HTTPStatus.OK, {"articles": articles, "articlesCount": len(articles)}

    def get_article(self, slug: str, viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        return HTTPStatus.OK, {"article": self.store.article_json(self.store.article_row(slug), viewer)}

    def create_article(self, body: dict[str, Any], viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        author = self.signed_in(viewer)
        data = body.get("article") or {}
        fields = require(data, "title", "body")
        db = self.store.db
        base = slugify(fields["title"])
        slug, number = base, 1
        while db.execute("SELECT 1 FROM articles WHERE slug = ?", (slug,)).fetchone():
            number += 1
            slug = f"{base}-{number}"
        stamp = now()
        cursor = db.execute(
            "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                slug,
                fields["title"],
                str(data.get("description") or "").strip(),
                fields["body"],
                author["id"],
                stamp,
                stamp,
            ),
        )
        self._set_tags(int(cursor.lastrowid or 0), data.get("tagList") or [])
        return HTTPStatus.CREATED, {"article": self.store.article_json(self.store.article_row(slug), author)}

    def _owned(self, slug: str, viewer: sqlite3.Row | None) -> tuple[sqlite3.Row, sqlite3.Row]:
        user = self.signed_in(viewer)
        row = self.store.article_row(slug)
        if row["author_id"] != user["id"]:
            raise ApiError(HTTPStatus.FORBIDDEN, {"article": ["can only be changed by its author"]})
        return row, user

    def update_article(
        self, slug: str, body: dict[str, Any], viewer: sqlite3.Row | None, **_: Any
    ) -> tuple[HTTPStatus, Any]:
        row, user = self._owned(slug, viewer)
        data = body.get("article") or {}
        fields = require({"title": row["title"], "body": row["body"], **data}, "title", "body")
        description = str(data.get("description", row["description"]) or "").strip()
        self.store.db.execute(
            "UPDATE articles SET title = ?, description = ?, body = ?, updated_at = ? WHERE id = ?",
            (fields["title"], description, fields["body"], now(), row["id"]),
        )
        if "tagList" in data:
            self._set_tags(row["id"], data.get("tagList") or [])
        return HTTPStatus.OK, {"article": self.store.article_json(self.store.article_row(slug), user)}

    def delete_article(self, slug: str, viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        row, _user = self._owned(slug, viewer)
        self.store.db.execute("DELETE FROM articles WHERE id = ?", (row["id"],))
        return HTTPStatus.NO_CONTENT, None

    def _set_tags(self, article_id: int, tags: list[Any]) -> None:
        db = self.store.db
        db.execute("DELETE FROM tags WHERE article_id = ?", (article_id,))
        names = list(dict.fromkeys(str(tag).strip().lower() for tag in tags if str(tag).strip()))
        for position, name in enumerate(names):
            db.execute("INSERT INTO tags (article_id, name, position) VALUES (?, ?, ?)", (article_id, name, position))

    def favorite(self, slug: str, viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        user = self.signed_in(viewer)
        row = self.store.article_row(slug)
        self.store.db.execute(
            "INSERT OR IGNORE INTO favorites (article_id, user_id) VALUES (?, ?)", (row["id"], user["id"])
        )
        return HTTPStatus.OK, {"article": self.store.article_json(row, user)}

    def unfavorite(self, slug: str, viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        user = self.signed_in(viewer)
        row = self.store.article_row(slug)
        self.store.db.execute("DELETE FROM favorites WHERE article_id = ? AND user_id = ?", (row["id"], user["id"]))
        return HTTPStatus.OK, {"article": self.store.article_json(row, user)}

    def comments(self, slug: str, **_: Any) -> tuple[HTTPStatus, Any]:
        row = self.store.article_row(slug)
        rows = self.store.db.execute(
            "SELECT comments.*, users.username FROM comments JOIN users ON users.id = comments.author_id"
            " WHERE article_id = ? ORDER BY comments.id",
            (row["id"],),
        )
        return HTTPStatus.OK, {"comments": [comment_json(comment) for comment in rows]}

    def add_comment(
        self, slug: str, body: dict[str, Any], viewer: sqlite3.Row | None, **_: Any
    ) -> tuple[HTTPStatus, Any]:
        user = self.signed_in(viewer)
        row = self.store.article_row(slug)
        text = require(body.get("comment") or {}, "body")["body"]
        cursor = self.store.db.execute(
            "INSERT INTO comments (article_id, author_id, body, created_at) VALUES (?, ?, ?, ?)",
            (row["id"], user["id"], text, now()),
        )
        comment = self.store.db.execute(
            "SELECT comments.*, users.username FROM comments JOIN users ON users.id = comments.author_id"
            " WHERE comments.id = ?",
            (cursor.lastrowid,),
        ).fetchone()
        return HTTPStatus.CREATED, {"comment": comment_json(comment)}

    def delete_comment(self, slug: str, cid: str, viewer: sqlite3.Row | None, **_: Any) -> tuple[HTTPStatus, Any]:
        user = self.signed_in(viewer)
        article = self.store.article_row(slug)
        comment = self.store.db.execute(
            "SELECT * FROM comments WHERE id = ? AND article_id = ?", (int(cid), article["id"])
        ).fetchone()
        if comment is None:
            raise ApiError(HTTPStatus.NOT_FOUND, {"comment": ["not found"]})
        if comment["author_id"] != user["id"]:
            raise ApiError(HTTPStatus.FORBIDDEN, {"comment": ["can only be deleted by its author"]})
        self.store.db.execute("DELETE FROM comments WHERE id = ?", (comment["id"],))
        return HTTPStatus.NO_CONTENT, None


def comment_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "body": row["body"],
        "createdAt": row["created_at"],
        "author": {"username": row["username"]},
    }


class Handler(BaseHTTPRequestHandler):
    api: Api  # set on the subclass made by serve()
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        print(format % args, flush=True)  # to stdout: specwalk keeps it in .specwalk/logs/api.log

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_PUT(self) -> None:
        self.dispatch()

    def do_DELETE(self) -> None:
        self.dispatch()

    def dispatch(self) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path).rstrip("/") or "/"
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        try:
            body = self.read_body()
            handler, params = self.route(path)
            if self.command == "GET" and path != "/api/health":
                self.api.slow()  # outside the lock: other requests go on meanwhile
            token = self.token()
            with self.api.store.lock:
                viewer = self.api.store.user_for_token(token) if token else None
                status, payload = handler(body=body, query=query, viewer=viewer, token=token, **params)
        except ApiError as exc:
            status, payload = exc.status, {"errors": exc.errors}
        self.reply(status, payload)

    def route(self, path: str) -> tuple[Callable[..., tuple[HTTPStatus, Any]], dict[str, str]]:
        allowed = False
        for method, pattern, handler in self.api.routes:
            match = pattern.fullmatch(path)
            if match:
                allowed = True
                if method == self.command:
                    return handler, match.groupdict()
        if allowed:
            raise ApiError(HTTPStatus.METHOD_NOT_ALLOWED, {"method": [f"{self.command} is not allowed here"]})
        raise ApiError(HTTPStatus.NOT_FOUND, {"path": [f"{path} is not an API endpoint"]})

    def read_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        try:
            data = json.loads(self.rfile.read(length))
        except ValueError as exc:
            raise ApiError(HTTPStatus.BAD_REQUEST, {"body": ["is not JSON"]}) from exc
        if not isinstance(data, dict):
            raise ApiError(HTTPStatus.BAD_REQUEST, {"body": ["must be a JSON object"]})
        return data

    def token(self) -> str:
        header = self.headers.get("Authorization") or ""
        scheme, _, value = header.partition(" ")
        return value.strip() if scheme in ("Token", "Bearer") else ""

    def reply(self, status: HTTPStatus, payload: Any) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        try:
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the page went away before the (delayed) answer: nobody to tell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8799))
    parser.add_argument("--db", type=Path, default=HERE / "fieldnotes.db", help="the SQLite database file")
    parser.add_argument("--delay", type=float, default=0.4, help="seconds every read waits, like a network")
    args = parser.parse_args()
    store = Store(args.db)
    store.reset()  # every start is a fresh, seeded database
    handler = type("BoundHandler", (Handler,), {"api": Api(store, args.delay)})
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"Fieldnotes API on http://127.0.0.1:{args.port}/api (database {args.db})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()

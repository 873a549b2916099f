"""The seed: the users, articles, tags, favorites and comments every fresh database starts with.

Test accounts (see the README): alice@example.com / wonderland-42, bob@example.com /
builder-4242, carol@example.com / carolina-7.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import sqlite3

_ITERATIONS = 120_000

USERS = (
    ("alice", "alice@example.com", "wonderland-42", "Engineering manager. Writes about how the team works."),
    ("bob", "bob@example.com", "builder-4242", "Backend developer; keeps the lights on."),
    ("carol", "carol@example.com", "carolina-7", "Front-end developer and pull-request reviewer."),
)

# slug, title, description, body paragraphs, author, created, tags, favorited by
ARTICLES = (
    (
        "welcome-to-fieldnotes",
        "Welcome to Fieldnotes",
        "Why we started a team blog, and what belongs here.",
        (
            "Fieldnotes is where we write down what we learn while building things together.",
            "Post anything a teammate could use next month: a war story, a checklist, a tool you like.",
        ),
        "alice",
        "2026-03-02T09:00:00.000Z",
        ("welcome",),
        ("bob", "carol"),
    ),
    (
        "how-we-run-retrospectives",
        "How we run our retrospectives",
        "Forty-five minutes, three questions, one action item.",
        (
            "Every second Friday we meet for forty-five minutes and answer three questions: what went well, "
            "what did not, and what we will try next.",
            "The rule that made the difference: we leave with exactly one action item and a name next to it.",
        ),
        "bob",
        "2026-04-14T15:30:00.000Z",
        ("process", "teamwork"),
        ("alice",),
    ),
    (
        "our-on-call-handbook",
        "Our on-call handbook",
        "What to do when the pager goes off at 3 a.m.",
        (
            "First, acknowledge the page so nobody else gets woken up.",
            "Then open the runbook for the alert, and write down what you see before you change anything.",
        ),
        "alice",
        "2026-05-20T08:15:00.000Z",
        ("ops",),
        (),
    ),
    (
        "writing-a-good-pull-request",
        "Writing a good pull request",
        "Small, described, and easy to say yes to.",
        (
            "A reviewer should understand why the change exists from the first paragraph of the description.",
            "Keep it small: two hundred changed lines is a good upper bound.",
        ),
        "carol",
        "2026-06-08T11:45:00.000Z",
        ("engineering", "process"),
        ("alice", "bob"),
    ),
    (
        "lunch-and-learn-sqlite",
        "Lunch and learn: SQLite",
        "Notes from Bob's talk about the database in your pocket.",
        (
            "SQLite is a library, not a server: the whole database is one file.",
            "It is the right choice far more often than we think, tests included.",
        ),
        "bob",
        "2026-07-01T12:00:00.000Z",
        ("engineering",),
        ("carol",),
    ),
)

# article slug, author, body, created
COMMENTS = (
    (
        "how-we-run-retrospectives",
        "carol",
        "We tried this in the design team too. One action item is the key.",
        "2026-04-15T08:00:00.000Z",
    ),
    ("how-we-run-retrospectives", "alice", "Agreed, and the name next to it.", "2026-04-15T09:30:00.000Z"),
    ("our-on-call-handbook", "bob", "Please add the escalation phone numbers.", "2026-05-21T07:45:00.000Z"),
)


@functools.cache
def hash_password(password: str, salt: str = "fieldnotes") -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ITERATIONS).hex()
    return f"pbkdf2_sha256${_ITERATIONS}${salt}${digest}"


def check_password(password: str, stored: str) -> bool:
    _scheme, _iterations, salt, _digest = stored.split("$")
    return hmac.compare_digest(hash_password(password, salt), stored)


def load(db: sqlite3.Connection) -> None:
    """Insert the seed into empty tables."""
    ids: dict[str, int] = {}
    for username, email, password, bio in USERS:
        cursor = db.execute(
            "INSERT INTO users (username, email, password_hash, bio) VALUES (?, ?, ?, ?)",
            (username, email, hash_password(password), bio),
        )
        ids[username] = int(cursor.lastrowid or 0)
    articles: dict[str, int] = {}
    for slug, title, description, paragraphs, author, created, tags, fans in ARTICLES:
        cursor = db.execute(
            "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (slug, title, description, "\n\n".join(paragraphs), ids[author], created, created),
        )
        article_id = int(cursor.lastrowid or 0)
        articles[slug] = article_id
        for position, tag in enumerate(tags):
            db.execute("INSERT INTO tags (article_id, name, position) VALUES (?, ?, ?)", (article_id, tag, position))
        for fan in fans:
            db.execute("INSERT INTO favorites (article_id, user_id) VALUES (?, ?)", (article_id, ids[fan]))
    for slug, author, body, created in COMMENTS:
        db.execute(
            "INSERT INTO comments (article_id, author_id, body, created_at) VALUES (?, ?, ?, ?)",
            (articles[slug], ids[author], body, created),
        )

"""doctor --app: the hosts an app called that did not answer, and the .env variable naming each."""

from __future__ import annotations

from pathlib import Path

from specwalk.browser.playwright_driver import FailedRequest
from specwalk.doctor import env_variables, unreachable_hosts

REFUSED = "net::ERR_CONNECTION_REFUSED"


def test_hosts_are_grouped_and_named_by_the_env_file_that_sets_them(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# the API the front-end talks to\nVITE_API_HOST=http://127.0.0.1:8000\nVITE_TITLE=Conduit\n", encoding="utf-8"
    )
    (tmp_path / ".env.local").write_text("export VITE_CDN='https://cdn.example.test'\n", encoding="utf-8")
    failed = [
        FailedRequest("http://127.0.0.1:8000/api/articles?limit=10", "fetch", REFUSED),
        FailedRequest("http://127.0.0.1:8000/api/tags", "fetch", REFUSED),
        FailedRequest("https://cdn.example.test/fonts/inter.woff2", "font", "net::ERR_NAME_NOT_RESOLVED"),
    ]
    api, cdn = unreachable_hosts(failed, tmp_path)
    assert (api.origin, api.error, api.needed) == ("http://127.0.0.1:8000", REFUSED, True)
    assert api.requests == ("fetch /api/articles", "fetch /api/tags")
    assert api.variable == ".env: VITE_API_HOST=http://127.0.0.1:8000"
    assert (cdn.origin, cdn.needed, cdn.variable) == (
        "https://cdn.example.test",
        False,
        ".env.local: VITE_CDN=https://cdn.example.test",
    )


def test_a_host_no_env_file_names_has_no_variable(tmp_path: Path) -> None:
    (host,) = unreachable_hosts([FailedRequest("http://api.internal:3000/graphql", "xhr", REFUSED)], tmp_path)
    assert host.variable is None and host.needed


def test_env_files_are_read_in_order_with_comments_and_quotes(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text('A=1\n# B=2\nexport C="three"\nnot a line\n', encoding="utf-8")
    (tmp_path / ".env.development").write_text("A=4\n", encoding="utf-8")
    assert env_variables(tmp_path) == [(".env", "A", "1"), (".env", "C", "three"), (".env.development", "A", "4")]

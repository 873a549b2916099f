"""`specwalk init` finds the backend a front-end needs (package.json scripts) and its data reset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specwalk.detect import DetectedService, detect_project
from specwalk.pipeline import config_from_detection


def project(root: Path, scripts: dict[str, str], vite_config: str = "", lockfile: str = "package-lock.json") -> Path:
    package = {"name": "app", "dependencies": {"vue": "3.5.0"}, "scripts": scripts}
    (root / "package.json").write_text(json.dumps(package), encoding="utf-8")
    (root / lockfile).write_text("{}", encoding="utf-8")
    (root / "src").mkdir()
    if vite_config:
        (root / "vite.config.ts").write_text(vite_config, encoding="utf-8")
    return root


def test_an_api_script_is_a_service_on_the_port_the_proxy_defaults_to(tmp_path: Path) -> None:
    vite = """
const apiPort = process.env.API_PORT ?? '8799';
export default defineConfig({
  server: { port: 5176, proxy: { '/api': { target: `http://127.0.0.1:${apiPort}` } } },
});
"""
    found = detect_project(project(tmp_path, {"dev": "vite", "api": "python3 api/server.py"}, vite))
    assert found.port == 5176  # the dev server's own port, not the API's
    assert found.services == [
        DetectedService(
            "api",
            "npm run api -- --port {port}",
            8799,
            "service api: script 'api' (python3 api/server.py); port 8799 from the API_PORT default in vite.config.ts",
        )
    ]


def test_a_literal_proxy_target_gives_the_port(tmp_path: Path) -> None:
    vite = "export default { server: { proxy: { '/graphql': { target: 'http://localhost:4000' } } } }"
    found = detect_project(project(tmp_path, {"dev": "vite", "server": "node server/index.js"}, vite, "yarn.lock"))
    assert [(s.name, s.command, s.port) for s in found.services] == [("server", "yarn server --port {port}", 4000)]


def test_a_port_flag_in_the_script_wins(tmp_path: Path) -> None:
    found = detect_project(project(tmp_path, {"dev": "vite", "backend": "uvicorn app:api --port 8000"}))
    assert [(s.command, s.port) for s in found.services] == [("npm run backend -- --port {port}", 8000)]


def test_a_service_without_a_known_port_is_started_as_it_is(tmp_path: Path) -> None:
    found = detect_project(project(tmp_path, {"dev": "vite", "api": "json-server db.json"}))
    assert [(s.command, s.port) for s in found.services] == [("npm run api", None)]


def test_a_front_end_dev_server_is_never_a_service(tmp_path: Path) -> None:
    found = detect_project(project(tmp_path, {"dev": "vite", "server": "vite --host 0.0.0.0"}))
    assert found.command == "npm run dev -- --port {port}"
    assert found.services == []


def test_a_reset_script_becomes_app_reset_and_both_reach_the_config(tmp_path: Path) -> None:
    scripts = {"dev": "vite", "api": "node api.js --port 3001", "db:seed": "node seed.js", "db:reset": "prisma db seed"}
    found = detect_project(project(tmp_path, scripts))
    assert found.reset == "npm run db:reset"  # prisma lives in node_modules/.bin: npm run finds it
    assert "data reset: script 'db:reset' (prisma db seed)" in found.evidence
    config = config_from_detection(found, tmp_path)
    assert config.app.reset == "npm run db:reset"
    assert [(s.name, s.command, s.port, s.ready_url) for s in config.app.services] == [
        ("api", "npm run api -- --port {port}", 3001, "")
    ]


def test_a_plain_front_end_has_no_services_and_no_reset(tmp_path: Path) -> None:
    found = detect_project(project(tmp_path, {"dev": "vite", "build": "vite build"}))
    assert found.services == [] and found.reset == ""
    assert config_from_detection(found, tmp_path).app.services == ()


@pytest.mark.parametrize(
    ("body", "reset"),
    [
        # One call of a program on PATH: run as it is, without starting npm (Node) before every scenario.
        (
            "curl -fsS -X POST http://127.0.0.1:${API_PORT:-8799}/api/reset",
            "curl -fsS -X POST http://127.0.0.1:${API_PORT:-8799}/api/reset",
        ),
        ("python3 scripts/seed.py --fresh", "python3 scripts/seed.py --fresh"),
        ("cp fixtures/seed.db data/app.db", "cp fixtures/seed.db data/app.db"),
        # Chains, other scripts and project binaries need npm's shell and PATH.
        ("node reset.js && node seed.js", "yarn reset"),
        ("npm run db:drop", "yarn reset"),
        ("knex seed:run", "yarn reset"),
    ],
)
def test_a_simple_reset_script_is_run_directly(tmp_path: Path, body: str, reset: str) -> None:
    found = detect_project(project(tmp_path, {"dev": "vite", "reset": body}, lockfile="yarn.lock"))
    assert found.reset == reset

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specwalk.detect import detect_project
from specwalk.errors import UsageError


def make(root: Path, files: dict[str, str | dict[str, object]]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return root


def package(deps: dict[str, str], scripts: dict[str, str] | None = None, **extra: object) -> dict[str, object]:
    return {"name": "app", "dependencies": deps, "scripts": scripts or {}, **extra}


def test_react_vite_with_port_in_config_and_npm_lockfile(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "package.json": package({"react": "19.0.0", "react-dom": "19.0.0"}, {"dev": "vite", "build": "vite build"}),
            "package-lock.json": "{}",
            "vite.config.ts": "export default defineConfig({ server: { host: '127.0.0.1', port: 5180 } })",
            "src/main.tsx": "",
            "src/locales/en.json": "{}",
            "src/locales/zh.json": "{}",
            "requirements.md": "# Reqs",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.package_manager) == ("react", "npm")
    assert found.command == "npm run dev -- --port {port}"
    assert found.port == 5180
    assert found.source_roots == ["src"]
    assert found.locales == ["en", "zh"]
    assert found.requirements == ["requirements.md"]


def test_next_with_pnpm_uses_the_default_port(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "package.json": package({"next": "15.0.0", "react": "19.0.0"}, {"dev": "next dev"}),
            "pnpm-lock.yaml": "",
            "app/page.tsx": "",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.framework_label, found.package_manager) == ("react", "Next.js", "pnpm")
    assert found.command == "pnpm dev --port {port}"
    assert found.port == 3000
    assert found.source_roots == ["app"]


def test_angular_port_from_angular_json_and_yarn(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "package.json": package({"@angular/core": "19.0.0"}, {"start": "ng serve"}),
            "yarn.lock": "",
            "angular.json": {"projects": {"web": {"architect": {"serve": {"options": {"port": 4300}}}}}},
            "src/assets/i18n/en-US.json": "{}",
            "src/assets/i18n/fr.json": "{}",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.package_manager, found.port) == ("angular", "yarn", 4300)
    assert found.command == "yarn start --port {port}"
    assert found.locales == ["en-US", "fr"]


def test_sveltekit_and_package_manager_field(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "package.json": package(
                {"@sveltejs/kit": "2.0.0", "svelte": "5.0.0"}, {"dev": "vite dev"}, packageManager="pnpm@9.1.0"
            ),
            "package-lock.json": "{}",
            "src/routes/+page.svelte": "",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.framework_label, found.package_manager, found.port) == (
        "svelte",
        "SvelteKit",
        "pnpm",
        5173,
    )


def test_vue_cli_port_from_vue_config(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "package.json": package({"vue": "3.5.0"}, {"serve": "vue-cli-service serve"}),
            "vue.config.js": "module.exports = { devServer: { port: 8081 } }",
            "src/App.vue": "",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.package_manager, found.port) == ("vue", "npm", 8081)
    assert found.command == "npm run serve -- --port {port}"


def test_port_flag_in_the_script_wins(tmp_path: Path) -> None:
    make(tmp_path, {"package.json": package({"vue": "3.5.0"}, {"dev": "vite --port 7000"}), "src/App.vue": ""})
    assert detect_project(tmp_path).port == 7000


def test_plain_html_uses_a_static_server_and_the_port_of_a_playwright_config(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "index.html": "<!doctype html>",
            "app.js": "",
            "e2e/playwright.config.ts": "const baseURL = 'http://127.0.0.1:5199/';",
            "docs/requirements.md": "# Reqs",
        },
    )
    found = detect_project(tmp_path)
    assert (found.framework, found.package_manager) == ("html", "none")
    assert found.command == "python3 -m http.server {port} --bind 127.0.0.1"
    assert found.port == 5199
    assert found.source_roots == ["."]
    assert found.requirements == ["docs/requirements.md"]
    assert found.locales == ["en"]


def test_feature_files_are_requirements_when_no_markdown(tmp_path: Path) -> None:
    make(tmp_path, {"index.html": "", "features/login.feature": "", "node_modules/x/a.feature": ""})
    assert detect_project(tmp_path).requirements == ["features/login.feature"]


def test_not_a_frontend_project_says_so(tmp_path: Path) -> None:
    make(tmp_path, {"setup.py": "", "package.json": package({"express": "4.0.0"}, {"start": "node server.js"})})
    with pytest.raises(UsageError, match="does not look like a front-end project"):
        detect_project(tmp_path)


def test_broken_package_json_is_named(tmp_path: Path) -> None:
    make(tmp_path, {"package.json": "{ not json"})
    with pytest.raises(UsageError, match=r"package\.json:1: not valid JSON"):
        detect_project(tmp_path)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is not a directory"):
        detect_project(tmp_path / "nope")

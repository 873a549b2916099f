"""`specwalk init` on project files a user can have: package.json of every wrong shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import load_config
from specwalk.errors import ExitCode

from .conftest import Run


@pytest.mark.parametrize(
    ("package", "why"),
    [
        ("[1, 2]", "package.json: not a JSON object"),
        ('"react"', "package.json: not a JSON object"),
        ('{\n  "dependencies": {"react": ', "package.json:2: not valid JSON"),
        ('{"a":' * 5000 + "1" + "}" * 5000, "package.json: nested too deeply"),
        (b'{"name": "caf\xe9"}', "package.json: not UTF-8 text"),
    ],
    ids=["array", "string", "broken", "deep", "latin1"],
)
def test_a_package_json_that_cannot_be_read_is_named(project: Path, run: Run, package: str | bytes, why: str) -> None:
    data = package if isinstance(package, bytes) else package.encode("utf-8")
    (project / "package.json").write_bytes(data)
    code, output = run("init")
    assert code == ExitCode.USAGE
    assert why in output
    assert not (project / "specwalk.toml").exists()


def test_odd_but_valid_package_json_shapes_are_read(project: Path, run: Run) -> None:
    (project / "package.json").write_text(
        '\ufeff{"dependencies": {"react": "18"}, "scripts": ["dev"], "packageManager": 7}', encoding="utf-8"
    )
    (project / "angular.json").write_text('{"projects": ["x"]}', encoding="utf-8")
    code, _ = run("init")
    assert code == ExitCode.OK
    assert load_config(cwd=project, env={}).project.framework == "react"


def test_init_writes_a_config_that_loads_whatever_the_names(project: Path, run: Run) -> None:
    (project / "package.json").write_text('{"dependencies": {"vue": "3"}}', encoding="utf-8")
    (project / "src\x7fapp").mkdir()
    (project / "src\x7fapp" / "App.vue").write_text("<template><button>Hi</button></template>\n", encoding="utf-8")
    code, _ = run("init")
    assert code == ExitCode.OK
    load_config(cwd=project, env={})

"""Where specwalk writes: a file in the way, /proc, a NUL, no permission, a read-only directory.
Each is a UsageError naming the path and the fix (issue 16: these were exit 70 tracebacks)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from specwalk.errors import EnvironmentProblem, ExitCode, UsageError
from specwalk.fileio import ensure_dir, write_atomic, write_error

from .conftest import Run, unprivileged

PLANNABLE = '## Tasks\n\n- Click "Add": "Added" is shown.\n'


def setup(project: Path, output_dir: str) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    (project / "specwalk.toml").write_text(f'[output]\ndir = "{output_dir}"\n', encoding="utf-8")


def test_output_dir_that_is_a_file(project: Path, run: Run) -> None:
    setup(project, "out")
    (project / "out").write_text("not a directory", encoding="utf-8")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert f"cannot create the directory: {project / 'out'} is a file, not a directory" in output
    assert "remove or rename" in output
    assert (project / "out").read_text(encoding="utf-8") == "not a directory"


def test_output_dir_below_a_file(project: Path, run: Run) -> None:
    setup(project, "out/deeper/still")
    (project / "out").write_text("", encoding="utf-8")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert f"{project / 'out'} is a file, not a directory" in output


def test_output_dir_in_proc(project: Path, run: Run) -> None:
    setup(project, "/proc/self/specwalk")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "cannot create the directory" in output


def test_plan_json_that_is_a_directory(project: Path, run: Run) -> None:
    setup(project, ".specwalk")
    (project / ".specwalk" / "plan.json").mkdir(parents=True)
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE
    assert "plan.json: cannot write: it is a directory" in output
    assert [path.name for path in (project / ".specwalk").iterdir()] == ["plan.json"]  # nothing staged is left


def test_the_index_cache_that_is_a_file(project: Path, run: Run) -> None:
    (project / "index.html").write_text("<button>Save</button>\n", encoding="utf-8")
    (project / ".specwalk").mkdir()
    (project / ".specwalk" / "cache").write_text("", encoding="utf-8")
    code, output = run("index")
    assert code == ExitCode.USAGE
    assert f"{project / '.specwalk' / 'cache'} is a file, not a directory" in output


def test_a_nul_in_a_path_is_named() -> None:
    error = write_error(Path("out\x00dir"), ValueError("embedded null byte"), directory=True)
    assert isinstance(error, UsageError)
    assert "contains a NUL character" in str(error)


def test_a_full_disk_is_an_environment_problem(tmp_path: Path) -> None:
    error = write_error(tmp_path / "plan.json", OSError(28, "No space left on device"))
    assert isinstance(error, EnvironmentProblem)
    assert "no space left" in str(error)


def test_ensure_dir_refuses_a_link_to_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    with pytest.raises(UsageError, match="is a file, not a directory"):
        ensure_dir(tmp_path / "link")


def test_write_atomic_through_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "out")
    with pytest.raises(UsageError, match="out"):
        write_atomic(tmp_path / "out" / "plan.json", "{}")


def read_only(directory: Path) -> None:
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)


def test_init_in_a_read_only_directory(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "index.html").write_text("<button>Save</button>\n", encoding="utf-8")
    read_only(app)
    try:
        result = unprivileged("init", str(app), cwd=tmp_path)
    finally:
        app.chmod(0o755)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert f"{app / 'specwalk.toml'}: cannot write: permission denied" in result.stderr
    assert "INTERNALERROR" not in result.stderr
    assert sorted(path.name for path in app.iterdir()) == ["index.html"]


def test_plan_with_a_read_only_output_dir(tmp_path: Path) -> None:
    setup(tmp_path, "out")
    (tmp_path / "out").mkdir()
    read_only(tmp_path / "out")
    try:
        result = unprivileged("plan", "r.md", cwd=tmp_path)
    finally:
        (tmp_path / "out").chmod(0o755)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert "plan.json: cannot write: permission denied" in result.stderr
    assert "INTERNALERROR" not in result.stderr


def test_index_with_a_read_only_cache_in_a_project_big_enough_for_workers(tmp_path: Path) -> None:
    # Over 64 files the index parses in worker processes: their write errors must not become bugs.
    (tmp_path / "specwalk.toml").write_text('[project]\nframework = "html"\n', encoding="utf-8")
    for number in range(80):
        (tmp_path / f"page{number}.html").write_text(f"<button>Save {number}</button>\n", encoding="utf-8")
    cache = tmp_path / ".specwalk" / "cache"
    cache.mkdir(parents=True)
    read_only(cache)
    try:
        result = unprivileged("index", cwd=tmp_path)
    finally:
        cache.chmod(0o755)
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert "permission denied" in result.stderr
    assert "INTERNALERROR" not in result.stderr

"""specwalk.toml and flags: each cause of issue 16 in the config loader, with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from specwalk.config import load_config
from specwalk.errors import ConfigError, ExitCode, UsageError

from .conftest import Run

PLANNABLE = '## Tasks\n\n- Click "Add": "Added" is shown.\n'


def config(project: Path, text: str | bytes) -> Path:
    path = project / "specwalk.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_utf8_bom_is_accepted(project: Path) -> None:
    config(project, b"\xef\xbb\xbf[app]\nport = 4000\n")
    assert load_config(cwd=project, env={}).app.port == 4000


def test_not_utf8_names_the_line(project: Path) -> None:
    path = config(project, b'[app]\nport = 4000\ncommand = "caf\xe9"\n')
    with pytest.raises(ConfigError, match=rf"{path}:3: the config file is not UTF-8"):
        load_config(cwd=project, env={})


def test_a_directory_named_specwalk_toml_is_an_error_not_ignored(project: Path) -> None:
    # A real config further up must not be used in its place.
    (project / "specwalk.toml").mkdir()
    with pytest.raises(UsageError, match=r"specwalk\.toml: is a directory, not a config file"):
        load_config(cwd=project, env={})
    with pytest.raises(UsageError, match="is a directory"):
        load_config(project / "specwalk.toml", env={})


def test_a_config_symlink_loop_is_named(project: Path) -> None:
    (project / "specwalk.toml").symlink_to(project / "specwalk.toml")
    with pytest.raises(UsageError, match="a symbolic link that loops"):
        load_config(cwd=project, env={})


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_nan_and_inf_are_not_numbers(project: Path, value: str) -> None:
    path = config(project, f"[app]\nport = 4000\nstart_timeout = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=project, env={})
    assert f"{path}:3: app.start_timeout = " in str(caught.value)
    assert "finite number" in str(caught.value)
    assert "3600" not in str(caught.value)


def test_an_unknown_table_has_its_line_and_a_suggestion(project: Path) -> None:
    path = config(project, '[app]\nport = 4000\n\n[brwoser]\npath = ""\n[zzz]\nx = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=project, env={})
    assert f"{path}:4: unknown table [brwoser]: did you mean [browser]?" in caught.value.lines
    assert any(line.startswith(f"{path}:6: unknown table [zzz]: remove it") for line in caught.value.lines)


def test_a_bad_value_in_the_second_service_table_names_its_line(project: Path) -> None:
    path = config(project, '[[app.services]]\ncommand = "a"\nport = 1\n[[app.services]]\ncommand = "b"\nport = 0\n')
    with pytest.raises(ConfigError, match=rf"{path}:6: app.services.port = 0 is invalid"):
        load_config(cwd=project, env={})


def test_dotted_and_quoted_keys_are_located(project: Path) -> None:
    path = config(project, '\n\napp."port" = 0\n[project]\nframework = "react"\n')
    with pytest.raises(ConfigError, match=rf"{path}:3: app.port = 0"):
        load_config(cwd=project, env={})
    path = config(project, '[project]\nframework = "react"\n\napp."port" = 0\n')
    with pytest.raises(ConfigError, match=rf"{path}:4: unknown key 'project.app'"):
        load_config(cwd=project, env={})


def test_line_numbers_count_only_real_line_ends(project: Path) -> None:
    # U+2028 and U+0085 inside a string are not line ends in any editor.
    path = config(project, '[docs]\ntitle = "a\u2028b\u0085c"\n[app]\nport = 0\n')
    with pytest.raises(ConfigError, match=rf"{path}:4: app.port = 0"):
        load_config(cwd=project, env={})


def test_deep_nesting_is_a_config_error_not_a_recursion_error(project: Path) -> None:
    path = config(project, "[project]\nsource_roots = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match=rf"{path}:2: nested more than 32 levels deep"):
        load_config(cwd=project, env={})
    config(project, "[project]\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n")
    with pytest.raises(ConfigError, match="nested more than"):
        load_config(cwd=project, env={})


def test_brackets_in_strings_and_comments_are_not_nesting(project: Path) -> None:
    config(project, '[docs]\ntitle = "' + "[" * 100 + '"  # ' + "{" * 100 + "\nmask = ['" + "[" * 50 + "']\n")
    assert load_config(cwd=project, env={}).docs.title == "[" * 100


@pytest.mark.parametrize("key", ["output.dir", "project.requirements", "browser.path"])
def test_a_nul_in_a_path_is_a_config_error(project: Path, key: str) -> None:
    section, name = key.split(".")
    value = '["a\\u0000b.md"]' if name == "requirements" else '"a\\u0000b"'
    path = config(project, f"[{section}]\n{name} = {value}\n")
    with pytest.raises(ConfigError, match=rf"{path}:2: {key} = .* contains a NUL character"):
        load_config(cwd=project, env={})


def test_requirements_listed_twice_are_kept_once(project: Path) -> None:
    config(project, '[project]\nrequirements = ["a.md", "b.md", "a.md"]\n')
    assert load_config(cwd=project, env={}).project.requirements == ("a.md", "b.md")


def test_a_bad_llm_flag_blames_the_flag_not_the_file(project: Path, run: Run) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    config(project, "\n" * 30 + '[llm]\nprovider = "none"\n')
    code, output = run("plan", "--llm", "bogus", "r.md")
    assert code == ExitCode.USAGE
    assert "error: --llm: llm.provider = 'bogus' is invalid" in output
    assert "specwalk.toml:" not in output


def test_a_bad_llm_variable_blames_the_variable(project: Path) -> None:
    config(project, '[llm]\nprovider = "none"\n')
    with pytest.raises(ConfigError, match=r"^\$SPECWALK_LLM: llm.provider = 'bogus'"):
        load_config(cwd=project, env={"SPECWALK_LLM": "bogus"})


def test_a_bad_value_in_the_file_still_names_its_line_when_a_flag_is_given(project: Path) -> None:
    path = config(project, '[llm]\nprovider = "none"\ntimeout = 0\n')
    with pytest.raises(ConfigError, match=rf"{path}:3: llm.timeout = 0"):
        load_config(cwd=project, env={}, overrides={"llm": {"provider": "ollama"}}, flags={"llm": "--llm"})


def test_a_requirements_symlink_loop_in_the_config_is_a_usage_error(project: Path, run: Run) -> None:
    (project / "loop.md").symlink_to(project / "loop.md")
    config(project, '[project]\nrequirements = ["loop.md"]\n')
    assert load_config(cwd=project, env={}).resolve("loop.md") == project / "loop.md"
    code, output = run("plan")
    assert code == ExitCode.USAGE
    assert "loop.md: is a symbolic link that loops" in output


def test_an_empty_llm_flag_is_an_error_not_no_flag(project: Path, run: Run) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    code, output = run("plan", "--llm", "", "r.md")
    assert code == ExitCode.USAGE
    assert "error: --llm: llm.provider = '' is invalid" in output


def test_a_bad_llm_flag_marks_the_previous_plan_stale(project: Path, run: Run) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.OK
    assert run("plan", "--llm", "bogus", "r.md")[0] == ExitCode.USAGE
    assert '"specwalk_stale": 1' in (project / ".specwalk" / "plan.json").read_text(encoding="utf-8")


def test_a_bad_llm_variable_marks_the_previous_plan_stale(
    project: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "r.md").write_text(PLANNABLE, encoding="utf-8")
    assert run("plan", "r.md")[0] == ExitCode.OK
    monkeypatch.setenv("SPECWALK_LLM", "bogus")
    code, output = run("plan", "r.md")
    assert code == ExitCode.USAGE and "$SPECWALK_LLM" in output
    assert '"specwalk_stale": 1' in (project / ".specwalk" / "plan.json").read_text(encoding="utf-8")

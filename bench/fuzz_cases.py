"""The mutations bench/fuzz.py applies: each breaks one thing in a copy of an example and says
what the run must do (fail or not, name what) — see fuzz.py."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from specwalk.fileio import editor_lines

SKIP = {"node_modules", ".specwalk", "e2e-generated", "e2e-reference", "docs", "test-results", "playwright-report"}
SOURCE_SUFFIXES = (".tsx", ".ts", ".vue", ".html", ".js", ".jsx")


@dataclass
class Expect:
    args: list[str]
    fail: bool | None = None  # True: must exit non-zero (not 1 for plan); False: a harmless change
    not_ok: bool = False  # must not exit 0 (1, "lines need attention", is an answer)
    mention: str | None = None  # text the output must contain
    unprivileged: bool = False
    env: dict[str, str] = field(default_factory=dict)
    stage: str = "plan"  # plan | index | init: whose output is checked for staleness
    single_count: int | None = None  # requirements the plan must have (duplicates planned once)
    picks: list[str] = field(default_factory=list)  # the choices that made the case (set by fuzz.py)


@dataclass
class Ctx:
    project: Path
    rng: random.Random
    example: str
    picks: list[str] = field(default_factory=list)  # what the mutation chose, for the report

    def pick(self, options: list[Any]) -> Any:
        chosen = self.rng.choice(options)
        self.picks.append(repr(chosen)[:40] if isinstance(chosen, (str, bytes)) else str(chosen)[:40])
        return chosen

    def read(self, relative: str) -> bytes:
        return (self.project / relative).read_bytes()

    def write(self, relative: str, data: str | bytes) -> Path:
        path = self.project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        return path

    def requirements(self) -> str:
        return self.read("requirements.md").decode("utf-8")

    def sources(self) -> list[str]:
        found = [
            path.relative_to(self.project).as_posix()
            for path in sorted(self.project.rglob("*"))
            if path.is_file()
            and path.suffix in SOURCE_SUFFIXES
            and not SKIP & set(path.relative_to(self.project).parts)
            and not path.name.endswith((".d.ts", ".spec.ts", ".test.ts", ".test.tsx"))
            and "vite.config" not in path.name
            and "playwright.config" not in path.name
            and ("src" in path.parts or self.example == "notes-html")
        ]
        return found

    def source(self) -> str:
        return self.rng.choice(self.sources())

    def config(self, text: str) -> None:
        self.write("specwalk.toml", text)

    def config_text(self) -> str:
        return self.read("specwalk.toml").decode("utf-8")


Mutation = Callable[[Ctx], Expect]
MUTATIONS: dict[str, Mutation] = {}


def mutation(name: str) -> Callable[[Mutation], Mutation]:
    def register(function: Mutation) -> Mutation:
        MUTATIONS[name] = function
        return function

    return register


# --- requirements (plan) ---------------------------------------------------------------------

PLAN = ["plan", "requirements.md"]


@mutation("req/empty")
def _(ctx: Ctx) -> Expect:
    ctx.write("requirements.md", ctx.pick(["", " ", "\n\n\n", "\t \r\n", "\ufeff"]))
    return Expect(PLAN, fail=True, mention="no requirements")


@mutation("req/headings-only")
def _(ctx: Ctx) -> Expect:
    headings = [line for line in ctx.requirements().splitlines() if line.startswith("#")]
    ctx.write("requirements.md", "\n\n".join(headings) + "\n")
    return Expect(PLAN, fail=True, mention="no requirements")


@mutation("req/prose-only")
def _(ctx: Ctx) -> Expect:
    # Words of the document shuffled, without its quotes: nothing exact to act on. A paragraph may
    # still be read as a criterion (then its lines need attention, exit 1), but never planned.
    words = ctx.requirements().translate(str.maketrans("", "", '#-`"“”「」*')).split()
    ctx.rng.shuffle(words)
    ctx.write("requirements.md", " ".join(words[:80]) + "\n")
    return Expect(PLAN, not_ok=True, mention="requirements.md")


@mutation("req/not-a-document")
def _(ctx: Ctx) -> Expect:
    choice = ctx.pick(
        [
            "/dev/null",
            "/dev/zero",
            ctx.source(),
            "package.json",
            "src",
            "specwalk.toml",
            ".",
            "x" * 300 + ".md",
            "pipe.md",
        ]
    )
    if choice == "pipe.md":
        os.mkfifo(ctx.project / "pipe.md")  # reading it would wait forever
    return Expect(["plan", choice], fail=True)


@mutation("req/bad-name")
def _(ctx: Ctx) -> Expect:
    name = os.fsdecode(b"caf\xe9-requirements.md")
    (ctx.project / "requirements.md").rename(ctx.project / name)
    if ctx.pick(["argument", "config"]) == "argument":
        return Expect(["plan", name], fail=True, mention="not UTF-8")
    ctx.write("specwalk.toml", ctx.config_text().replace('"requirements.md"', '"caf\\u00e9-requirements.md"'))
    return Expect(["plan"], fail=True, mention="no such requirements file")


@mutation("req/link")
def _(ctx: Ctx) -> Expect:
    path = ctx.project / "requirements.md"
    path.unlink()
    kind = ctx.pick(["loop", "self", "broken", "to-dir"])
    if kind == "loop":
        (ctx.project / "other.md").symlink_to(path)
        path.symlink_to(ctx.project / "other.md")
    elif kind == "self":
        path.symlink_to(path)
    elif kind == "broken":
        path.symlink_to(ctx.project / "gone.md")
    else:
        path.symlink_to(ctx.project / "src" if (ctx.project / "src").is_dir() else ctx.project)
    return Expect(PLAN, fail=True, mention="requirements.md")


@mutation("req/encoding")
def _(ctx: Ctx) -> Expect:
    text = ctx.requirements()
    kind = ctx.pick(["utf16", "utf16be", "bom", "latin1", "nul", "cp1252"])
    if kind == "utf16":
        ctx.write("requirements.md", text.encode("utf-16"))
        return Expect(PLAN, fail=False)
    if kind == "utf16be":
        ctx.write("requirements.md", b"\xfe\xff" + text.encode("utf-16-be"))
        return Expect(PLAN, fail=False)
    if kind == "bom":
        ctx.write("requirements.md", b"\xef\xbb\xbf" + text.encode())
        return Expect(PLAN, fail=False)
    data = bytearray(text.encode())
    at = ctx.rng.randrange(len(data))
    data[at:at] = {"latin1": b"caf\xe9", "nul": b"\x00", "cp1252": b"\x93quoted\x94"}[kind]
    ctx.write("requirements.md", bytes(data))
    line = data[:at].count(b"\n") + 1
    return Expect(PLAN, fail=True, mention=f"requirements.md:{line}:")


@mutation("req/huge")
def _(ctx: Ctx) -> Expect:
    with (ctx.project / "requirements.md").open("r+b") as stream:
        stream.truncate(ctx.pick([1_000_001, 8_000_000, 50_000_000]))  # sparse: no disk used
    return Expect(PLAN, fail=True, mention="too large")


@mutation("req/nesting")
def _(ctx: Ctx) -> Expect:
    depth = ctx.pick([40, 200, 10_000])
    kind = ctx.pick(["- ", "> ", "1. ", "* > "])
    if ctx.rng.random() < 0.5:
        deep = kind * depth + "Click x\n"
    else:
        deep = "".join("  " * level + "- item\n" for level in range(min(depth, 400)))
    text = ctx.requirements()
    ctx.write("requirements.md", text + "\n" + deep)
    return Expect(PLAN, fail=True, mention="nested more than")


@mutation("req/unclosed-fence")
def _(ctx: Ctx) -> Expect:
    lines = ctx.requirements().split("\n")
    fenced = any(line.lstrip().startswith(("```", "~~~")) for line in lines)
    at = len(lines) - 1 if fenced else ctx.rng.randrange(len(lines))
    lines.insert(at, ctx.pick(["```gherkin", "```", "~~~~", "```feature"]))
    ctx.write("requirements.md", "\n".join(lines))
    return Expect(PLAN, fail=True, mention="never closed")


@mutation("req/line-ends")
def _(ctx: Ctx) -> Expect:
    text = ctx.requirements()
    kind = ctx.pick(["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\r", "\r\n"])
    if kind in ("\r", "\r\n"):
        text = text.replace("\n", kind)
    else:
        chars = list(text)
        for _ in range(ctx.rng.randint(1, 20)):
            chars.insert(ctx.rng.randrange(len(chars)), kind)
        text = "".join(chars)
    ctx.write("requirements.md", text)
    return Expect(PLAN)


@mutation("req/duplicates")
def _(ctx: Ctx) -> Expect:
    single = _planned_count(ctx.project)
    if ctx.rng.random() < 0.5:
        names = ["requirements.md", "./requirements.md", str(ctx.project / "requirements.md"), "src/../requirements.md"]
        args = ["plan", *ctx.rng.sample(names, k=ctx.rng.randint(2, 4))]
        if not (ctx.project / "src").is_dir():
            args = [arg for arg in args if not arg.startswith("src/")] + ["requirements.md"]
        return Expect(args, fail=False, single_count=single)
    count = ctx.pick([2, 1000, 100_000])
    text = ctx.config_text().replace(
        'requirements = ["requirements.md"]', "requirements = [" + ", ".join(['"requirements.md"'] * count) + "]"
    )
    ctx.config(text)
    return Expect(["plan"], fail=False, single_count=single)


@mutation("req/french-gherkin")
def _(ctx: Ctx) -> Expect:
    header = ctx.pick(["# language: fr\n", "# Panier\n# language: fr\n"])
    feature = ctx.pick(["", "Fonctionnalité: Panier\n"])
    ctx.write(
        "requirements.md",
        f'## Panier\n\n```gherkin\n{header}{feature}Scénario: ajouter\n  Quand je clique sur "Ajouter"\n'
        f'  Alors je vois "Ajouté"\n```\n',
    )
    return Expect(PLAN, mention='je clique sur "Ajouter"')


@mutation("req/outline-without-examples")
def _(ctx: Ctx) -> Expect:
    ctx.write(
        "requirements.md",
        '## Tasks\n\n```gherkin\nScenario Outline: add <item>\n  When I click "<button>"\n'
        '  Then I should see "<item>"\n```\n',
    )
    return Expect(PLAN, fail=True, mention="Examples")


@mutation("req/truncated")
def _(ctx: Ctx) -> Expect:
    data = ctx.read("requirements.md")
    cut = ctx.rng.randrange(len(data))
    ctx.write("requirements.md", data[:cut].decode("utf-8", "ignore"))
    return Expect(PLAN)


@mutation("req/byte-noise")
def _(ctx: Ctx) -> Expect:
    data = bytearray(ctx.read("requirements.md"))
    for _ in range(ctx.rng.randint(1, 30)):
        at = ctx.rng.randrange(len(data))
        op = ctx.rng.random()
        if op < 0.4:
            data[at] = ctx.rng.randrange(32, 127)
        elif op < 0.7:
            data[at:at] = ctx.pick([b'"', b"`", b"```", b"|", b"<", b">", b"#", b"- ", b"\n", b"\\", b"*"])
        else:
            del data[at : at + ctx.rng.randint(1, 40)]
    ctx.write("requirements.md", bytes(data))
    return Expect(PLAN)


UNICODE = ["\u200b", "\u202e", "\u0301", "\ufeff", "\U0001f600", "“", "」", "\u3000", "\xa0", "\ufffd", "\U00010000"]


@mutation("req/unicode-noise")
def _(ctx: Ctx) -> Expect:
    chars = list(ctx.requirements())
    for _ in range(ctx.rng.randint(1, 40)):
        chars.insert(ctx.rng.randrange(len(chars)), ctx.pick(UNICODE))
    ctx.write("requirements.md", "".join(chars))
    return Expect(PLAN)


@mutation("req/shuffled")
def _(ctx: Ctx) -> Expect:
    lines = ctx.requirements().split("\n")
    ctx.rng.shuffle(lines)
    ctx.write("requirements.md", "\n".join(lines))
    return Expect(PLAN)


@mutation("req/gherkin-mangled")
def _(ctx: Ctx) -> Expect:
    text = ctx.requirements()
    if "Scenario" not in text:
        text += '\n## Extra\n\n```gherkin\nFeature: X\n  Scenario: y\n    When I click "A"\n'
        text += '    Then I should see "B"\n```\n'
    for word, broken in [("Scenario:", "Scenaro:"), ("Feature:", "Feature"), ("Examples:", "Example"), ("|", "")]:
        if ctx.rng.random() < 0.4:
            text = text.replace(word, broken, 1)
    ctx.write("requirements.md", text)
    return Expect(PLAN)


@mutation("req/big")
def _(ctx: Ctx) -> Expect:
    """Large documents in the shapes that cost the most per byte, each about as big as the
    largest realistic one (bench/plan_speed.py's 2,000 scenarios, 0.34 MB; the growth table of
    fuzz.py shows the time up to the 1 MB limit), and lines at and just over the length limit."""
    kind = ctx.pick(["long-lines", "line-too-long", "many-criteria", "many-quotes", "many-features", "gherkin"])
    if kind == "long-lines":
        text = "## F\n\n" + "".join(f'- Click "{n}' + "x" * 19_000 + '"\n' for n in range(50))
    elif kind == "line-too-long":
        ctx.write("requirements.md", '## F\n\n- Click "' + "x" * 20_001 + '"\n')
        return Expect(PLAN, fail=True, mention="requirements.md:3: a line of")
    elif kind == "many-criteria":
        text = "## F\n\n" + "".join(f'- Click "Item {n}": "Done {n}" is shown.\n' for n in range(8_000))
    elif kind == "many-quotes":
        text = "## F\n\n" + ("- " + '"a" "b" ' * 2_400 + "\n") * 18
    elif kind == "many-features":
        text = "".join(f'## F{n}\n\n- Click "A"\n\n' for n in range(16_000))
    else:
        steps = '    When I click "Add"\n    Then I should see "Added"\n'
        text = (
            "## F\n\n```gherkin\nFeature: F\n" + "".join(f"  Scenario: s{n}\n{steps}" for n in range(4_000)) + "```\n"
        )
    ctx.write("requirements.md", text)
    return Expect(PLAN)


def _planned_count(project: Path) -> int | None:
    plan = project / ".specwalk" / "plan.json"
    try:
        return len(json.loads(plan.read_bytes())["requirements"])
    except (OSError, ValueError, KeyError):
        return None


# --- specwalk.toml ---------------------------------------------------------------------------


def _cfg_command(ctx: Ctx) -> tuple[list[str], str]:
    """plan or index, and the stage whose output is checked for staleness. A specwalk.toml that
    cannot be read leaves the outputs' place unknown: such cases check no staleness ("none")."""
    return (["plan"], "plan") if ctx.rng.random() < 0.5 else (["index"], "index")


@mutation("cfg/encoding")
def _(ctx: Ctx) -> Expect:
    args, stage = _cfg_command(ctx)
    text = ctx.config_text()
    kind = ctx.pick(["bom", "latin1", "utf16", "crlf"])
    if kind == "bom":
        ctx.write("specwalk.toml", b"\xef\xbb\xbf" + text.encode())
        return Expect(args, fail=False, stage=stage)
    if kind == "crlf":
        ctx.write("specwalk.toml", text.replace("\n", "\r\n"))
        return Expect(args, fail=False, stage=stage)
    if kind == "utf16":
        ctx.write("specwalk.toml", text.encode("utf-16"))
        return Expect(args, fail=True, stage="none", mention="specwalk.toml")
    ctx.write("specwalk.toml", text.replace("[app]", "# caf\udce9\n[app]").encode("utf-8", "surrogateescape"))
    return Expect(args, fail=True, stage="none", mention="not UTF-8")


@mutation("cfg/not-a-file")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    path = ctx.project / "specwalk.toml"
    path.unlink()
    kind = ctx.pick(["dir", "loop", "broken", "markdown", "fifo"])
    if kind == "dir":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "broken":
        path.symlink_to(ctx.project / "gone.toml")
    elif kind == "fifo":
        os.mkfifo(path)
    else:  # --config names a file that is not TOML at all
        return Expect([args[0], "--config", "requirements.md"], fail=True, stage="none", mention="requirements.md:")
    return Expect(args, fail=True, stage="none", mention="specwalk.toml")


@mutation("cfg/project-folder")
def _(ctx: Ctx) -> Expect:
    """The whole project inside a folder whose name is not UTF-8, or run on an odd PATH."""
    kind = ctx.pick(["not-utf8", "index-path"])
    if kind == "not-utf8":
        folder = ctx.project / os.fsdecode(b"app\xff")
        folder.mkdir()
        for child in list(ctx.project.iterdir()):
            if child != folder:
                child.rename(folder / child.name)
        if ctx.pick(["plan", "index"]) == "plan":
            return Expect(["plan", "--config", str(folder / "specwalk.toml")], fail=True, stage="none", mention="UTF-8")
        return Expect(["index", str(folder)], fail=True, stage="none", mention="UTF-8")
    target = ctx.pick(["/proc/self", "requirements.md", "missing", "/dev/null", "/nonexistent/deeper"])
    return Expect(["index", target], fail=True, stage="none")


@mutation("cfg/duplicates-and-types")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    text = ctx.config_text()
    extra = ctx.pick(
        [
            "[app]\nport = 1\n",  # a table defined twice
            '[[app.services]]\ncommand = "x"\nport = "high"\n',
            "[[app.services]]\nport = 80\n",  # no command
            "[app]\nservices = 3\n",
            "[docs]\nmask = [1, {a = 2}]\n",
            "project = 5\n",
        ]
    )
    ctx.config(extra + text if extra.startswith("project") else text + "\n" + extra)
    return Expect(args, fail=True, stage="none", mention="specwalk.toml")


BAD_VALUES = [
    ("app", "start_timeout", "nan", "finite"),
    ("app", "start_timeout", "inf", "finite"),
    ("llm", "timeout", "-inf", "finite"),
    ("app", "port", '"five"', "app.port"),
    ("app", "port", "70000", "app.port"),
    ("browser", "workers", "1.5", "browser.workers"),
    ("project", "framework", '"jquery"', "project.framework"),
    ("project", "source_roots", "[]", "project.source_roots"),
    ("project", "source_roots", '"src"', "project.source_roots"),
    ("output", "dir", '"a\\u0000b"', "NUL"),
    ("project", "requirements", '["a\\u0000.md"]', "NUL"),
    ("app", "base_url", '"localhost"', "app.base_url"),
    ("app", "comand", '"x"', "did you mean"),
]


@mutation("cfg/bad-value")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    section, key, value, mention = ctx.pick(BAD_VALUES)
    lines = ctx.config_text().split("\n")
    at = lines.index(f"[{section}]") + 1
    lines = [line for line in lines if not line.startswith(f"{key} =")] if key != "comand" else lines
    at = lines.index(f"[{section}]") + 1
    lines.insert(at, f"{key} = {value}")
    ctx.config("\n".join(lines))
    return Expect(args, fail=True, stage="none", mention=f"specwalk.toml:{at + 1}: " if mention != "NUL" else mention)


@mutation("cfg/unknown-table")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    text = ctx.config_text()
    line = len(editor_lines(text)) + 2
    ctx.config(text + "\n[" + ctx.pick(["brwoser", "zzz", "app.extra", "ouput"]) + "]\nx = 1\n")
    return Expect(args, fail=True, stage="none", mention=f"specwalk.toml:{line}:")


@mutation("cfg/deep")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    depth = ctx.pick([33, 1000, 5000, 50_000])
    value = ctx.pick(["[" * depth + "]" * depth, "{a = " * depth + "1" + "}" * depth])
    ctx.config(ctx.config_text() + f"\n[docs]\nextra = {value}\n")
    return Expect(args, fail=True, stage="none", mention="nested")


@mutation("cfg/broken-syntax")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    data = bytearray(ctx.read("specwalk.toml"))
    if ctx.rng.random() < 0.5:
        data = data[: ctx.rng.randrange(len(data))]
    else:
        for _ in range(ctx.rng.randint(1, 8)):
            at = ctx.rng.randrange(len(data))
            data[at:at] = ctx.pick([b"[", b"]", b'"', b"=", b"\n", b"{", b"'''", b"\\"])
    ctx.write("specwalk.toml", bytes(data))
    return Expect(args, stage="none")


@mutation("cfg/output-dir")
def _(ctx: Ctx) -> Expect:
    args, stage = _cfg_command(ctx)
    kind = ctx.pick(["file", "below-file", "proc", "sys", "plan-json-dir", "cache-file", "dev-null"])
    target = {"file": "out", "below-file": "out/deeper", "proc": "/proc/self/out", "sys": "/sys/specwalk"}.get(kind)
    if kind in ("file", "below-file"):
        ctx.write("out", "not a directory\n")
    if kind == "dev-null":
        target = "/dev/null"
    if kind == "plan-json-dir":
        output = ctx.project / ".specwalk" / ("plan.json" if stage == "plan" else "uimap.json")
        output.unlink()
        output.mkdir()
        return Expect(args, fail=True, stage=stage, mention="is a directory")
    if kind == "cache-file":
        ctx.write(".specwalk/cache", "")
        return Expect(["index"], fail=True, stage="index", mention="cache")
    ctx.config(ctx.config_text().replace('dir = ".specwalk"', f'dir = "{target}"'))
    return Expect(args, fail=True, stage="none", mention="cannot")


@mutation("cfg/read-only-output")
def _(ctx: Ctx) -> Expect:
    args, _ = _cfg_command(ctx)
    (ctx.project / ".specwalk").mkdir(exist_ok=True)
    (ctx.project / ".specwalk").chmod(0o555)
    return Expect(args, fail=True, stage="none", mention="permission denied", unprivileged=True)


@mutation("cfg/llm")
def _(ctx: Ctx) -> Expect:
    value = ctx.pick(["bogus", "", "bogus:model", "ftp://x", ":model"])
    if ctx.rng.random() < 0.5:
        return Expect(["plan", "--llm", value, "requirements.md"], fail=True, mention="--llm")
    return Expect(["plan", "requirements.md"], fail=True, env={"SPECWALK_LLM": value or "x"}, mention="$SPECWALK_LLM")


@mutation("cfg/source-roots")
def _(ctx: Ctx) -> Expect:
    root = ctx.pick(['"missing"', '"/proc/self"', '"requirements.md"', '"../"', '"/"', '"gone"'])
    if root == '"gone"':
        (ctx.project / "gone").symlink_to(ctx.project / "nowhere")
    text = ctx.config_text()
    current = next(line for line in text.split("\n") if line.startswith("source_roots"))
    ctx.config(text.replace(current, f"source_roots = [{root}]"))
    return Expect(["index"], fail=True, stage="index", mention="project.source_roots")


@mutation("cfg/missing")
def _(ctx: Ctx) -> Expect:
    (ctx.project / "specwalk.toml").unlink()
    return Expect(["plan"], fail=True, mention="no requirements", stage="none")


# --- sources (index) -------------------------------------------------------------------------

INDEX = ["index"]


@mutation("src/truncated")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    data = ctx.read(name)
    ctx.write(name, data[: ctx.rng.randrange(len(data) + 1)])
    return Expect(INDEX, stage="index")


@mutation("src/unusable-file")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    kind = ctx.pick(["binary", "utf16", "huge", "latin1"])
    data = ctx.read(name)
    mention = {"binary": "binary content", "utf16": "UTF-16", "huge": "MB, over the", "latin1": "not valid UTF-8"}
    if kind == "binary":
        ctx.write(name, bytes(ctx.rng.randrange(256) for _ in range(ctx.rng.randint(10, 4000))) + b"\x00")
    elif kind == "utf16":
        ctx.write(name, data.decode("utf-8").encode("utf-16"))
    elif kind == "huge":
        ctx.write(name, data + b"\n//" + b"x" * 2_100_000 + b"\n")
    else:
        ctx.write(name, data + "\n<!-- caf\udce9 -->\n".encode("utf-8", "surrogateescape"))
    return (
        Expect(INDEX, stage="index", mention=f"{name}")
        if kind != "huge"
        else Expect(INDEX, stage="index", mention=mention[kind])
    )


@mutation("src/links")
def _(ctx: Ctx) -> Expect:
    folder = Path(ctx.source()).parent
    kind = ctx.pick(["loop", "self", "broken", "dir-loop", "dir-outside", "fifo"])
    name = folder / (
        "Looping.tsx"
        if ctx.example == "tasks-react"
        else "looping.html"
        if ctx.example == "notes-html"
        else "Looping.vue"
    )
    path = ctx.project / name
    if kind == "loop":
        path.symlink_to(ctx.project / folder / "other-end")
        (ctx.project / folder / "other-end").symlink_to(path)
    elif kind == "self":
        path.symlink_to(path)
    elif kind == "broken":
        path.symlink_to(ctx.project / "nowhere")
    elif kind == "fifo":
        os.mkfifo(path)  # never opened: only regular files are read
        return Expect(INDEX, stage="index", fail=False)
    elif kind == "dir-outside":
        (ctx.project / folder / "system").symlink_to("/usr/share")  # links to folders are not followed
        return Expect(INDEX, stage="index", fail=False)
    else:
        (ctx.project / folder / "again").symlink_to(ctx.project / folder)
        return Expect(INDEX, stage="index", fail=False)
    return Expect(INDEX, stage="index", mention=name.as_posix())


@mutation("src/many-files")
def _(ctx: Ctx) -> Expect:
    """Enough files for the index to parse in worker processes, with one thing wrong there."""
    folder = Path(ctx.source()).parent
    suffix = {"tasks-react": ".tsx", "notes-html": ".html"}.get(ctx.example, ".vue")
    body = {".tsx": "export const P{n} = () => <button>Save {n}</button>;\n", ".html": "<button>Save {n}</button>\n"}
    for number in range(90):
        ctx.write(
            f"{folder}/Extra{number}{suffix}",
            body.get(suffix, "<template><button>Save {n}</button></template>\n").format(n=number),
        )
    kind = ctx.pick(["read-only-cache", "unreadable-file", "binary-file", "self-link"])
    if kind == "read-only-cache":
        (ctx.project / ".specwalk" / "cache").mkdir(parents=True, exist_ok=True)
        (ctx.project / ".specwalk" / "cache").chmod(0o555)
        return Expect(INDEX, stage="none", fail=True, mention="permission denied", unprivileged=True)
    if kind == "unreadable-file":
        (ctx.project / folder / f"Extra7{suffix}").chmod(0)
        return Expect(INDEX, stage="index", mention=f"Extra7{suffix}: cannot read", unprivileged=True)
    if kind == "binary-file":
        ctx.write(f"{folder}/Extra9{suffix}", b"\x00\x01binary")
        return Expect(INDEX, stage="index", mention=f"Extra9{suffix}:1: binary content")
    (ctx.project / folder / f"Loop{suffix}").symlink_to(ctx.project / folder / f"Loop{suffix}")
    return Expect(INDEX, stage="index", mention=f"Loop{suffix}: cannot read")


@mutation("src/gitignore")
def _(ctx: Ctx) -> Expect:
    junk = ctx.pick(
        [
            "[",
            "**/***\n!**\n\\",
            "\x00\xff\xfe",
            "src\n!src/**\n*.tsx\n",
            "/" * 5000,
            "\n".join(f"pattern{n}/**" for n in range(20_000)),
            "*\n",
        ]
    )
    ctx.write(".gitignore", junk)
    return Expect(INDEX, stage="index")


@mutation("src/bad-name")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    folder = os.path.dirname(name)
    odd = os.fsdecode(b"caf\xe9" + os.path.splitext(name)[1].encode())
    shutil.copy(ctx.project / name, ctx.project / folder / odd)
    return Expect(INDEX, stage="index", mention="name is not UTF-8")


@mutation("src/unreadable")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    if ctx.rng.random() < 0.5 or "/" not in name:
        (ctx.project / name).chmod(0)
        return Expect(INDEX, stage="index", mention=f"{name}: cannot read", unprivileged=True)
    folder = name.rsplit("/", 1)[0]
    (ctx.project / folder).chmod(0)
    return Expect(INDEX, stage="index", mention=folder, unprivileged=True)


@mutation("src/deep")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    depth = ctx.pick([500, 3000, 20_000])
    suffix = os.path.splitext(name)[1]
    if suffix in (".html", ".vue"):
        deep = "<div>" * depth + "x" + "</div>" * depth
        data = ctx.read(name).decode().replace("</main>", deep + "</main>", 1)
        if deep not in data:
            data = data.replace("</template>", deep + "</template>", 1) if "</template>" in data else data + deep
    else:
        data = ctx.read(name).decode() + "\nexport const deep = " + "(" * depth + "1" + ")" * depth + ";\n"
    ctx.write(name, data)
    return Expect(INDEX, stage="index")


@mutation("src/byte-noise")
def _(ctx: Ctx) -> Expect:
    name = ctx.source()
    data = bytearray(ctx.read(name))
    for _ in range(ctx.rng.randint(1, 40)):
        at = ctx.rng.randrange(len(data) + 1)
        data[at:at] = ctx.pick([b"<", b">", b"{", b"}", b"(", b")", b'"', b"`", b"/*", b"<!--", b"\\", b"\n"])
    ctx.write(name, bytes(data))
    return Expect(INDEX, stage="index")


@mutation("src/nothing-left")
def _(ctx: Ctx) -> Expect:
    kind = ctx.pick(["empty", "deleted", "comments"])
    for name in ctx.sources():
        if kind == "deleted":
            (ctx.project / name).unlink()
        else:
            ctx.write(name, "" if kind == "empty" else "<!-- nothing here -->\n")
    return Expect(INDEX, stage="index", fail=True)


@mutation("src/translations")
def _(ctx: Ctx) -> Expect:
    folder = "src/locales" if ctx.example == "tasks-react" else "src/i18n" if ctx.example != "notes-html" else "locales"
    kind = ctx.pick(["array", "string", "dir", "deep-array", "deep-object", "broken", "null"])
    path = f"{folder}/fr.json"
    data = {
        "array": '["Save", "Cancel"]',
        "string": '"Enregistrer"',
        "deep-array": "[" * 10_000 + "]" * 10_000,
        "deep-object": '{"a":' * 5_000 + '"x"' + "}" * 5_000,
        "broken": '{"save": "Enregistrer",',
        "null": "null",
    }.get(kind)
    if kind == "dir":
        (ctx.project / path).mkdir(parents=True)
    else:
        ctx.write(path, data or "")
    return Expect(INDEX, stage="index", mention=path)


# --- init --------------------------------------------------------------------------------------


def _init(ctx: Ctx) -> None:
    (ctx.project / "specwalk.toml").unlink()


@mutation("init/package-json")
def _(ctx: Ctx) -> Expect:
    _init(ctx)
    kind = ctx.pick(["array", "string", "broken", "deep", "null-deps", "huge", "bom", "latin1"])
    data = {
        "array": "[1, 2]",
        "string": '"react"',
        "broken": '{"dependencies": {"react": ',
        "deep": '{"a":' * 5000 + "1" + "}" * 5000,
        "null-deps": '{"dependencies": null, "scripts": ["dev"]}',
        "huge": '{"name": "' + "x" * 3_000_000 + '"}',
        "bom": "\ufeff" + ctx.read("package.json").decode(),
        "latin1": '{"name": "caf\udce9"}',
    }[kind]
    ctx.write("package.json", data)
    return Expect(["init"], stage="init")


@mutation("init/read-only")
def _(ctx: Ctx) -> Expect:
    _init(ctx)
    ctx.project.chmod(0o555)
    return Expect(["init"], fail=True, stage="none", mention="permission denied", unprivileged=True)


@mutation("init/not-a-directory")
def _(ctx: Ctx) -> Expect:
    _init(ctx)
    target = ctx.pick(["requirements.md", "missing-dir", "/dev/null", "/proc/self/fd/0"])
    return Expect(["init", target], fail=True, stage="none")


@mutation("init/config-in-the-way")
def _(ctx: Ctx) -> Expect:
    _init(ctx)
    kind = ctx.pick(["dir", "loop"])
    path = ctx.project / "specwalk.toml"
    if kind == "dir":
        path.mkdir()
        return Expect(["init", ctx.pick(["--force", "."])], fail=True, stage="none", mention="specwalk.toml")
    path.symlink_to(path)  # a link that loops holds no config: init replaces it by the file it writes
    return Expect(["init", ctx.pick(["--force", "."])], fail=False, stage="init")


@mutation("init/noise")
def _(ctx: Ctx) -> Expect:
    _init(ctx)
    name = ctx.pick(
        [name for name in ("package.json", "index.html", "vite.config.ts") if (ctx.project / name).exists()]
    )
    data = bytearray(ctx.read(name))
    for _ in range(ctx.rng.randint(1, 20)):
        at = ctx.rng.randrange(len(data) + 1)
        data[at:at] = ctx.pick([b"{", b"}", b'"', b",", b"\x00", b"\xff", b"<", b"\n"])
    ctx.write(name, bytes(data))
    return Expect(["init"], stage="init")

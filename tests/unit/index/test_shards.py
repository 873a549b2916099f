"""Worker shards give the same UI map as one process, cold, from the cache, and incrementally."""

from __future__ import annotations

import json
import os
from pathlib import Path

from specwalk.index.build import IndexSettings, build_index

BUTTON = """export function Button({ children, variant, ...rest }) {
  return <button className={variant} {...rest}>{children}</button>;
}
"""
FIELD = """export default function Field({ id, label, hint }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} />
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
"""
APP = """import {{ BrowserRouter, Routes, Route }} from 'react-router-dom';
{imports}
export default function App() {{
  return (
    <BrowserRouter>
      <Routes>
{routes}
      </Routes>
    </BrowserRouter>
  );
}}
"""
PAGE = """import {{ useTranslation }} from 'react-i18next';
import {{ Button }} from '../ui/Button';
import Field from '../ui/Field';

export default function Page{n}({{ items }}) {{
  const {{ t }} = useTranslation();
  return (
    <section data-testid="page-{n}">
      <h1>{{t('pages.p{n}.title')}}</h1>
      <Field id="name-{n}" label="Name {n}" hint="Required" />
      <Field id="email-{n}" label={{t('common.email')}} />
      <Button type="submit" variant="primary">{{t('common.save')}}</Button>
      <ul>{{items.map((item) => <li key={{item.id}}><Button onClick={{() => remove(item)}}>Remove</Button></li>)}}</ul>
      {{items.length === 0 && <p role="status">Nothing yet</p>}}
    </section>
  );
}}
"""
VUE = """<template>
  <form @submit.prevent="save">
    <label for="q{n}">Query {n}</label>
    <input id="q{n}" v-model="q" placeholder="Search {n}" />
    <button type="submit">{{{{ $t('common.save') }}}}</button>
  </form>
</template>
"""


def _project(root: Path, pages: int = 60) -> Path:
    (root / "src" / "ui").mkdir(parents=True)
    (root / "src" / "pages").mkdir()
    (root / "src" / "forms").mkdir()
    (root / "src" / "locales").mkdir()
    (root / "src" / "ui" / "Button.tsx").write_text(BUTTON)
    (root / "src" / "ui" / "Field.tsx").write_text(FIELD)
    messages = {"common": {"save": "Save", "email": "Email"}, "pages": {}}
    for n in range(pages):
        (root / "src" / "pages" / f"Page{n}.tsx").write_text(PAGE.format(n=n))
        messages["pages"][f"p{n}"] = {"title": f"Page {n}"}
    for n in range(12):
        (root / "src" / "forms" / f"Search{n}.vue").write_text(VUE.format(n=n))
    (root / "src" / "locales" / "en.json").write_text(json.dumps(messages))
    (root / "src" / "App.tsx").write_text(
        APP.format(
            imports="\n".join(f"import Page{n} from './pages/Page{n}';" for n in range(pages)),
            routes="\n".join(f'        <Route path="/p{n}" element={{<Page{n} />}} />' for n in range(pages)),
        )
    )
    return root


def _index(root: Path, out: str, *, workers: int, use_cache: bool = True) -> tuple[bytes, object]:
    settings = IndexSettings(
        root=root, source_roots=("src",), framework="react", output_dir=root / out, workers=workers, use_cache=use_cache
    )
    run = build_index(settings)
    return (root / out / "uimap.json").read_bytes(), run


def test_two_workers_write_the_same_map_as_one_process(tmp_path):
    root = _project(tmp_path / "app")
    alone, single = _index(root, "one", workers=1, use_cache=False)
    shared, run = _index(root, "two", workers=2)
    assert (single.workers, run.workers) == (1, 2)
    assert shared == alone
    uimap = run.uimap
    # Expansion crossed files: every Button usage became a button, every Field a labelled input.
    save = [e for e in uimap.elements if e.text is not None and e.text.key == "common.save" and e.role == "button"]
    assert len(save) == 60 + 12
    name = next(e for e in uimap.elements if e.id == "src/pages/Page7.tsx:10:7")
    assert (name.role, name.label.value, name.routes) == ("textbox", "Name 7", ["/p7"])
    assert name.locators[0].playwright == "getByRole('textbox', { name: 'Name 7' })"
    assert run.summary.elements == len(uimap.elements)


def test_cache_reuse_and_incremental_runs_match_a_fresh_index(tmp_path):
    root = _project(tmp_path / "app")
    first, run = _index(root, ".specwalk", workers=2)
    assert (run.parsed, run.reused) == (75, 0)
    # Same content, new mtimes (a checkout): found by content hash, nothing parsed again.
    for path in (root / "src").rglob("*.tsx"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again, run = _index(root, ".specwalk", workers=2)
    assert (run.parsed, run.reused, again) == (0, 75, first)
    page = root / "src" / "pages" / "Page3.tsx"
    page.write_text(page.read_text().replace("Nothing yet", "No items yet"))
    changed, run = _index(root, ".specwalk", workers=2)
    assert (run.parsed, run.reused) == (1, 74)
    fresh, _ = _index(root, "fresh", workers=1, use_cache=False)
    assert changed == fresh
    assert b"No items yet" in changed and b"Nothing yet" in changed  # Page3 changed; the others did not
    # One pack per shard and run; a pack nothing refers to any more is deleted.
    packs = list((root / ".specwalk" / "cache" / "index" / "facts").rglob("*.pack"))
    assert len(packs) == 3


def test_a_file_whose_elements_two_shards_hold_is_written_in_source_order(tmp_path):
    from specwalk.index.mapfile import _ELEMENTS, write_map
    from specwalk.index.shards import Emitted
    from specwalk.index.summary import tally
    from specwalk.models.uimap import SourceSpan, UIElement, UIMap

    def element(line: int) -> UIElement:
        place = SourceSpan(file="src/A.tsx", line=line, column=1)
        return UIElement(id=f"src/A.tsx:{line}:1", location=place, component="A", tag="p", native_tag="p", role=None)

    def answer(*lines: int) -> Emitted:
        elements = [element(line) for line in lines]
        return Emitted({"src/A.tsx": _ELEMENTS.dump_json(elements)[1:-1]}, {"src/A.tsx": tally(elements)})

    head = UIMap(specwalk_version="0", root=str(tmp_path), framework="react", locales=["en"], files_indexed=1)
    size, tallies = write_map(tmp_path / "uimap.json", head, [answer(2, 9), answer(5)])
    written = UIMap.model_validate_json((tmp_path / "uimap.json").read_bytes())
    assert [e.location.line for e in written.elements] == [2, 5, 9]
    assert (size, sum(part.elements for part in tallies)) == ((tmp_path / "uimap.json").stat().st_size, 3)


def test_warming_parses_one_changed_file_per_kind_before_forking(tmp_path):
    from specwalk.index.facts import FileFacts, ParseContext
    from specwalk.index.shards import Job, _warm

    for name in ("a.tsx", "b.tsx", "c.vue", "d.vue"):
        (tmp_path / name).write_text("<p>x</p>\n")
    parsed: list[str] = []

    def parse(path: str, source: bytes | OSError, kinds: tuple[str, ...], context: ParseContext) -> list[FileFacts]:
        parsed.append(path)
        return []

    jobs = [
        Job("c.vue", ("vue",), digest="unchanged", pack="p"),  # cached: not parsed this run
        Job("a.tsx", ("react",)),
        Job("b.tsx", ("react",)),
        Job("missing.svelte", ("svelte",)),  # unreadable: skipped
        Job("d.vue", ("vue",)),
    ]
    _warm(str(tmp_path), ParseContext(), parse, jobs)
    assert parsed == ["a.tsx", "d.vue"]

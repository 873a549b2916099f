"""Synthetic front-end repositories for `index_speed.py`, in two profiles.

realistic (the default): component files whose sizes and UI density follow what `specwalk index`
    measured on large open-source apps (bench/real_repos.json): per framework, file sizes drawn
    from a log-normal with the measured median and mean, and UI elements per byte from the
    densest large app of that framework (so the profile errs towards more work per byte). Real
    files carry logic the indexer parses but finds no elements in: imports, types, hooks,
    effects, reducers, helpers, styles, layout wrappers, static copy.
dense: the earlier generator, one UI element per ~115 bytes: every file is a small form with a
    list and a dialog. About 10x the UI density of real apps; kept to show the per-element cost.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from collections.abc import Callable
from pathlib import Path

# Per framework: median and mean bytes per component file, and the share of blocks that hold UI
# elements (the rest are logic or layout), tuned so that the bytes per element land near
# `bytes_per_element` (from bench/real_repos.json: the densest large app of the framework).
REALISTIC = {
    # insomnia: median 2,406 B, mean 6,514 B, 877 B per element (outline: 1,603; excalidraw: 3,356)
    "tsx": {"median": 2400, "mean": 5000, "bytes_per_element": 880},
    # hoppscotch: median 4,075 B, mean 6,750 B, 861 B per element
    "vue": {"median": 4000, "mean": 6500, "bytes_per_element": 860},
    # appwrite console: median 2,573 B, mean 4,687 B, 1,170 B per element
    "svelte": {"median": 2600, "mean": 4700, "bytes_per_element": 1170},
    # page templates (ngx-admin's component templates: median 889 B, mean 1,661 B, 131 B per
    # element; the TodoMVC page: 82 B per element)
    "html": {"median": 1300, "mean": 1800, "bytes_per_element": 110},
}
SHARES = (("tsx", 0.5), ("vue", 0.2), ("svelte", 0.15), ("html", 0.15))
# Share of blocks that are UI, per framework: tuned with `python bench/synthetic_repo.py`, which
# prints the bytes per element a generated repository has (element counts depend on the indexer:
# retune when it finds more or fewer elements in the apps of bench/real_repos.json).
UI_SHARE = {"tsx": 0.15, "vue": 0.15, "svelte": 0.035, "html": 0.4}


def _size(rng: random.Random, median: float, mean: float) -> int:
    sigma = math.sqrt(2 * math.log(mean / median))  # a log-normal's mean / median = exp(sigma²/2)
    return int(min(80_000, max(500, rng.lognormvariate(math.log(median), sigma))))


_WORDS = (  # noqa: SIM905 - a list of words
    "account billing project member invoice report message channel document workspace setting "
    "team order product review comment draft schedule payment profile session token export"
).split()
_TAILWIND = (  # noqa: SIM905
    "flex items-center justify-between gap-2 gap-4 px-4 py-2 px-6 py-4 rounded-md rounded-lg "
    "border border-gray-200 dark:border-gray-700 bg-white dark:bg-gray-900 text-sm "
    "text-gray-500 font-medium shadow-sm grid grid-cols-2 md:grid-cols-3 space-y-4 w-full "
    "max-w-3xl mx-auto truncate"
).split()


def _w(rng: random.Random) -> str:
    return rng.choice(_WORDS)


def _cls(rng: random.Random) -> str:
    return " ".join(rng.sample(_TAILWIND, rng.randint(3, 8)))


def _fill(
    rng: random.Random, target: int, size: int, choices: list[tuple[float, Callable[[int], str], list[str]]]
) -> None:
    """Add blocks until the file is about `target` bytes: each time a random roll picks the first
    choice whose cumulative share is above it, and its block (made with the block's number) goes
    to that choice's list."""
    n = 0
    while size < target - 250:
        n += 1
        roll = rng.random()
        make, into = next((make, into) for share, make, into in choices if roll < share)
        block = make(n)
        into.append(block)
        size += len(block)


# --- TSX -------------------------------------------------------------------------------------


def _tsx_logic_top(rng: random.Random, n: int) -> str:
    word, other = _w(rng), _w(rng)
    kind = rng.randrange(4)
    if kind == 0:
        return f"""
type {word.title()}Action{n} =
  | {{ type: 'add'; item: {word.title()}Item }}
  | {{ type: 'remove'; id: string }}
  | {{ type: 'rename'; id: string; title: string }}
  | {{ type: 'reset' }};

function {word}Reducer{n}(state: {word.title()}Item[], action: {word.title()}Action{n}): {word.title()}Item[] {{
  switch (action.type) {{
    case 'add':
      return [...state, action.item];
    case 'remove':
      return state.filter((item) => item.id !== action.id);
    case 'rename':
      return state.map((item) => (item.id === action.id ? {{ ...item, title: action.title }} : item));
    default:
      return [];
  }}
}}
"""
    if kind == 1:
        return f"""
export function format{word.title()}{n}(value: number, locale = 'en-US'): string {{
  if (!Number.isFinite(value)) {{
    return '—';
  }}
  const notation = value > 1e6 ? 'compact' : 'standard';
  const formatter = new Intl.NumberFormat(locale, {{ maximumFractionDigits: 2, notation }});
  return formatter.format(value);
}}
"""
    if kind == 2:
        return f"""
const {word.upper()}_COLUMNS_{n} = [
  {{ key: 'name', title: '{word.title()} name', width: 240, sortable: true }},
  {{ key: '{other}', title: '{other.title()}', width: 160, sortable: false }},
  {{ key: 'updatedAt', title: 'Last updated', width: 180, sortable: true }},
  {{ key: 'owner', title: 'Owner', width: 200, sortable: true }},
] as const;
"""
    return f"""
/** Validates a {word} before it is sent to the server; returns the errors by field. */
export function validate{word.title()}{n}(input: Partial<{word.title()}Item>): Record<string, string> {{
  const errors: Record<string, string> = {{}};
  if (!input.title || input.title.trim().length < 3) {{
    errors.title = 'The title needs at least 3 characters';
  }}
  if (input.title && input.title.length > 120) {{
    errors.title = 'The title is too long';
  }}
  if (input.{other} !== undefined && typeof input.{other} !== 'string') {{
    errors.{other} = 'Unexpected value';
  }}
  return errors;
}}
"""


def _tsx_logic_hook(rng: random.Random, n: int) -> str:
    word = _w(rng)
    kind = rng.randrange(3)
    if kind == 0:
        return f"""
  useEffect(() => {{
    let cancelled = false;
    setLoading(true);
    fetch(`/api/{word}s/${{id}}?page=${{page}}`)
      .then((response) => {{
        if (!response.ok) {{
          throw new Error(`Request failed: ${{response.status}}`);
        }}
        return response.json();
      }})
      .then((data: {{ items: {word.title()}Item[] }}) => {{
        if (!cancelled) setItems{n}(data.items);
      }})
      .catch((reason: unknown) => !cancelled && setError(String(reason)))
      .finally(() => !cancelled && setLoading(false));
    return () => {{
      cancelled = true;
    }};
  }}, [id, page]);
"""
    if kind == 1:
        return f"""
  const visible{n} = useMemo(
    () =>
      items
        .filter((item) => item.title.toLowerCase().includes(query.trim().toLowerCase()))
        .sort((a, b) => (sortBy === 'date' ? b.updatedAt - a.updatedAt : a.title.localeCompare(b.title))),
    [items, query, sortBy],
  );
"""
    return f"""
  const handle{word.title()}{n} = useCallback(
    async (values: Partial<{word.title()}Item>) => {{
      const errors = Object.keys(values).filter((key) => values[key as keyof typeof values] === undefined);
      if (errors.length > 0) {{
        setError(`Missing: ${{errors.join(', ')}}`);
        return;
      }}
      await onChange({{ ...values, updatedAt: Date.now() }});
      setOpen(false);
    }},
    [onChange],
  );
"""


def _tsx_ui(rng: random.Random, name: str, n: int) -> str:
    low = name.lower()
    kind = rng.randrange(7)
    if kind == 0:
        return f"""
          <div className="{_cls(rng)}">
            <label htmlFor="{low}-f{n}">{{t('{low}.field{n}')}}</label>
            <input id="{low}-f{n}" name="f{n}" value={{values.f{n} ?? ''}}
              onChange={{(e) => set('f{n}', e.target.value)}} />
          </div>"""
    if kind == 1:
        return f"""
          <ul className="{_cls(rng)}">
            {{items.map((item) => (
              <li key={{item.id}} className="{_cls(rng)}">
                <span className="truncate">{{item.title}}</span>
                <button type="button" title="Remove" onClick={{() => remove(item.id)}}>×</button>
              </li>
            ))}}
          </ul>"""
    if kind == 2:
        return f"""
          {{open && (
            <div role="dialog" aria-label="Confirm {n}" className="{_cls(rng)}">
              <p className="{_cls(rng)}">{{t('common.confirm')}}</p>
              <button onClick={{() => setOpen(false)}}>{{t('common.cancel')}}</button>
            </div>
          )}}"""
    if kind == 3:
        return f"""
          <h2 className="{_cls(rng)}">{{t('{low}.section{n}')}}</h2>"""
    if kind == 4:
        return f"""
          <Button variant="primary" onClick={{() => setOpen(true)}}>{{t('{low}.action{n}')}}</Button>"""
    if kind == 5:
        return f"""
          <select name="sort{n}" aria-label="Sort by" value={{sortBy}} onChange={{(e) => setSortBy(e.target.value)}}>
            <option value="date">Date</option>
            <option value="name">Name</option>
          </select>"""
    return """
          {error && <p role="alert" className="text-red-600">{error}</p>}"""


def _tsx_layout(rng: random.Random) -> str:
    word = _w(rng)
    return f"""
          <div className="{_cls(rng)}">
            <div className="{_cls(rng)}">
              <span className="{_cls(rng)}">{{{word}Count}} {word}s</span>
              <span className="{_cls(rng)}">{{formatDate(updatedAt)}}</span>
            </div>
          </div>"""


def tsx(name: str, index: int, rng: random.Random, target: int) -> str:
    head = f"""import {{ useCallback, useEffect, useMemo, useState }} from 'react';
import {{ useTranslation }} from 'react-i18next';
import {{ Button }} from '../ui/Button';
import {{ formatDate }} from '../../lib/dates';
import type {{ {name}Props }} from './types';
import Child{index % 50} from '../shared/Child{index % 50}';

interface {_w(rng).title()}Item {{
  id: string;
  title: string;
  updatedAt: number;
}}
"""
    component_open = f"""
/** {name}: generated for the index benchmark. */
export default function {name}({{ id, items, onChange }}: {name}Props) {{
  const {{ t }} = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({{}});
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sortBy, setSortBy] = useState('date');
  const set = (key: string, value: string) => setValues((current) => ({{ ...current, [key]: value }}));
"""
    top: list[str] = []
    hooks: list[str] = []
    jsx: list[str] = []
    share = UI_SHARE["tsx"]
    _fill(
        rng,
        target,
        len(head) + len(component_open) + 200,
        [
            (share, lambda n: _tsx_ui(rng, name, n), jsx),
            (share + 0.2, lambda n: _tsx_layout(rng), jsx),
            (share + 0.45, lambda n: _tsx_logic_hook(rng, n), hooks),
            (1.0, lambda n: _tsx_logic_top(rng, n), top),
        ],
    )
    body = "".join(jsx) or "\n          <Child0 />"
    return (
        head
        + "".join(top)
        + component_open
        + "".join(hooks)
        + f"""
  return (
    <section className="{_cls(rng)}">
      <div className="{_cls(rng)}">{body}
      </div>
    </section>
  );
}}
"""
    )


# --- Vue ---------------------------------------------------------------------------------------


def _vue_logic(rng: random.Random, n: int) -> str:
    word = _w(rng)
    if rng.random() < 0.5:
        return f"""
const filtered{n} = computed(() =>
  props.items
    .filter((item) => item.name.toLowerCase().includes(query.value.trim().toLowerCase()))
    .sort((a, b) => a.name.localeCompare(b.name)),
);
watch(
  () => props.items.length,
  (count, previous) => {{
    if (count > previous) emit('grown', count - previous);
  }},
);
"""
    return f"""
async function load{word.title()}{n}(page = 1): Promise<void> {{
  loading.value = true;
  try {{
    const response = await fetch(`/api/{word}s?page=${{page}}&q=${{encodeURIComponent(query.value)}}`);
    if (!response.ok) throw new Error(`Request failed: ${{response.status}}`);
    const data = (await response.json()) as {{ items: {{ id: number; name: string }}[] }};
    rows.value = data.items;
  }} catch (reason) {{
    error.value = String(reason);
  }} finally {{
    loading.value = false;
  }}
}}
"""


def _vue_ui(rng: random.Random, index: int, n: int) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"""
      <div class="field">
        <label for="v{index}-{n}">Field {n}</label>
        <input id="v{index}-{n}" v-model="form.f{n}" placeholder="Value {n}" />
      </div>"""
    if kind == 1:
        return """
      <ul class="rows">
        <li v-for="item in filtered" :key="item.id" class="row">{{ item.name }}
          <button type="button" @click="remove(item.id)">{{ $t('common.remove') }}</button>
        </li>
      </ul>"""
    if kind == 2:
        return f"""
      <div v-if="open" role="dialog" aria-label="Confirm {n}">{{{{ $t('common.confirm') }}}}</div>"""
    if kind == 3:
        return f"""
      <h3 class="title">{{{{ $t('section.title{n}') }}}}</h3>"""
    return f"""
      <button type="button" class="primary" @click="load{n}()">{{{{ $t('common.refresh') }}}}</button>"""


def _vue_style(rng: random.Random, index: int, n: int) -> str:
    return f"""
.block-{index}-{n} {{
  display: flex;
  align-items: center;
  gap: 0.75rem;
  padding: 0.5rem 1rem;
  border-bottom: 1px solid var(--color-border);
}}
.block-{index}-{n}:hover {{
  background: var(--color-hover);
}}
"""


def vue(name: str, index: int, rng: random.Random, target: int) -> str:
    script_head = """<script setup lang="ts">
import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
const props = defineProps<{ items: { id: number; name: string }[] }>();
const emit = defineEmits<{ (event: 'grown', count: number): void }>();
const { t } = useI18n();
const form = reactive<Record<string, string>>({});
const query = ref('');
const open = ref(false);
const loading = ref(false);
const error = ref<string | null>(null);
const rows = ref<{ id: number; name: string }[]>([]);
"""
    logic: list[str] = []
    ui: list[str] = []
    style: list[str] = []
    share = UI_SHARE["vue"]
    _fill(
        rng,
        target,
        len(script_head) + 300,
        [
            (share, lambda n: _vue_ui(rng, index, n), ui),
            (share + 0.35, lambda n: _vue_logic(rng, n), logic),
            (1.0, lambda n: _vue_style(rng, index, n), style),
        ],
    )
    return (
        script_head
        + "".join(logic)
        + f"""</script>

<template>
  <section class="view-{index}">
    <form @submit.prevent="open = false">{"".join(ui)}
    </form>
  </section>
</template>

<style scoped>{"".join(style)}</style>
"""
    )


# --- Svelte ------------------------------------------------------------------------------------


def _svelte_logic(rng: random.Random, n: int) -> str:
    word = _w(rng)
    return f"""
  $: filtered{n} = items.filter((item) => item.name.toLowerCase().includes(query.toLowerCase()));
  async function load{word.title()}{n}(page = 1) {{
    loading = true;
    try {{
      const response = await fetch(`/api/{word}s?page=${{page}}`);
      if (!response.ok) throw new Error(`Request failed: ${{response.status}}`);
      items = (await response.json()).items;
    }} catch (reason) {{
      error = String(reason);
    }} finally {{
      loading = false;
    }}
  }}
"""


def _svelte_ui(rng: random.Random, index: int, n: int) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"""
    <label for="s{index}-{n}">Field {n}</label>
    <input id="s{index}-{n}" bind:value={{values[{n}]}} />"""
    if kind == 1:
        return """
    {#each items as item (item.id)}
      <p class="row">{item.name} <button on:click={() => remove(item.id)}>Remove</button></p>
    {/each}"""
    if kind == 2:
        return f"""
    {{#if open}}<div role="dialog" aria-label="Confirm {n}">Sure?</div>{{/if}}"""
    if kind == 3:
        return f"""
    <h3>Section {n}</h3>"""
    return f"""
    <button type="button" class="secondary" on:click={{() => (open = true)}}>Open {n}</button>"""


def _svelte_layout(rng: random.Random, index: int, n: int) -> str:
    return f"""
    <div class="stack-{index}-{n}">
      <div class="meta">
        <span class="count">{{items.length}} items</span>
        <span class="updated">{{formatDate(updatedAt)}}</span>
      </div>
    </div>"""


def svelte(name: str, index: int, rng: random.Random, target: int) -> str:
    script_head = """<script lang="ts">
  import { formatDate } from '$lib/dates';
  export let items: { id: number; name: string }[] = [];
  export let updatedAt = Date.now();
  let values: string[] = [];
  let query = '';
  let open = false;
  let loading = false;
  let error: string | null = null;
  const remove = (id: number) => (items = items.filter((item) => item.id !== id));
"""
    logic: list[str] = []
    markup: list[str] = []
    style: list[str] = []
    share = UI_SHARE["svelte"]
    _fill(
        rng,
        target,
        len(script_head) + 200,
        [
            (share, lambda n: _svelte_ui(rng, index, n), markup),
            (share + 0.055, lambda n: _svelte_layout(rng, index, n), markup),
            (share + 0.4, lambda n: _svelte_logic(rng, n), logic),
            (1.0, lambda n: _vue_style(rng, index, n), style),
        ],
    )
    return (
        script_head
        + "".join(logic)
        + f"""</script>

<section class="s-{index}">
  <form on:submit|preventDefault={{() => (open = false)}}>{"".join(markup)}
  </form>
</section>

<style>{"".join(style)}</style>
"""
    )


# --- HTML --------------------------------------------------------------------------------------


def _html_ui(rng: random.Random, index: int, n: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"""
        <label for="h{index}-{n}">Field {n}</label>
        <input id="h{index}-{n}" name="f{n}" type="text">"""
    if kind == 1:
        return f"""
        <button type="button" data-action="a{n}">Action {n}</button>"""
    if kind == 2:
        return f"""
        <h2>Section {n}</h2>"""
    return f"""
        <a href="#/page-{index}-{n}">More about {_w(rng)}s</a>"""


def _html_copy(rng: random.Random) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 20)))
    return f"""
        <p class="lead">{words.capitalize()}.</p>"""


def html(name: str, index: int, rng: random.Random, target: int) -> str:
    head = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{name}</title>
    <link rel="stylesheet" href="/styles/main.css">
  </head>
  <body>
    <nav aria-label="Main"><a href="#/">Home</a> <a href="#/page-{index}">{name}</a></nav>
    <main>
      <h1>{name}</h1>
      <form id="form-{index}">"""
    body: list[str] = []
    _fill(
        rng,
        target,
        len(head) + 100,
        [(UI_SHARE["html"], lambda n: _html_ui(rng, index, n), body), (1.0, lambda n: _html_copy(rng), body)],
    )
    return (
        head
        + "".join(body)
        + """
      </form>
    </main>
    <script src="/scripts/app.js" defer></script>
  </body>
</html>
"""
    )


Maker = Callable[[str, int, random.Random, int], str]
_MAKERS: dict[str, tuple[Maker, str]] = {
    "tsx": (tsx, ".tsx"),
    "vue": (vue, ".vue"),
    "svelte": (svelte, ".svelte"),
    "html": (html, ".html"),
}


def generate_realistic(directory: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write `count` component files, sized and as dense in UI as real apps; (files, bytes)."""
    rng = random.Random(seed)
    scaffold(directory)
    total = 0
    for index in range(count):
        roll = rng.random()
        kind = SHARES[-1][0]
        for candidate, share in SHARES:
            if roll < share:
                kind = candidate
                break
            roll -= share
        make, extension = _MAKERS[kind]
        target = _size(rng, REALISTIC[kind]["median"], REALISTIC[kind]["mean"])
        text = make(f"Widget{index}", index, rng, target)
        total += write(directory, index, f"Widget{index}{extension}", text)
    return count, total


def scaffold(directory: Path) -> None:
    if directory.exists():
        shutil.rmtree(directory)
    (directory / "src" / "locales").mkdir(parents=True)
    (directory / "specwalk.toml").write_text(
        '[project]\nframework = "react"\nsource_roots = ["src"]\nlocales = ["en"]\n', encoding="utf-8"
    )
    (directory / "src" / "locales" / "en.json").write_text(json.dumps({"common": {"save": "Save"}}))
    (directory / "src" / "ui").mkdir()
    (directory / "src" / "ui" / "Button.tsx").write_text(
        "export function Button({ children, ...rest }) {\n  return <button {...rest}>{children}</button>;\n}\n"
    )


def write(directory: Path, index: int, name: str, text: str) -> int:
    area = f"feature{index % 40}/sub{index % 7}" + (f"/deep{index % 3}" if index % 5 == 0 else "")
    path = directory / "src" / area / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def profile_stats(directory: Path, elements_by_file: dict[str, int]) -> dict[str, dict[str, float]]:
    """Per extension: files, median and mean bytes, bytes per UI element (the calibration's
    figures, to compare with bench/real_repos.json)."""
    sizes: dict[str, list[int]] = {}
    elements: dict[str, int] = {}
    for path in sorted((directory / "src").rglob("Widget*")):
        extension = path.suffix
        sizes.setdefault(extension, []).append(path.stat().st_size)
        elements[extension] = elements.get(extension, 0) + elements_by_file.get(
            path.relative_to(directory).as_posix(), 0
        )
    stats: dict[str, dict[str, float]] = {}
    for extension, found in sizes.items():
        found.sort()
        stats[extension] = {
            "files": len(found),
            "median": found[len(found) // 2],
            "mean": sum(found) / len(found),
            "bytes_per_element": sum(found) / max(1, elements[extension]),
        }
    return stats


def main() -> None:
    """Generate a realistic profile, index it, and print its calibration figures."""
    import argparse
    import collections

    from specwalk.index import IndexSettings, build_index

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/specwalk-synthetic"))
    parser.add_argument("--profile", choices=("realistic", "dense"), default="realistic")
    args = parser.parse_args()
    from synthetic_dense import generate_dense

    generate = generate_realistic if args.profile == "realistic" else generate_dense
    generate(args.dir, args.files)
    run = build_index(IndexSettings(root=args.dir, source_roots=("src",), use_cache=False))
    counts = collections.Counter(element.location.file for element in run.uimap.elements)
    for extension, figures in profile_stats(args.dir, counts).items():
        print(
            f"{extension}: {figures['files']:.0f} files, median {figures['median']:.0f} B,"
            f" mean {figures['mean']:.0f} B, {figures['bytes_per_element']:.0f} B per element"
        )


if __name__ == "__main__":
    main()

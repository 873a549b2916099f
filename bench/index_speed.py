"""Index speed on a synthetic repository: cold (empty cache) and warm (nothing changed).

    .venv/bin/python bench/index_speed.py [--files 5000] [--dir /tmp/specwalk-bench] [--workers 2]

Generates TSX / Vue / Svelte / HTML component files of realistic size (forms, lists, dialogs,
i18n calls, conditionals, nested folders), then prints
    cold: 12.3 s, 406 files/s, 4.1 MB/s, peak RSS 512 MB
    warm: 0.4 s
Peak RSS is the largest total of this process and all its worker processes at the same moment,
sampled from /proc while the cold run goes (a forked worker's RSS counts the pages it still
shares with this process again, so the proportional set size, PSS, is printed too). Also
printed: the same peak as ru_maxrss of this process plus its largest worker, an incremental run
(one file changed), CPU seconds of the cold run (main process and workers), its phases, and the
size of uimap.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import resource
import shutil
import threading
import time
from pathlib import Path

from specwalk.cli import main as cli_main
from specwalk.index import IndexSettings, build_index


def _tsx(name: str, index: int, rng: random.Random) -> str:
    fields = "\n".join(
        f"""        <label htmlFor="{name.lower()}-f{n}">{{t('{name.lower()}.field{n}')}}</label>
        <input id="{name.lower()}-f{n}" name="f{n}" value={{values.f{n}}}
          onChange={{(e) => set('f{n}', e.target.value)}} />"""
        for n in range(rng.randint(2, 5))
    )
    rows = rng.randint(1, 3)
    return f"""import {{ useState }} from 'react';
import {{ useTranslation }} from 'react-i18next';
import {{ Button }} from '../ui/Button';
import Child{index % 50} from '../shared/Child{index % 50}';

interface {name}Props {{
  items: {{ id: string; title: string }}[];
  onSave: (values: Record<string, string>) => void;
}}

/** Generated component {index}: a form, a list and a confirmation. */
export default function {name}({{ items, onSave }}: {name}Props) {{
  const {{ t }} = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({{}});
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function set(key: string, value: string) {{
    setValues((current) => ({{ ...current, [key]: value }}));
  }}

  function handleSubmit(event: React.FormEvent) {{
    event.preventDefault();
    if (!values.f0) {{
      setError(t('{name.lower()}.errors.required'));
      return;
    }}
    onSave(values);
  }}

  return (
    <section className="page page-{index}" data-testid="{name.lower()}">
      <h1>{{t('{name.lower()}.title')}}</h1>
      <form onSubmit={{handleSubmit}} aria-label="{name} form">
{fields}
        {{error && <p role="alert">{{error}}</p>}}
        <Button type="submit">{{t('common.save')}}</Button>
      </form>
      <ul className="list">
        {{items.map((item) => (
          <li key={{item.id}}>
            <span>{{item.title}}</span>
            <button type="button" title="Remove item" onClick={{() => setOpen(true)}}>×</button>
          </li>
        ))}}
      </ul>
{"".join(f'      <Child{index % 50} label="Row {r}" />' + chr(10) for r in range(rows))}      {{open && (
        <div role="dialog" aria-label="Confirm {index}">
          <p>Are you sure?</p>
          <button onClick={{() => setOpen(false)}}>Cancel</button>
        </div>
      )}}
    </section>
  );
}}
"""


def _vue(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'      <label for="v{index}-{n}">Field {n}</label>\n'
        f'      <input id="v{index}-{n}" v-model="form.f{n}" placeholder="Value {n}" />'
        for n in range(rng.randint(2, 5))
    )
    return f"""<script setup lang="ts">
import {{ reactive, ref }} from 'vue';
const props = defineProps<{{ items: {{ id: number; name: string }}[] }}>();
const form = reactive<Record<string, string>>({{}});
const open = ref(false);
function save() {{ open.value = false; }}
</script>

<template>
  <section class="view-{index}">
    <h2>{{{{ $t('{name.lower()}.title') }}}}</h2>
    <form @submit.prevent="save">
{rows}
      <button type="submit">Save</button>
    </form>
    <ul>
      <li v-for="item in props.items" :key="item.id">{{{{ item.name }}}}
        <button type="button" @click="open = true">Remove</button>
      </li>
    </ul>
    <div v-if="open" role="dialog" aria-label="Confirm">Sure?</div>
  </section>
</template>

<style scoped>
.view-{index} {{ display: grid; gap: 1rem; }}
</style>
"""


def _svelte(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'  <label for="s{index}-{n}">Field {n}</label>\n  <input id="s{index}-{n}" bind:value={{values[{n}]}} />'
        for n in range(rng.randint(2, 5))
    )
    return f"""<script lang="ts">
  export let items: {{ id: number; name: string }}[] = [];
  let values: string[] = [];
  let open = false;
  function save() {{ open = false; }}
</script>

<section class="s-{index}">
  <h2>{name}</h2>
  <form on:submit|preventDefault={{save}}>
{rows}
  <button type="submit">Save</button>
  </form>
  {{#each items as item (item.id)}}
    <p>{{item.name}} <button on:click={{() => (open = true)}}>Remove</button></p>
  {{/each}}
  {{#if open}}<div role="dialog" aria-label="Confirm">Sure?</div>{{/if}}
</section>
"""


def _html(name: str, index: int, rng: random.Random) -> str:
    rows = "\n".join(
        f'      <label for="h{index}-{n}">Field {n}</label>\n      <input id="h{index}-{n}" name="f{n}" type="text">'
        for n in range(rng.randint(2, 5))
    )
    return f"""<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>{name}</title></head>
  <body>
    <nav aria-label="Main"><a href="#/">Home</a> <a href="#/page-{index}">{name}</a></nav>
    <main>
      <h1>{name}</h1>
      <form id="form-{index}">
{rows}
        <button type="submit">Save</button>
      </form>
      <ul id="list-{index}"></ul>
    </main>
  </body>
</html>
"""


def generate(directory: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write `count` component files; returns (files, bytes)."""
    rng = random.Random(seed)
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
    total = 0
    makers = [(_tsx, ".tsx", 0.5), (_vue, ".vue", 0.2), (_svelte, ".svelte", 0.15), (_html, ".html", 0.15)]
    for index in range(count):
        roll = rng.random()
        make, extension = makers[-1][0], makers[-1][1]
        for candidate, suffix, share in makers:
            if roll < share:
                make, extension = candidate, suffix
                break
            roll -= share
        area = f"feature{index % 40}/sub{index % 7}" + (f"/deep{index % 3}" if index % 5 == 0 else "")
        name = f"Widget{index}"
        path = directory / "src" / area / f"{name}{extension}"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = make(name, index, rng)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return count, total


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children: unlike wall
    time, not inflated when other work shares the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


class TreeMemory:
    """Samples the resident memory of this process and its child processes, summed at each moment.

    Peak RSS (the sum of each process's resident set) and peak PSS (each shared page divided
    among the processes sharing it), in bytes. Linux only (/proc); elsewhere both stay 0.
    """

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.samples = 0
        self.at_peak: list[int] = []  # each process's RSS at the peak, this one first
        self.cpu = 0.0  # CPU seconds the sampling itself took (counted in this process's)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _pids(self) -> list[int]:
        pids = [os.getpid()]
        for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
            with contextlib.suppress(OSError, ValueError):
                pids.extend(int(pid) for pid in task.read_text().split())
        return pids

    def _run(self) -> None:
        tick = 0
        while not self._stop.is_set():
            rss = pss = 0
            each: list[int] = []
            for pid in self._pids():
                with contextlib.suppress(OSError, ValueError, IndexError):
                    each.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page)
                    rss += each[-1]
                    if tick % 5 == 0:  # smaps_rollup walks the page tables: read it less often
                        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                            if line.startswith("Pss:"):
                                pss += int(line.split()[1]) * 1024
            if rss > self.peak_rss:
                self.peak_rss, self.at_peak = rss, each
            self.peak_pss = max(self.peak_pss, pss)
            self.samples += 1
            tick += 1
            self._stop.wait(self.interval)
        self.cpu = time.thread_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/specwalk-bench"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    files, size = generate(args.dir, args.files)
    settings = IndexSettings(
        root=args.dir, source_roots=("src",), framework="react", locales=("en",), workers=args.workers
    )
    started, cpu_started = time.perf_counter(), _cpu()
    with TreeMemory() as memory:
        cold = build_index(settings)
    cold_seconds = time.perf_counter() - started
    cpu = [after - before for after, before in zip(_cpu(), cpu_started, strict=True)]
    main_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    elements, problems = cold.summary.elements, len(cold.summary.problems)
    # Warm: exactly what `specwalk index DIR` does (config, index, the summary it prints).
    printed = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        status = cli_main(["index", str(args.dir)])
    warm_seconds = time.perf_counter() - started
    unchanged = status == 0 and "nothing changed" in printed.getvalue()
    # Incremental: one file's content changed; the others' facts come from the cache.
    changed = next(path for path in sorted((args.dir / "src").rglob("*.tsx")) if "Widget" in path.name)
    changed.write_text(changed.read_text(encoding="utf-8").replace("Are you sure?", "Really sure?"), encoding="utf-8")
    started = time.perf_counter()
    incremental = build_index(settings)
    incremental_seconds = time.perf_counter() - started
    print(f"repository: {files} files, {size / 1e6:.1f} MB, {elements} elements, {problems} problems")
    print(
        f"cold: {cold_seconds:.1f} s, {files / cold_seconds:.0f} files/s, {size / 1e6 / cold_seconds:.1f} MB/s, "
        f"peak RSS {memory.peak_rss / 2**20:.0f} MB"
    )
    print(f"warm: {warm_seconds:.1f} s" + ("" if unchanged else " (the cache was not reused!)"))
    print(
        f"incremental (1 file changed): {incremental_seconds:.1f} s, parsed {incremental.parsed},"
        f" reused {incremental.reused}"
    )
    print(
        f"peak memory (cold), all processes at once: RSS {memory.peak_rss / 2**20:.0f} MB,"
        f" PSS {memory.peak_pss / 2**20:.0f} MB ({memory.samples} samples; RSS at the peak: "
        + " + ".join(f"{size / 2**20:.0f}" for size in memory.at_peak)
        + " MB, this process first)"
    )
    print(
        f"peak RSS (cold), ru_maxrss: this process {main_kb / 1024:.0f} MB + largest of {cold.workers} worker(s)"
        f" {worker_kb / 1024:.0f} MB = {(main_kb + worker_kb) / 1024:.0f} MB"
    )
    print(
        f"cpu (cold): {sum(cpu) - memory.cpu:.1f} s = main {cpu[0] - memory.cpu:.1f} s + {cold.workers} worker(s)"
        f" {cpu[1]:.1f} s (not counting the memory sampling's {memory.cpu:.1f} s)"
    )
    print("phases (cold): " + ", ".join(f"{k} {v:.2f} s" for k, v in cold.timings.items()))
    print(f"uimap.json: {cold.path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

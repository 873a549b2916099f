"""Index speed on a synthetic repository: cold (empty cache) and warm (nothing changed).

    .venv/bin/python bench/index_speed.py [--files 5000] [--dir /tmp/specwalk-bench] [--workers 2]
        [--profile realistic|dense|both]

Generates TSX / Vue / Svelte / HTML component files (forms, lists, dialogs, i18n calls,
conditionals, hooks, effects, styles, nested folders; see synthetic_repo.py), then prints
    cold: 12.3 s, 406 files/s, 4.1 MB/s, peak RSS 512 MB
    warm: 0.4 s
The default profile, realistic, sizes the files and their UI density like the large open-source
apps measured in real_repos.json; `both` (the default) then also indexes the dense profile, ten
times the UI elements per byte, and prints its cold run on a line of its own.
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
import os
import resource
import threading
import time
from pathlib import Path

from synthetic_dense import generate_dense  # type: ignore[import-not-found]
from synthetic_repo import generate_realistic  # type: ignore[import-not-found]

from specwalk.cli import main as cli_main
from specwalk.index import IndexSettings, build_index


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
    parser.add_argument("--profile", choices=("realistic", "dense", "both"), default="both")
    args = parser.parse_args()
    generate = generate_dense if args.profile == "dense" else generate_realistic
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
    changed.write_text(changed.read_text(encoding="utf-8") + "\n// edited by the benchmark\n", encoding="utf-8")
    started = time.perf_counter()
    incremental = build_index(settings)
    incremental_seconds = time.perf_counter() - started
    profile = "dense" if args.profile == "dense" else "realistic"
    print(
        f"repository ({profile} profile): {files} files, {size / 1e6:.1f} MB, {elements} elements"
        f" ({size / max(1, elements):.0f} B of source each), {problems} problems"
    )
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
    if args.profile == "both":
        files, size = generate_dense(args.dir, args.files)
        started = time.perf_counter()
        dense = build_index(settings)
        seconds = time.perf_counter() - started
        elements = dense.summary.elements
        print(
            f"dense profile: {files} files, {size / 1e6:.1f} MB, {elements} elements"
            f" ({size / max(1, elements):.0f} B of source each): cold {seconds:.1f} s,"
            f" {files / seconds:.0f} files/s, {size / 1e6 / seconds:.1f} MB/s"
        )


if __name__ == "__main__":
    main()

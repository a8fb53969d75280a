#!/usr/bin/env python3
"""Benchmarks for huiwu, run on demand (not in CI): ratios measured in one run on one machine.

    python bench/run.py            # all benchmarks (PDF benchmark needs LibreOffice; pandoc one needs pandoc)
    python bench/run.py --quick    # fewer repetitions and 5 outlines instead of 20 for the batch/PDF runs

Each number is the median wall time of whole commands (a fresh Python process each, as a user runs them); the
two commands of a ratio run in turn, so that both see the same machine. Commands run as on a user's machine:
Python writes its bytecode files (PYTHONDONTWRITEBYTECODE is dropped) and huiwu keeps its cache, in a folder of
the run's own (HUIWU_CACHE_DIR); "cold" figures start each build with an empty cache.
Ratios and goals (issue 15):
  build/import   full build of the seed (minutes, deck, summary; no PDF) ÷ bare import of
                 python-docx, python-pptx, jinja2 and typer                         goal ≤ 1.6
  build/import cold   the same with an empty cache each time (a first build)
  parse/import   `huiwu parse seed` ÷ bare `python -c "import typer, jinja2"`        goal ≤ 1.3
  batch/pandoc   one `huiwu build` of N outlines ÷ pandoc to .docx and .pptx once per outline   goal ≤ 0.5
  10x/1x work    (build of an outline 10× the seed − import floor) ÷ (seed build − floor)        goal ≤ 10 (linear)
  pdf/serial     `huiwu build` of 10 outlines with --pdf ÷ (the same build without --pdf + one serial
                 `soffice --convert-to pdf` run over its 30 files)                   goal ≤ 0.7
  pdf/serial tuned   the same, the serial run's profile set up as huiwu sets up its own (lo_profile: no
                 graphics self-test at start): what running in parallel alone gives    (reference)
  branches/each  one build with a list of 30 党支部 (--branches; 10 with --quick) ÷ 30 separate `huiwu build` runs of
                 the seed (what a secretary would do by hand)                                   (lower is better)
Results are printed and written to bench/results/latest.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT))


ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def once(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or ENV)
    return time.perf_counter() - start


def timed(command: list[str], repeat: int) -> float:
    return statistics.median(once(command) for _ in range(repeat))


def paired(first: list[str], second: list[str], repeat: int) -> tuple[float, float]:
    """Medians of the two commands, run in turn (one warm-up run each first)."""
    once(first), once(second)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        times[0].append(once(first))
        times[1].append(once(second))
    return statistics.median(times[0]), statistics.median(times[1])


def huiwu(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def make_outlines(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for index in range(count):
        path = folder / f"支部{index + 1:02d}.txt"
        path.write_text(text.replace("生态环境系统", f"第{index + 1}支部生态环境系统", 1), encoding="utf-8")
        paths.append(path)
    return paths


def make_tenfold(path: Path) -> Path:
    """An outline 10× the seed: its preamble, then its five sections ten times over, numbered 一 to 五十."""
    from generator.outline.rules import int_to_cn

    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    closing = next(i for i, line in enumerate(lines) if i > first and line.startswith("同志们"))
    head, body, tail = lines[:first], lines[first:closing], lines[closing:]
    out, number = list(head), 0
    for _ in range(10):
        for line in body:
            if len(line) > 1 and line[1] == "、" and line[0] in "一二三四五":
                number += 1
                line = int_to_cn(number) + line[1:]
            out.append(line)
    path.write_text("\n".join(out + tail), encoding="utf-8")
    return path


def make_branch_list(path: Path, count: int) -> Path:
    """A 党支部 list: every other branch with twelve members, the others with only a head count."""
    import csv

    rows = [["支部名称", "主讲人", "主持人", "记录人", "学习时间", "地点", "会议形式", "党员", "应到人数"]]
    for index in range(count):
        members = "、".join(f"党员{index + 1}-{j + 1}" for j in range(12)) if index % 2 == 0 else ""
        rows.append([f"第{index + 1}党支部", f"主讲{index + 1}", f"主持{index + 1}", f"记录{index + 1}", "2020-06-05 14:30",
                     "会议室", "主题党日", members, "" if members else "20"])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    count = 5 if args.quick else 20
    work = Path(tempfile.mkdtemp(prefix="huiwu-bench-"))
    ENV["HUIWU_CACHE_DIR"] = str(work / "cache")
    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "outlines": count}
    try:
        floor, seed_build = paired([sys.executable, "-c", "import docx, pptx, jinja2, typer"],
                                   huiwu("build", str(SEED), "-o", str(work / "seed")), repeat)
        results["import_floor_s"] = round(floor, 3)
        results["seed_build_s"] = round(seed_build, 3)
        results["build/import"] = round(seed_build / floor, 2)
        cold = []
        for index in range(repeat):
            cold.append(once(huiwu("build", str(SEED), "-o", str(work / "seed")),
                             {**ENV, "HUIWU_CACHE_DIR": str(work / f"cold-cache-{index}")}))
        results["seed_build_cold_s"] = round(statistics.median(cold), 3)
        results["build/import cold"] = round(statistics.median(cold) / floor, 2)
        results["help_s"] = round(timed(huiwu("--help"), repeat), 3)
        bare, parse = paired([sys.executable, "-c", "import typer, jinja2"], huiwu("parse", str(SEED)), repeat)
        results.update({"typer_jinja_import_s": round(bare, 3), "parse_s": round(parse, 3), "parse/import": round(parse / bare, 2)})

        tenfold = make_tenfold(work / "十倍提纲.txt")
        big = timed(huiwu("build", str(tenfold), "-o", str(work / "big")), max(1, repeat // 2))
        results["tenfold_build_s"] = round(big, 3)
        results["10x/1x work"] = round((big - floor) / max(seed_build - floor, 1e-6), 2)

        outlines = make_outlines(work / "batch", count)
        batch_command = huiwu("build", str(work / "batch"), "-o", str(work / "batch-out"))
        pandoc = shutil.which("pandoc")

        def pandoc_all() -> float:
            start = time.perf_counter()
            for path in outlines:
                for fmt in ("docx", "pptx"):
                    once([pandoc, "-f", "markdown", "-t", fmt, "-o", str(work / f"{path.stem}.{fmt}"), str(path)])
            return time.perf_counter() - start

        # -- in turn, after one warm-up run each (as `paired`): the outlines' own titles reach the cache first --
        once(batch_command)
        if pandoc:
            pandoc_all()
        batch_times, pandoc_times = [], []
        for _ in range(max(1, repeat // 2)):
            batch_times.append(once(batch_command))
            if pandoc:
                pandoc_times.append(pandoc_all())
        batch = statistics.median(batch_times)
        results["batch_s"] = round(batch, 3)
        if pandoc:
            results["pandoc_s"] = round(statistics.median(pandoc_times), 3)
            results["batch/pandoc"] = round(batch / results["pandoc_s"], 2)
        else:
            results["batch/pandoc"] = "skipped: pandoc is not installed (apt-get install pandoc)"

        branches = 10 if args.quick else 30
        listing = make_branch_list(work / "支部.csv", branches)
        pack = timed(huiwu("build", str(SEED), "-o", str(work / "packs"), "--branches", str(listing)), 1)
        start = time.perf_counter()
        for index in range(branches):
            once(huiwu("build", str(SEED), "-o", str(work / f"each{index}")))
        each = time.perf_counter() - start
        results.update({"branches": branches, "branches_build_s": round(pack, 2), "separate_builds_s": round(each, 2),
                        "branches/each": round(pack / each, 2)})

        from generator.libreoffice import find_soffice
        from generator.lo_profile import write_profile

        soffice = find_soffice()
        if soffice:
            ten = work / "ten"
            ten.mkdir()
            for path in outlines[:10]:
                shutil.copy(path, ten / path.name)
            # -- in turn, a few times (medians): one LibreOffice run varies by a second or more from run to run --
            runs: tuple[list[float], ...] = ([], [], [], [])
            write_profile(work / "tuned-profile", {})
            for _ in range(1 if args.quick else 3):
                runs[0].append(once(huiwu("build", str(ten), "-o", str(work / "ten-pdf"), "--pdf")))
                runs[1].append(once(huiwu("build", str(ten), "-o", str(work / "ten-plain"))))
                files = sorted((work / "ten-plain").rglob("*.docx")) + sorted((work / "ten-plain").rglob("*.pptx"))
                for index, profile in ((2, "profile"), (3, "tuned-profile")):
                    runs[index].append(once([soffice, f"-env:UserInstallation={(work / profile).as_uri()}", "--headless",
                                             "--norestore", "--convert-to", "pdf", "--outdir", str(work / "serial-pdf"),
                                             *map(str, files)]))
            with_pdf, without, serial, tuned = (statistics.median(times) for times in runs)
            results.update({"pdf_files": len(files), "pdf_batch_s": round(with_pdf, 2), "plain_batch_s": round(without, 2),
                            "serial_soffice_s": round(serial, 2), "pdf/serial": round(with_pdf / (without + serial), 2),
                            "serial_soffice_tuned_s": round(tuned, 2),
                            "pdf/serial tuned": round(with_pdf / (without + tuned), 2)})
        else:
            results["pdf/serial"] = "skipped: LibreOffice is not installed"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    for key, value in results.items():
        print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()

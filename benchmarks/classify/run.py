"""Benchmark the classifier against labelled columns, and Presidio on the same columns.

Run from the repository root::

    python benchmarks/classify/run.py            # or: python -m benchmarks.classify
    python benchmarks/classify/run.py --no-presidio --presidio-values 30 --details

Prints per-category precision, recall and F1, micro F1, and values per second on one
core (CPU time of this process) for our value detectors and for Presidio, then checks
the goals and says where they are not met. Column-level scoring: a column's predicted
categories (reduced to the ids of CATEGORIES.md) are compared with its labels; a
predicted category in the column's ``allow`` list counts neither way.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from benchmarks.classify.corpus import corpus
from benchmarks.classify.generated import Column
from unguarded.classify import classify_dataset
from unguarded.classify.columns import classify_column
from unguarded.classify.flatten import flatten

CATEGORIES = [
    "person.name",
    "person.birth_date",
    "person.gender",
    "person.employer",
    "national_id",
    "passport",
    "contact.email",
    "contact.phone",
    "contact.postal_address",
    "location.coordinates",
    "network.ip_address",
    "network.device_id",
    "financial.payment_card",
    "financial.bank_account",
    "credential.password",
    "credential.secret",
    "biometric.face_image",
    "biometric.face_embedding",
    "biometric.other",
    "special.ethnicity",
    "special.religion",
    "special.health",
    "special.political",
    "special.sexual_orientation",
]
GOAL_F1 = 0.95
GOAL_RATE = 300_000
# On the external corpora held out of tuning (issue 16).
GOAL_HELD_OUT_F1 = 0.90
GOAL_SPECIAL_RECALL = 0.85
GOAL_HEALTH_RECALL = 0.80


def top(category: str) -> str:
    """The CATEGORIES.md id a (sub)category belongs to: national_id.cn_ric -> national_id."""
    best = ""
    for c in CATEGORIES:
        if (category == c or category.startswith(c + ".")) and len(c) > len(best):
            best = c
    return best or category


def ours(column: Column) -> set[str]:
    records = [{column.name: v} for v in column.values]
    result = classify_dataset(records, dataset=column.table)
    return {top(c) for f in result.fields for c in f.categories}


class Score:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.errors: list[str] = []

    def add(self, column: Column, predicted: set[str]) -> None:
        for c in predicted & column.expect:
            self.tp[c] += 1
        for c in predicted - column.expect - column.allow:
            self.fp[c] += 1
            self.errors.append(f"  FP {c:28} {column.key}")
        for c in column.expect - predicted:
            self.fn[c] += 1
            self.errors.append(f"  FN {c:28} {column.key}")

    def prf(self, c: str | None = None) -> tuple[float, float, float]:
        tp = self.tp[c] if c else sum(self.tp.values())
        fp = self.fp[c] if c else sum(self.fp.values())
        fn = self.fn[c] if c else sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def values_per_second(columns: Sequence[Column], repeat: int = 10) -> tuple[float, int]:
    """Rate of the value detectors (classify_column over flattened leaves), best of ``repeat``."""
    prepared = []
    for col in columns:
        leaves = [v for value in col.values for _, v in flatten({col.name: value})]
        prepared.append((col.name, col.table, leaves))
    n = sum(len(p[2]) for p in prepared)
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for name, table, leaves in prepared:
            classify_column(name, leaves, context=table)
        best = min(best, time.process_time() - start)
    return n / best, n


def end_to_end_rate(columns: Sequence[Column], repeat: int = 5) -> float:
    """Rate of ``classify_dataset`` on one-field records, as the scanner calls it: the median of ``repeat`` passes.

    The median rather than the best (as for the value detectors) because this is the
    figure the goal is checked against, and one pass on a shared machine is noisy.
    """
    n = sum(len(col.values) for col in columns)
    rates = []
    for _ in range(repeat):
        start = time.process_time()
        for col in columns:
            classify_dataset([{col.name: v} for v in col.values], dataset=col.table)
        rates.append(n / (time.process_time() - start))
    return sorted(rates)[len(rates) // 2]


def table(rows: Iterable[tuple[str, Score, Score | None, int]]) -> None:
    print(f"{'category':28} {'support':>7}   {'P':>5} {'R':>5} {'F1':>5}   {'presidio P':>10} {'R':>5} {'F1':>5}")
    for c, mine, theirs, support in rows:
        p, r, f = mine.prf(c)
        line = f"{c:28} {support:7d}   {p:5.2f} {r:5.2f} {f:5.2f}"
        if theirs is not None and (theirs.tp[c] or theirs.fp[c]):
            tp_, tr_, tf_ = theirs.prf(c)
            line += f"   {tp_:10.2f} {tr_:5.2f} {tf_:5.2f}"
        elif theirs is not None:
            line += f"   {'-':>10} {'-':>5} {'-':>5}"
        print(line)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-presidio", action="store_true", help="skip the Presidio baseline")
    ap.add_argument("--presidio-values", type=int, default=30, help="values per column given to Presidio")
    ap.add_argument("--details", action="store_true", help="list every false positive and negative")
    ap.add_argument("--no-external", action="store_true", help="skip the corpora fetched from the registries")
    ap.add_argument("--external-only", action="store_true", help="only the corpora fetched from the registries")
    ap.add_argument(
        "--presidio-external", action="store_true", help="score Presidio on the external corpora too (slow)"
    )
    ap.add_argument("--presidio-model", help="an installed spaCy English pipeline for Presidio (default: blank)")
    args = ap.parse_args(argv)
    baseline = None
    if not args.no_presidio and (args.presidio_external or not args.external_only):
        from benchmarks.classify.presidio import load

        baseline = load(args.presidio_model)
    external_baseline = baseline if args.presidio_external else None
    if args.presidio_external and baseline is None and not args.no_presidio:
        print("Presidio on the external corpora: skipped (presidio-analyzer and spacy not installed)")
    if args.external_only:
        return external(args.details, external_baseline, args.presidio_values)

    cols = corpus()
    support = Counter(c for col in cols for c in col.expect)
    mine = Score()
    predictions: dict[str, set[str]] = {}
    for col in cols:
        predictions[col.key] = ours(col)
        mine.add(col, predictions[col.key])

    theirs: Score | None = None
    presidio_rate = None
    if not args.no_presidio:
        if baseline is None:
            print("Presidio: skipped (install the 'bench' extra: presidio-analyzer and spacy)\n")
        else:
            theirs = Score()
            start = time.process_time()
            nvals = 0
            for col in cols:
                vals = [v for v in col.values if v is not None][: args.presidio_values]
                nvals += len(vals)
                theirs.add(col, baseline.classify(col.name, vals))
            presidio_rate = nvals / (time.process_time() - start)

    print(
        f"corpus: {len(cols)} columns, {sum(1 for c in cols if c.expect)} with personal data, "
        f"{sum(len(c.values) for c in cols)} values\n"
    )
    table((c, mine, theirs, support[c]) for c in CATEGORIES if support[c] or mine.fp[c])
    p, r, f = mine.prf()
    print(f"\n{'micro (ours)':28} {sum(support.values()):7d}   {p:5.2f} {r:5.2f} {f:5.2f}")
    if theirs is not None:
        tp_, tr_, tf_ = theirs.prf()
        print(f"{'micro (presidio)':28} {'':7}   {tp_:5.2f} {tr_:5.2f} {tf_:5.2f}")

    rate, nleaves = values_per_second(cols)
    e2e = end_to_end_rate(cols)
    print(
        f"\nspeed (one core, CPU time): value detectors {rate:,.0f} values/s over {nleaves} values; "
        f"end to end with flattening {e2e:,.0f} values/s (median of 5 passes)"
    )
    if presidio_rate is not None:
        print(
            f"                            presidio {presidio_rate:,.0f} values/s "
            f"(first {args.presidio_values} values of each column)"
        )

    print("\ngoals:")
    shortfalls = []
    shortfalls += [] if f >= GOAL_F1 else [f"micro F1 {f:.3f} < {GOAL_F1}"]
    shortfalls += [] if rate >= GOAL_RATE else [f"{rate:,.0f} values/s < {GOAL_RATE:,}"]
    shortfalls += [] if e2e >= GOAL_RATE else [f"end to end {e2e:,.0f} values/s < {GOAL_RATE:,}"]
    if theirs is not None:
        for c in CATEGORIES:
            if theirs.tp[c] or theirs.fp[c]:
                ours_f, theirs_f = mine.prf(c)[2], theirs.prf(c)[2]
                if ours_f < theirs_f and support[c]:
                    shortfalls.append(f"{c}: F1 {ours_f:.2f} below Presidio's {theirs_f:.2f}")
                elif ours_f == theirs_f and support[c]:
                    shortfalls.append(f"{c}: F1 {ours_f:.2f} ties Presidio (not better)")
    for line in shortfalls or ["all met"]:
        print(f"  {line}")
    if args.details or mine.errors:
        print("\nour errors:" if mine.errors else "")
        for line in mine.errors:
            print(line)
    if not args.no_external:
        external(args.details, external_baseline, args.presidio_values)
    return 0


def special_recall(score: Score) -> float:
    tp = sum(n for c, n in score.tp.items() if c.startswith("special."))
    fn = sum(n for c, n in score.fn.items() if c.startswith("special."))
    return tp / (tp + fn) if tp + fn else 1.0


def external(details: bool, baseline: Any = None, presidio_values: int = 30) -> int:
    """Score the corpora of :mod:`.external`: the tuned part and the held-out part apart.

    With ``baseline`` (a :class:`.presidio.PresidioBaseline`), Presidio is scored on the
    same fields beside us, each given its first ``presidio_values`` non-null values.
    """
    from benchmarks.classify import external as ext

    sets = ext.datasets()
    if not sets:
        print("\nexternal corpora: skipped (npm or Faker missing, or the registry unreachable)")
        return 0
    parts = {"tuned (FHIR R4, lifelines tables)": [d for d in sets if not d.held_out],
             "held out (FHIR STU3 + DSTU2, Faker profiles, scikit-survival tables, OMOP CDM sample)": [d for d in sets if d.held_out]}  # fmt: skip
    for corpus_name in sorted({d.corpus for d in sets if d.held_out}):
        parts[f"held-out corpus {corpus_name} alone"] = [d for d in sets if d.held_out and d.corpus == corpus_name]
    for title, group in parts.items():
        score = Score()
        theirs = Score() if baseline is not None else None
        support: Counter[str] = Counter()
        nvalues = 0
        for dataset in group:
            nvalues += sum(1 for r in dataset.records for _ in ext.flatten(r))
            by_path = ext.values_by_path(dataset.records, presidio_values) if theirs is not None else {}
            for column, predicted in ext.score_dataset(dataset):
                score.add(column, predicted)
                support.update(column.expect)
                if theirs is not None:
                    theirs.add(column, baseline.classify(column.name, by_path.get(column.name, [])))
        corpora = sorted({f"{d.corpus}" for d in group})
        print(f"\nexternal, {title}: {len(group)} datasets ({', '.join(corpora)}), {nvalues} values")
        shown = (c for c in CATEGORIES if support[c] or score.fp[c] or (theirs is not None and theirs.fp[c]))
        table((c, score, theirs, support[c]) for c in shown)
        p, r, f = score.prf()
        print(f"\n{'micro (ours)':28} {sum(support.values()):7d}   {p:5.2f} {r:5.2f} {f:5.2f}")
        if theirs is not None:
            tp_, tr_, tf_ = theirs.prf()
            print(f"{'micro (presidio)':28} {'':7}   {tp_:5.2f} {tr_:5.2f} {tf_:5.2f}")
        sr, hr = special_recall(score), score.prf("special.health")[1]
        print(f"{'special-category recall':28} {'':7}   {'':5} {sr:5.2f}")
        print(f"{'health recall':28} {'':7}   {'':5} {hr:5.2f}")
        if theirs is not None:
            print(f"{'special recall (presidio)':28} {'':7}   {'':5} {special_recall(theirs):5.2f}")
            print(f"{'health recall (presidio)':28} {'':7}   {'':5} {theirs.prf('special.health')[1]:5.2f}")
        if title.startswith("held out"):
            short = [] if f >= GOAL_HELD_OUT_F1 else [f"micro F1 {f:.3f} < {GOAL_HELD_OUT_F1}"]
            short += [] if sr >= GOAL_SPECIAL_RECALL else [f"special recall {sr:.2f} < {GOAL_SPECIAL_RECALL}"]
            short += [] if hr >= GOAL_HEALTH_RECALL else [f"health recall {hr:.2f} < {GOAL_HEALTH_RECALL}"]
            print("goals (held out): " + ("; ".join(short) or "all met"))
        if details:
            for line in score.errors:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

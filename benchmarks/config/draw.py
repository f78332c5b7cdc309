"""Draw the next held-out round of the registry corpus (``corpus.py``), the same way each time.

    python benchmarks/config/draw.py candidates --seed 24 --out /tmp/r/cands.txt
    python benchmarks/config/draw.py open /tmp/r/cands.txt 0 6000 --work /tmp/r
    python benchmarks/config/draw.py select --work /tmp/r --cache /tmp/ug-corpus

Rounds 18-24 lost their candidate lists and guide with the machine's /tmp; this script and
``LABELLING.md`` keep the method in the repository. ``candidates`` filters the tool library's
PyPI list (``/usr/share/package-lists/pypi.tsv``: name, version, month, rank, summary) to
packages listed since 2021 whose summary has an application or server word and no deployment
word or data service, minus every PyPI package already in ``corpus.py``, and shuffles them
with a seed. ``open`` downloads a slice of them (the listed version's sdist, from PyPI's JSON
API) and lists the files a round labels: compose files, engine configs, Kubernetes manifests,
Terraform and systemd units. ``select`` drops files whose bytes equal a labelled file (the
layout ``corpus.fetch`` makes must be in ``--cache``), keeps at most 8 files a package (lowest
sha256 of the path) and unpacks the packages for the labellers. Nothing it downloads enters
the repository; only the labels do.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import io
import json
import random
import re
import shutil
import sys
import tarfile
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_LIST = Path("/usr/share/package-lists/pypi.tsv")
PYPI_JSON = "https://pypi.org/pypi/{name}/json"

APPLICATION = re.compile(
    r"server|platform|microservices?|backend|full-?stack|web ?app|dashboard|pipeline|mlops|agents?|cluster|"
    r"orchestrat|gateway|workflow|self-?host",
    re.I,
)
DEPLOYMENT = re.compile(
    r"docker|compose|kubernetes|\bk8s\b|\bhelm\b|terraform|deploy|boilerplate|starter|template|scaffold|"
    r"cookiecutter|ansible|\bstack\b",
    re.I,
)
DATA_SERVICE = re.compile(
    r"postgres|mysql|maria|redis|mongo|elastic|opensearch|kafka|clickhouse|qdrant|milvus|chroma|weaviate|"
    r"pinecone|cassandra|scylla|couch|memcache|influx|etcd|zookeeper|rabbit|mqtt|mosquitto|\bnats\b|minio|\bs3\b|"
    r"neo4j|jupyter|database|\bdb\b|sql|vector ?(store|db)|prometheus|solr|dynamo|firestore|supabase|valkey|"
    r"dragonfly|keydb|cockroach|timescale|duckdb|lancedb|pgvector|broker|\bcache",
    re.I,
)

COMPOSE = re.compile(r"(^|[-_.])(docker-)?compose[^/]*\.ya?ml$|^compose[^/]*\.ya?ml$|stack[^/]*\.ya?ml$", re.I)
ENGINE_CONFIG = re.compile(
    r"^(redis[^/]*\.conf|sentinel\.conf|mongod?\.conf|postgresql\.conf|pg_hba\.conf|my\.cnf|mysqld?\.cnf|"
    r"mariadb\.cnf|elasticsearch\.ya?ml|opensearch\.ya?ml|prometheus\.ya?ml|rabbitmq\.conf|advanced\.config|"
    r"mosquitto\.conf|zoo\.cfg|influxdb\.conf|users\.xml|local\.ini|jupyter_\w*config\.(py|json)|daemon\.json|"
    r"kubelet[^/]*\.ya?ml|etcd\.conf(\.ya?ml)?|memcached\.conf|nats[^/]*\.conf|qdrant[^/]*\.ya?ml|"
    r"clickhouse[^/]*\.xml|cassandra\.yaml|neo4j\.conf|couchdb\.ini|minio[^/]*\.env|kafka[^/]*\.properties|"
    r"server\.properties|grafana\.ini|consul[^/]*\.(hcl|json)|vault[^/]*\.hcl|nginx[^/]*\.conf)$",
    re.I,
)
SKIPPED_FOLDERS = re.compile(r"(^|/)(\.github|\.gitlab|node_modules|\.venv|venv|site-packages|\.tox)(/|$)")
#: the order files are listed in: compose first, then engine configs, manifests, Terraform, units
KINDS = ("compose", "engine", "k8s", "tf", "unit")


def file_kind(member: str, data: bytes) -> str | None:
    """Which kind of labelled file this member of an sdist is, if any."""
    base = member.rsplit("/", 1)[-1]
    if SKIPPED_FOLDERS.search(member):
        return None
    if COMPOSE.search(base) and b"services" in data:
        return "compose"
    if ENGINE_CONFIG.match(base):
        return "engine"
    if base.endswith((".tf", ".tf.json")):
        return "tf"
    if base.endswith(".service") and b"[Service]" in data:
        return "unit"
    manifest = re.search(r"\.(ya?ml|json)$", base, re.I)
    if manifest and re.search(rb"(?m)^\s*\"?apiVersion\"?\s*:", data) and re.search(rb"(?m)^\s*\"?kind\"?\s*:", data):
        return "k8s"
    return None


def known_packages() -> set[str]:
    """The PyPI packages ``corpus.py`` already pins (normalised names)."""
    for node in ast.parse((HERE / "corpus.py").read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "PYPI":
            return {name.lower().replace("_", "-") for name in ast.literal_eval(node.value)}
    return set()


def candidates(seed: int, out: Path) -> None:
    known = known_packages()
    rows: list[tuple[str, str]] = []
    with PACKAGE_LIST.open(newline="") as listing:
        reader = csv.reader(listing, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 5:
                continue
            name, version, month, _, summary = row[:5]
            if month < "2021" or not APPLICATION.search(summary):
                continue
            if DEPLOYMENT.search(summary) or DATA_SERVICE.search(summary) or DATA_SERVICE.search(name):
                continue
            if name.lower().replace("_", "-") not in known:
                rows.append((name, version))
    rows.sort()
    random.Random(seed).shuffle(rows)
    out.write_text("".join(f"{name}\t{version}\n" for name, version in rows))
    print(f"{len(rows)} candidates (seed {seed}) -> {out}")


def _open_one(work: Path, index: int, name: str, version: str) -> list[object]:
    index_url = PYPI_JSON.format(name=name)
    for _attempt in range(3):
        try:
            with urllib.request.urlopen(index_url, timeout=60) as answer:
                project = json.load(answer)
            if version not in project["releases"]:
                version = project["info"]["version"]
            sdists = [
                u
                for u in project["releases"].get(version, [])
                if u["packagetype"] == "sdist" and u["filename"].endswith(".tar.gz")
            ]
            if not sdists:
                return [index, name, version, "nosdist", []]
            if sdists[0]["size"] > 40_000_000:
                return [index, name, version, "big", []]
            with urllib.request.urlopen(urllib.parse.urljoin(index_url, sdists[0]["url"]), timeout=300) as answer:
                blob = answer.read()
            picked = []
            with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
                for member in tar.getmembers():
                    if not member.isfile() or member.size > 2_000_000:
                        continue
                    handle = tar.extractfile(member)
                    data = handle.read() if handle else b""
                    kind = file_kind(member.name, data)
                    if kind:
                        picked.append([KINDS.index(kind), member.name, kind, hashlib.sha256(data).hexdigest()])
            if picked:
                (work / "archives" / f"{name}-{version}.tar.gz").write_bytes(blob)
            return [index, name, version, "ok", [p[1:] for p in sorted(picked)]]
        except (OSError, ValueError, KeyError, tarfile.TarError) as error:
            failure = f"err {type(error).__name__}"
    return [index, name, version, failure, []]


def open_slice(cands: Path, start: int, end: int, work: Path) -> None:
    (work / "archives").mkdir(parents=True, exist_ok=True)
    rows = [line.rstrip("\n").split("\t") for line in cands.read_text().splitlines()]
    with ThreadPoolExecutor(12) as pool, (work / f"opened_{start}_{end}.jsonl").open("w") as out:
        jobs = [
            pool.submit(_open_one, work, i, name, version) for i, (name, version) in enumerate(rows) if start <= i < end
        ]
        for job in jobs:
            out.write(json.dumps(job.result()) + "\n")
    print(f"opened candidates {start}-{end} -> {work}")


def select(work: Path, cache: Path) -> None:
    tree = cache / "tree"
    labels = json.loads((HERE / "corpus_labels.json").read_text())["files"]
    seen = {hashlib.sha256((tree / e["file"]).read_bytes()).hexdigest() for e in labels if (tree / e["file"]).is_file()}
    opened: dict[int, list[object]] = {}
    for found in sorted(work.glob("opened_*.jsonl")):
        for line in found.read_text().splitlines():
            row = json.loads(line)
            if row[0] not in opened or str(opened[row[0]][3]).startswith("err"):
                opened[row[0]] = row
    chosen = []
    for index in sorted(opened):
        _, name, version, status, picked = opened[index]
        keep = []
        for member, _kind, digest in picked if status == "ok" else []:  # type: ignore[attr-defined]
            if digest not in seen:
                seen.add(digest)
                keep.append((hashlib.sha256(f"pypi-{name}/{member}".encode()).hexdigest(), member))
        files = sorted(member for _, member in sorted(keep)[:8])
        if not files:
            continue
        target = work / "files" / f"pypi-{name}"
        try:
            with tarfile.open(work / "archives" / f"{name}-{version}.tar.gz") as tar:
                tar.extractall(target, filter="data")  # as corpus.fetch lays it out
        except tarfile.TarError as error:
            print(f"dropped {name}: {error}", file=sys.stderr)
            shutil.rmtree(target, ignore_errors=True)
            continue
        chosen.append({"name": name, "version": version, "files": [f"pypi-{name}/{m}" for m in files]})
    (work / "selected.json").write_text(json.dumps(chosen, indent=1))
    print(f"{len(chosen)} packages, {sum(len(c['files']) for c in chosen)} files -> {work / 'selected.json'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    drawing = commands.add_parser("candidates", help="filter and shuffle the PyPI list")
    drawing.add_argument("--seed", type=int, required=True)
    drawing.add_argument("--out", type=Path, required=True)
    opening = commands.add_parser("open", help="download a slice of the candidates and list their files")
    opening.add_argument("candidates", type=Path)
    opening.add_argument("start", type=int)
    opening.add_argument("end", type=int)
    opening.add_argument("--work", type=Path, required=True)
    selecting = commands.add_parser("select", help="drop copies, cap 8 a package, unpack for the labellers")
    selecting.add_argument("--work", type=Path, required=True)
    selecting.add_argument("--cache", type=Path, required=True, help="the corpus.py --cache folder, fetched")
    args = parser.parse_args()
    if args.command == "candidates":
        candidates(args.seed, args.out)
    elif args.command == "open":
        open_slice(args.candidates, args.start, args.end, args.work)
    else:
        select(args.work, args.cache)


if __name__ == "__main__":
    main()

"""Benchmark ``unguarded config`` on a generated tree of mixed configuration files.

    PYTHONPATH=src python benchmarks/config/run.py [--files 10000] [--seed 1] [--keep DIR]

Generates the tree in a temporary folder (every format the auditor reads, each file
varied so about a third carry findings), audits it once in this single process, and
prints files per second and peak memory. Goal: 10,000 files in under 10 seconds on one core.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from unguarded.config_audit import audit_paths

COMMENTS = "".join(
    f"# {line}\n"
    for line in ("Generated for the benchmark.", "Options below follow the vendor defaults", "unless stated.") * 8
)


def _redis(r: random.Random) -> str:
    bind = r.choice(["127.0.0.1 -::1", "0.0.0.0", f"10.0.0.{r.randint(2, 250)}"])
    auth = r.choice(["", 'requirepass "s3cret"\n', "user default on nopass ~* +@all\n"])
    return f"{COMMENTS}bind {bind}\nport 6379\nprotected-mode {r.choice(['yes', 'no'])}\n{auth}maxmemory 256mb\n"


def _mongod(r: random.Random) -> str:
    auth = r.choice(["enabled", "disabled"])
    return f"{COMMENTS}net:\n  port: 27017\n  bindIp: {r.choice(['127.0.0.1', '0.0.0.0'])}\nsecurity:\n  authorization: {auth}\nstorage:\n  dbPath: /data/db\n"


def _pg_hba(r: random.Random) -> str:
    lines = ["local all all peer", "host all all 127.0.0.1/32 scram-sha-256"]
    lines += [
        f"{r.choice(['host', 'hostssl'])} db{i} app 10.{i}.0.0/16 {r.choice(['scram-sha-256', 'md5', 'trust'])}"
        for i in range(r.randint(3, 30))
    ]
    return COMMENTS + "\n".join(lines) + "\n"


def _postgresql(r: random.Random) -> str:
    return f"{COMMENTS}listen_addresses = '{r.choice(['localhost', '*'])}'\nmax_connections = 100\nssl = {r.choice(['on', 'off'])}\nshared_buffers = 128MB\n"


def _mycnf(r: random.Random) -> str:
    return f"{COMMENTS}[client]\nport = 3306\n\n[mysqld]\nbind-address = {r.choice(['127.0.0.1', '0.0.0.0'])}\nlocal_infile = {r.randint(0, 1)}\nmax_connections = 151\n"


def _elastic(r: random.Random) -> str:
    return f"{COMMENTS}cluster.name: c{r.randint(1, 99)}\nnetwork.host: {r.choice(['_local_', '0.0.0.0'])}\nxpack.security.enabled: {r.choice(['true', 'false'])}\n"


def _memcached(r: random.Random) -> str:
    return f"{COMMENTS}-d\n-m 64\n-p 11211\n-l {r.choice(['127.0.0.1', '0.0.0.0'])}\n-U {r.choice([0, 11211])}\n"


def _unit(r: random.Random) -> str:
    return f"[Unit]\nDescription=cache\n\n[Service]\nExecStart=/usr/bin/memcached -m 64 {r.choice(['-l 127.0.0.1', ''])}\nRestart=always\n"


def _compose(r: random.Random) -> str:
    services = []
    for i in range(r.randint(2, 8)):
        image, port = r.choice(
            [("redis:7", 6379), ("postgres:16", 5432), ("mongo:7", 27017), ("nginx:1", 80), ("mysql:8", 3306)]
        )
        host = r.choice(["", "127.0.0.1:"])
        # a folder or file of the repository mounted in: the audit looks for the configs it holds
        mount = r.choice(
            ["./conf:/etc/conf", "./data:/data", "./redis.conf:/usr/local/etc/redis/redis.conf", "db:/data"]
        )
        services.append(
            f'  s{i}:\n    image: {image}\n    environment:\n      POSTGRES_PASSWORD: x\n      MYSQL_ROOT_PASSWORD: x\n    ports:\n      - "{host}{port + i}:{port}"\n'
            f"    volumes:\n      - {mount}\n"
        )
    return "services:\n" + "".join(services)


def _kubernetes(r: random.Random) -> str:
    kind = r.choice(["ClusterIP", "LoadBalancer", "NodePort"])
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: db\nspec:\n  template:\n    metadata:\n      labels: {app: db}\n"
        "    spec:\n      containers:\n        - name: db\n          image: redis:7\n          ports: [{containerPort: 6379}]\n"
        f"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: {kind}\n  selector: {{app: db}}\n  ports:\n    - port: 6379\n"
    )


def _terraform(r: random.Random) -> str:
    port = r.choice([443, 5432, 6379, 27017])
    cidr = r.choice(["0.0.0.0/0", "10.0.0.0/8"])
    return (
        f'resource "aws_security_group" "sg{r.randint(1, 999)}" {{\n  name = "db"\n  vpc_id = var.vpc\n\n'
        f'  ingress {{\n    from_port   = {port}\n    to_port     = {port}\n    protocol    = "tcp"\n    cidr_blocks = ["{cidr}"]\n  }}\n\n'
        '  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
        f'\nresource "aws_db_instance" "db" {{\n  engine = "postgres"\n  publicly_accessible = {r.choice(["true", "false"])}\n}}\n'
    )


#: file name -> content generator; names are what the auditor detects
KINDS: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("redis.conf", _redis),
    ("mongod.conf", _mongod),
    ("pg_hba.conf", _pg_hba),
    ("postgresql.conf", _postgresql),
    ("my.cnf", _mycnf),
    ("elasticsearch.yml", _elastic),
    ("memcached.conf", _memcached),
    ("memcached.service", _unit),
    ("docker-compose.yml", _compose),
    ("deployment.yaml", _kubernetes),
    ("main.tf", _terraform),
)


def generate(root: Path, count: int, seed: int) -> None:
    """``count`` files, one format per file, spread over folders of 100 like real repositories."""
    rng = random.Random(seed)
    for i in range(count):
        name, make = KINDS[i % len(KINDS)]
        path = root / f"svc{i // 100:03d}" / f"{i:05d}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(rng))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="unguarded-config-bench-"))
    try:
        generate(root, args.files, args.seed)
        start, cpu_start = time.perf_counter(), time.process_time()
        report = audit_paths([root], cwd=root)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files audited     {report.files_audited:,} ({len(report.errors)} errors)")
    print(f"findings          {len(report.findings):,}")
    print(f"wall time         {elapsed:.2f} s ({cpu:.2f} s CPU, one core)")
    print(f"files per second  {report.files_audited / elapsed:,.0f} (wall), {report.files_audited / cpu:,.0f} (CPU)")
    print(f"peak memory (RSS) {peak_mib:,.0f} MiB")
    return 0 if report.files_audited == args.files and not report.errors else 1


if __name__ == "__main__":
    sys.exit(main())

"""The command line as users meet it: exit codes, one-line errors, hostile peers."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import jsonschema
import pytest

from tests import hostile
from tests.conftest import shared_dir

EXE = [sys.executable, "-m", "unguarded.cli"]


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=timeout)


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("unguarded ")


def test_engines_lists_the_six():
    out = run("engines").stdout
    for name in ("Redis", "memcached", "MongoDB", "Elasticsearch", "PostgreSQL", "MySQL"):
        assert name in out
    assert "tested against: real `redis-server`" in out and "stand-in" in out


def test_engines_json_describes_every_registered_engine_and_what_it_is_tested_against():
    from unguarded.engines import all_engines

    described = json.loads(run("engines", "--json").stdout)
    assert [d["name"] for d in described] == [e.name for e in all_engines()]
    assert all(d["tested_against"] == e.tested_against for d, e in zip(described, all_engines(), strict=True))


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "not_a host!"),
        ("scan", "10.0.0.0/8"),
        ("scan", "-iL", "/nonexistent/targets.txt"),
        ("scan", "--nmap-xml", "/nonexistent/scan.xml"),
        ("scan", "ftp://example.org"),
        ("scan", "127.0.0.1", "--ports", "70000"),
        ("scan", "127.0.0.1", "--exclude", "not-a-cidr"),
        ("scan", "127.0.0.1", "--fail-on", "catastrophic"),
        ("scan",),
        # typer's own usage errors: one line too, not its box
        ("scan", "--bogus"),
        ("scan", "127.0.0.1", "--sample", "many"),
        ("scan", "127.0.0.1", "--concurrency", "0"),
        ("scan", "127.0.0.1", "--max-bytes", "0"),
        ("scan", "127.0.0.1", "--max-listed", "many"),
        ("nonesuch",),
        ("baseline", "nonesuch"),
        ("config",),
        # input echoed back is cut to a readable length
        ("scan", "x" * 20_000),
        ("scan", "127.0.0.1", "--webhook", "http://"),
        ("scan", "127.0.0.1", "--webhook", "https:///path-only"),
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_bad_input_is_one_clear_line_and_exit_2(args):
    done = run(*args)
    assert done.returncode == 2, done
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("unguarded: error:"), done.stderr
    assert len(lines[0]) <= 350, lines[0][:400]
    assert "Traceback" not in done.stderr and not done.stdout


def test_a_huge_nmap_xml_is_refused_in_one_line(tmp_path):
    from unguarded.targets import MAX_NMAP_XML_BYTES

    xml = tmp_path / "huge.xml"
    with xml.open("wb") as out:  # sparse: as large as the cap allows and one byte more, instantly
        out.write(b'<?xml version="1.0"?><nmaprun>')
        out.truncate(MAX_NMAP_XML_BYTES + 1)
    done = run("scan", "--nmap-xml", str(xml))
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "larger than" in lines[0], done.stderr


@pytest.mark.parametrize(
    ("flag", "said"),
    [("--max-bytes", "more than its 100,000-byte budget"), ("--max-message-bytes", "the 100,000-byte message cap")],
)
def test_limit_flags_reach_the_relay(flag, said):
    port, close = hostile.redis("huge_value")
    try:
        done = run("scan", f"redis://127.0.0.1:{port}", flag, "100000", "--json", "-", "-q", "--no-store")
    finally:
        close()
    assert done.returncode in (0, 1), done.stderr
    messages = [e["message"] for s in json.loads(done.stdout)["services"] for e in s.get("errors", [])]
    messages += [e["message"] for e in json.loads(done.stdout).get("errors", [])]
    assert any(said in m for m in messages), messages


def test_bare_command_still_shows_the_help():
    done = run()
    assert "Usage" in done.stdout + done.stderr and "scan" in done.stdout + done.stderr


def test_cap_can_be_raised_explicitly(tmp_path):
    # 10.0.0.0/15 is 131,072 addresses: refused by default, allowed with --max-targets,
    # and excluded entirely so nothing outside loopback is contacted.
    done = run("scan", "10.0.0.0/15", "--exclude", "10.0.0.0/15", "--max-targets", "200000", "-q")
    assert done.returncode == 0, done.stderr


def test_target_file_with_comments(tmp_path):
    hosts = tmp_path / "targets.txt"
    hosts.write_text("# lab\n127.0.0.1:1  # nothing listens here\n\n")
    done = run("scan", "-iL", str(hosts), "--json", "-", "-q")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["services"] == []


def test_hostile_peers_end_within_deadline_with_clear_errors():
    peers = [hostile.tarpit(), hostile.garbage(), hostile.http_yes_man()]
    try:
        started = time.monotonic()
        ports = ",".join(str(p) for p, _ in peers)
        done = run(
            "scan", "127.0.0.1", "--ports", ports, "--json", "-", "-q", "--deadline", "8", "--timeout", "1", timeout=60
        )
        elapsed = time.monotonic() - started
    finally:
        for _, close in peers:
            close()
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    schema = json.loads((shared_dir() / "contracts" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    assert report["services"] == []
    errors = {e["port"]: e for e in report["errors"]}
    assert set(errors) == {p for p, _ in peers}
    tarpit_port, garbage_port, http_port = (p for p, _ in peers)
    assert "never answered" in errors[tarpit_port]["message"]
    assert "not with any supported" in errors[garbage_port]["message"]
    assert "not with any supported" in errors[http_port]["message"]
    assert elapsed < 40


def test_nmap_xml_input(tmp_path):
    xml = tmp_path / "scan.xml"
    xml.write_text(
        '<?xml version="1.0"?><nmaprun><host><address addr="127.0.0.1" addrtype="ipv4"/>'
        '<ports><port protocol="tcp" portid="1"><state state="open"/><service name="redis"/></port>'
        '<port protocol="tcp" portid="2"><state state="closed"/></port></ports></host></nmaprun>'
    )
    done = run("scan", "--nmap-xml", str(xml), "--json", "-", "-q")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["services"] == []


def test_exit_code_1_when_findings_reach_fail_on(lab):
    import redis

    server = lab.get("redis")
    redis.Redis(port=server.port).hset("customer:1", mapping={"name": "Ada Lovelace", "email": "ada@example.org"})
    done = run("scan", f"redis://127.0.0.1:{server.port}", "--fail-on", "low", "-q")
    assert done.returncode == 1, done.stderr
    done = run("scan", f"redis://127.0.0.1:{server.port}", "--fail-on", "critical", "-q")
    assert done.returncode in (0, 1)

"""The distributed flags' mistakes: one usage line, exit 2, and never a password echoed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unguarded.cli import app


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Done:
    """The command in this process (no interpreter start per case), without a broker in the environment."""
    result = CliRunner().invoke(app, list(args), env={"UNGUARDED_BROKER": ""})
    return Done(result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("scan", "127.0.0.1", "--distributed"), "no broker: give --broker-file FILE or set $UNGUARDED_BROKER"),
        (("scan", "127.0.0.1", "--distributed", "--no-store"), "keeps its shard ledger in the store"),
        (("scan", "127.0.0.1", "--resume", "abc"), "--resume takes the targets from the scan's recorded scope"),
        (("scan", "--resume", "abc"), "no scan 'abc' in the shard ledger"),
        (("scan", "127.0.0.1", "--broker", "amqp://rabbit/"), "the broker must be a redis:// or rediss:// URL"),
        (("worker",), "no broker"),
        (("scan", "127.0.0.1", "--route", "127.0.0.0/25=q-a"), "--route sends shards to workers' queues"),
        (("scan", "127.0.0.1", "--broker", "redis://x/", "--route", "127.0.0.0/25"), "write NETWORK=QUEUE"),
        (("scan", "127.0.0.1", "--broker", "redis://x/", "--route", "nowhere=q"), "is not an address or network"),
        (("scan", "--resume", "abc", "--route", "10.0.0.0/8=q"), "give no --route"),
        (
            ("scan", "127.0.0.1", "--broker", "redis://x/", "--route", "10.0.0.0/8=a", "--route", "10.0.0.0/8=b"),
            "routed to both 'a' and 'b'",
        ),
        (
            ("scan", "127.0.0.1", "--broker", "redis://x/", "--routes-file", "/nonexistent/routes"),
            "cannot read the routes file",
        ),
    ],
)
def test_usage_errors(args: tuple[str, ...], message: str) -> None:
    done = run(*args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr


def test_a_password_on_the_command_line_is_warned_about_and_never_echoed(tmp_path: Path) -> None:
    done = run("worker", "--broker", "redis://:hunter2@127.0.0.1:1/0", "--store", str(tmp_path / "no" / "dir.sqlite"))
    assert done.returncode == 2
    assert "the broker password is on the command line" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


def test_the_broker_comes_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "broker"
    secret.write_text("# the team's broker\nredis://:hunter2@127.0.0.1:1/0\n")
    secret.chmod(0o600)
    done = run("worker", "--broker-file", str(secret), "--store", str(tmp_path / "no" / "dir.sqlite"))
    assert done.returncode == 2  # the store is wrong, the broker was read
    assert "password is on the command line" not in done.stderr
    assert "hunter2" not in done.stderr + done.stdout
    done = run("worker", "--broker-file", str(tmp_path / "missing"))
    assert done.returncode == 2 and "cannot read the broker file" in done.stderr

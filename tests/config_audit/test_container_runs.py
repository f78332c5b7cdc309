"""Containers started outside compose files: ``docker run``/``podman run`` in a systemd unit's
``ExecStart=`` and Podman Quadlet ``.container`` files, judged by the compose rules.

The unit and Quadlet texts follow the docker run and podman run references and
podman-systemd.unit(5); each case that must be found has a twin that must not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._parse.lines import split_args
from unguarded.config_audit._parse.runs import RunSpec, run_of

from .helpers import TODAY

Write = Callable[[str, str], Path]


def _found(tmp_path: Path) -> set[tuple[str, str, int]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return {(f.rule_id, f.path, f.line) for f in report.findings}


def _unit(exec_start: str, *service: str) -> str:
    """A unit as the docker docs' systemd examples write one; ExecStart= is on line 8."""
    extra = "".join(f"{line}\n" for line in service)
    return (
        "[Unit]\n"
        "Description=database container\n"
        "After=docker.service\n"
        "Requires=docker.service\n"
        "\n"
        "[Service]\n"
        "ExecStartPre=-/usr/bin/docker rm -f db\n"
        f"ExecStart={exec_start}\n"
        "ExecStop=/usr/bin/docker stop db\n"
        f"{extra}"
        "\n[Install]\nWantedBy=multi-user.target\n"
    )


def _run(command: str, variables: dict[str, str] | None = None) -> RunSpec:
    spec = run_of(split_args(command), 1, "unit", variables or {})
    assert spec is not None
    return spec


# ------------------------------------------------------------------ the flags of a run


@pytest.mark.parametrize(
    ("command", "image", "argv"),
    [
        ("docker run -p 6379:6379 redis:7", "redis:7", []),
        ("/usr/bin/docker run --rm -d --name db --restart always -p 6379:6379 redis:7", "redis:7", []),
        ("-/usr/bin/docker run --rm --init --log-driver journald redis:7 redis-server --appendonly yes",
         "redis:7", ["redis-server", "--appendonly", "yes"]),
        ("docker run -dit -p6379:6379 -e=A=1 --env B=2 redis:7", "redis:7", []),
        ("docker run -dp 6379:6379 redis:7", "redis:7", []),
        ("podman run --rm --network=host --pull=always docker.io/library/redis:7", "docker.io/library/redis:7", []),
        ("docker --host unix:///run/docker.sock container run --publish-all -- redis:7", "redis:7", []),
        ("podman --log-level=info run --systemd always --sdnotify conmon redis:7", "redis:7", []),
        ("@/usr/bin/docker docker run -v /srv/data:/data redis:7", "redis:7", []),
        ("docker run --entrypoint redis-server redis:7 --port 7000", "redis:7", ["--port", "7000"]),
    ],
)  # fmt: skip
def test_value_options_and_switches_leave_the_image_where_it_is(command: str, image: str, argv: list[str]) -> None:
    spec = _run(command)
    assert spec.image == image
    assert spec.argv == argv


def test_other_commands_are_not_runs() -> None:
    for command in ("docker rm -f db", "docker start -a db", "/usr/bin/redis-server /etc/redis.conf", "podman pull x"):
        assert run_of(split_args(command), 1, "unit", {}) is None


def test_a_run_inside_sh_c_is_read() -> None:
    spec = run_of(split_args("/bin/sh -c 'docker rm -f db; exec docker run -p 6379:6379 redis:7'"), 1, "u", {})
    assert spec is not None and spec.image == "redis:7" and spec.publish == [("6379:6379", 1)]


def test_what_the_flags_say() -> None:
    spec = _run(
        "podman run --name cache -v /etc/redis/redis.conf:/usr/local/etc/redis/redis.conf:ro "
        "--mount type=bind,source=/srv/conf,target=/conf,readonly --mount type=volume,source=data,target=/data "
        "-v data:/data --net=host -e A=1 -e FROM_UNIT --env-file /etc/db.env "
        "--secret pw,type=env,target=REDIS_PASSWORD redis:7",
        {"FROM_UNIT": "x"},
    )
    service = spec.service()
    c = service.container
    assert c.name == "cache"
    assert service.host_network_line == 1
    assert [(m.kind, m.source, m.target) for m in c.mounts] == [
        ("hostpath", "/etc/redis/redis.conf", "/usr/local/etc/redis/redis.conf"),
        ("hostpath", "/srv/conf", "/conf"),
    ]
    assert {k: v.value for k, v in c.env.items()} == {"A": "1", "FROM_UNIT": "x", "REDIS_PASSWORD": None}
    assert not c.env_complete


def test_placeholders_are_unknown_images_not_guesses() -> None:
    for image in ("__REDIS_IMAGE__", "${IMAGE}", "$IMAGE", "@REDIS_IMAGE@", "registry/%i"):
        c = _run(f"docker run -p 6379:6379 {image}").service().container
        assert c.image == ""
        assert c.recognised is None or c.recognised.by_port_only
    assert _run("docker run redis:${TAG}").service().container.engine == "redis"  # the tag only: still redis


# ------------------------------------------------------------------ systemd units


def test_docker_run_in_a_unit_is_judged_like_the_compose_service(write: Write, tmp_path: Path) -> None:
    write("unit/redis.service", _unit("/usr/bin/docker run --rm --name db -p 6379:6379 redis:7"))
    write("compose/compose.yaml", "services:\n  db:\n    image: redis:7\n    ports:\n      - 6379:6379\n")
    found = _found(tmp_path)
    assert ("UG-COMPOSE-001", "unit/redis.service", 8) in found
    assert {r for r, p, _ in found if p.startswith("unit/")} == {r for r, p, _ in found if p.startswith("compose/")}


def test_loopback_publication_in_a_unit_is_not_found(write: Write, tmp_path: Path) -> None:
    write("redis.service", _unit("/usr/bin/docker run --rm --name db -p 127.0.0.1:6379:6379 redis:7"))
    write("podman.service", _unit("/usr/bin/podman run --rm -p [::1]:6380:6379 redis:7"))
    assert _found(tmp_path) == set()


def test_an_unpublished_run_is_not_found(write: Write, tmp_path: Path) -> None:
    write("redis.service", _unit("/usr/bin/docker run --rm --name db redis:7"))
    assert _found(tmp_path) == set()


def test_a_password_makes_it_medium_not_critical(write: Write, tmp_path: Path) -> None:
    write("pg.service", _unit("/usr/bin/docker run --rm --name db -e POSTGRES_PASSWORD=x -p 5432:5432 postgres:16"))
    assert _found(tmp_path) == {("UG-COMPOSE-002", "pg.service", 8)}


def test_the_units_environment_reaches_a_passed_on_variable(write: Write, tmp_path: Path) -> None:
    write(
        "pg.service",
        _unit(
            "/usr/bin/docker run --name db -e POSTGRES_HOST_AUTH_METHOD -p 5432:5432 postgres:16",
            "Environment=POSTGRES_HOST_AUTH_METHOD=trust",
        ),
    )
    assert _found(tmp_path) == {("UG-COMPOSE-001", "pg.service", 8)}


def test_continuation_lines_and_specifiers(write: Write, tmp_path: Path) -> None:
    write(
        "mongo@.service",
        _unit(
            "/usr/bin/docker run --rm --name mongo-%i \\\n  -p %i:27017 \\\n  -v /srv/mongo-%i:/data/db \\\n  mongo:7"
        ),
    )
    assert _found(tmp_path) == {("UG-COMPOSE-001", "mongo@.service", 8)}


def test_an_unknown_host_port_still_publishes_on_every_interface(write: Write, tmp_path: Path) -> None:
    write("qdrant.service", _unit("/usr/bin/docker run --rm -p __PORT__:6333 qdrant/qdrant:v1.9.0"))
    assert _found(tmp_path) == {("UG-COMPOSE-001", "qdrant.service", 8)}


def test_a_placeholder_image_is_never_guessed(write: Write, tmp_path: Path) -> None:
    write("a.service", _unit("/usr/bin/docker run --rm -p 6333:6333 __QDRANT_IMAGE__"))
    write("b.service", _unit("/usr/bin/docker run --rm -p 6333:6333 ${IMAGE}"))
    assert _found(tmp_path) == set()


def test_an_image_the_unit_sets_is_read(write: Write, tmp_path: Path) -> None:
    write("q.service", _unit("/usr/bin/docker run --rm -p 6333:6333 ${IMAGE}", "Environment=IMAGE=qdrant/qdrant"))
    assert _found(tmp_path) == {("UG-COMPOSE-001", "q.service", 8)}


def test_host_network_and_publish_all(write: Write, tmp_path: Path) -> None:
    write("host.service", _unit("/usr/bin/podman run --rm --network host docker.io/library/mongo:7"))
    write("all.service", _unit("/usr/bin/docker run --rm -P redis:7"))
    write("pw.service", _unit("/usr/bin/docker run --rm --net=host -e MONGO_INITDB_ROOT_USERNAME=a mongo:7"))
    assert _found(tmp_path) == {
        ("UG-COMPOSE-001", "host.service", 8),
        ("UG-COMPOSE-001", "all.service", 8),
        ("UG-COMPOSE-002", "pw.service", 8),
    }


def test_an_env_file_may_hold_the_password(write: Write, tmp_path: Path) -> None:
    write("m.service", _unit("/usr/bin/docker run --env-file /etc/mongo.env -p 27017:27017 mongo:7"))
    assert _found(tmp_path) == {("UG-COMPOSE-002", "m.service", 8)}


def test_server_units_are_read_as_before(write: Write, tmp_path: Path) -> None:
    write("mongod.service", "[Service]\nExecStart=/usr/bin/mongod --bind_ip_all --noauth\n")
    assert {rule for rule, _, _ in _found(tmp_path)} and not any(
        r.startswith("UG-COMPOSE") for r, _, _ in _found(tmp_path)
    )


# ------------------------------------------------------------------ Podman Quadlet


_MONGO_QUADLET = """\
[Unit]
Description=MongoDB

[Container]
Image=docker.io/library/mongo:7
ContainerName=mongo
{publish}Volume=mongo.volume:/data/db

[Service]
Restart=always

[Install]
WantedBy=default.target
"""


def test_a_quadlet_publishing_mongo_without_a_root_user_is_found(write: Write, tmp_path: Path) -> None:
    write("mongo.container", _MONGO_QUADLET.format(publish="PublishPort=27017:27017\n"))
    assert _found(tmp_path) == {("UG-COMPOSE-001", "mongo.container", 7)}


def test_a_quadlet_without_published_ports_is_not_found(write: Write, tmp_path: Path) -> None:
    write("mongo.container", _MONGO_QUADLET.format(publish=""))
    write("local.container", _MONGO_QUADLET.format(publish="PublishPort=127.0.0.1:27017:27017\n"))
    assert _found(tmp_path) == set()


def test_a_quadlet_with_a_root_user_or_secret_is_medium(write: Write, tmp_path: Path) -> None:
    write(
        "a.container",
        _MONGO_QUADLET.format(publish='PublishPort=27017:27017\nEnvironment="MONGO_INITDB_ROOT_USERNAME=admin"\n'),
    )
    write(
        "b.container",
        _MONGO_QUADLET.format(publish="PublishPort=27017:27017\nEnvironmentFile=mongo.env\n"),
    )
    assert _found(tmp_path) == {("UG-COMPOSE-002", "a.container", 7), ("UG-COMPOSE-002", "b.container", 7)}


def test_quadlet_network_host_podman_args_and_exec(write: Write, tmp_path: Path) -> None:
    write("host.container", "[Container]\nImage=docker.io/library/redis:7\nNetwork=host\n")
    write("args.container", "[Container]\nImage=docker.io/library/redis:7\nPodmanArgs=--publish 6379:6379\n")
    write(
        "pw.container",
        "[Container]\nImage=docker.io/library/redis:7\nPublishPort=6379:6379\nExec=redis-server --requirepass x\n",
    )
    assert _found(tmp_path) == {
        ("UG-COMPOSE-001", "host.container", 3),
        ("UG-COMPOSE-001", "args.container", 3),
        ("UG-COMPOSE-002", "pw.container", 3),
    }


def test_a_quadlet_image_unit_is_not_guessed(write: Write, tmp_path: Path) -> None:
    write("r.container", "[Container]\nImage=redis.image\nPublishPort=127.0.0.1:6379:6379\n")
    write("s.container", "[Container]\nImage=__REDIS_IMAGE__\nPublishPort=6380:6380\n")
    assert _found(tmp_path) == set()


def test_other_container_files_are_not_ours(write: Write, tmp_path: Path) -> None:
    write("page.container", "<div class='container'>[Container] is not a section here</div>\n")
    write("notes.container", "just a note\n")
    (tmp_path / "blob.container").write_bytes(b"\x00\x01\x02" * 10 + b"[Container]\n")
    (tmp_path / "huge.container").write_bytes(b"[Container]\n" + b"#" * 5_000_000)
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors and not report.findings
    assert report.files_audited <= 1  # at most the binary one, which holds a [Container] line


def test_a_quadlet_relative_volume_links_the_mounted_config(write: Write, tmp_path: Path) -> None:
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    write(
        "redis.container",
        "[Container]\nImage=docker.io/library/redis:7\nPublishPort=6379:6379\n"
        "Volume=./redis.conf:/usr/local/etc/redis/redis.conf:Z\n"
        "Exec=redis-server /usr/local/etc/redis/redis.conf\n",
    )
    found = _found(tmp_path)
    assert any(rule.startswith("UG-DEPLOY") and path == "redis.container" for rule, path, _ in found), found


def test_a_host_path_mounted_by_docker_run_links_the_config_in_the_tree(write: Write, tmp_path: Path) -> None:
    write("etc/redis/redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    write(
        "redis.service",
        _unit(
            "/usr/bin/docker run --rm -p 6379:6379 -v /etc/redis/redis.conf:/usr/local/etc/redis/redis.conf "
            "redis:7 redis-server /usr/local/etc/redis/redis.conf"
        ),
    )
    assert ("UG-DEPLOY-001", "redis.service", 8) in _found(tmp_path)


def test_memcached_flags_after_the_image_are_read_as_in_compose(write: Write, tmp_path: Path) -> None:
    write("mc.service", _unit("/usr/bin/docker run --rm -p 127.0.0.1:11211:11211 memcached:1.6 -U 11211"))
    assert {rule for rule, _, _ in _found(tmp_path)} == {"UG-MEMCACHED-002"}


def test_an_environment_file_in_the_tree_names_the_image(write: Write, tmp_path: Path) -> None:
    write("etc/default/qdrant", "IMAGE=qdrant/qdrant:v1.9.0\n")
    write(
        "lib/systemd/system/qdrant.service",
        _unit("/usr/bin/docker run --rm -p 6333:6333 ${IMAGE}", "EnvironmentFile=/etc/default/qdrant"),
    )
    write("other/qdrant.service", _unit("/usr/bin/docker run --rm -p 6333:6333 ${IMAGE}", "EnvironmentFile=/x"))
    assert _found(tmp_path) == {("UG-COMPOSE-001", "lib/systemd/system/qdrant.service", 8)}

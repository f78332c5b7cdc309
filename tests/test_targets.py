"""Target parsing: every accepted form, the cap, exclusions, and clear errors."""

from __future__ import annotations

import os
import threading

import pytest

from unguarded.targets import TargetError, build_target_set, iter_endpoints, parse_ports, parse_target


@pytest.mark.parametrize(
    ("text", "port", "hint", "size"),
    [
        ("10.0.0.5", None, None, 1),
        ("10.0.0.0/30", None, None, 2),
        ("10.0.0.5:6380", 6380, None, 1),
        ("[::1]:27017", 27017, None, 1),
        ("::1", None, None, 1),
        ("2001:db8::/126", None, None, 3),
        ("mongodb://10.0.0.5", 27017, "mongodb", 1),
        ("redis://:secret@10.0.0.5:6390/0", 6390, "redis", 1),
        ("postgresql://u@[2001:db8::1]:5433/db", 5433, "postgresql", 1),
        ("mysql://10.0.0.5", 3306, "mysql", 1),
        ("http://10.0.0.5:9200", 9200, None, 1),
        ("db.internal", None, None, 1),
        ("db.internal:11211", 11211, None, 1),
    ],
)
def test_accepted_forms(text, port, hint, size):
    spec = parse_target(text)
    assert (spec.port, spec.hint, spec.size) == (port, hint, size)


@pytest.mark.parametrize("text", ["", "not a host", "10.0.0.5:99999", "ftp://x", "host:abc", "mongodb://a,b/"])
def test_rejected_forms(text):
    with pytest.raises(TargetError):
        parse_target(text) if text else build_target_set([text])


def test_cap_and_override():
    with pytest.raises(TargetError, match="exceed the cap"):
        build_target_set(["10.0.0.0/15"])
    assert build_target_set(["10.0.0.0/15"], max_targets=200_000).address_count == 131_070


def test_exclusions_and_dedup():
    ts = build_target_set(["10.0.0.0/29", "10.0.0.3"], exclude=["10.0.0.0/30,10.0.0.6"])
    eps = [e for e in iter_endpoints(ts, [6379]) if not isinstance(e, TargetError)]
    assert sorted(e.address for e in eps) == ["10.0.0.4", "10.0.0.5"]


def test_endpoints_are_lazy_for_large_ranges():
    ts = build_target_set(["10.0.0.0/16"])
    first = next(iter(iter_endpoints(ts, range(1, 1000))))
    assert first.address == "10.0.0.1"


def test_ports():
    assert parse_ports("6379, 8000-8002,6379") == [6379, 8000, 8001, 8002]
    for bad in ("0", "1-", "9-3", "x", ""):
        with pytest.raises(TargetError):
            parse_ports(bad)


def test_unresolvable_name_is_an_error_not_a_crash():
    ts = build_target_set(["no-such-host.invalid"])
    (item,) = list(iter_endpoints(ts, [1]))
    assert isinstance(item, TargetError) and "cannot resolve" in str(item)


def _nmap_xml(path, hosts: int, state: str = "closed", comment: str = "") -> None:
    with path.open("w") as out:
        out.write(f'<?xml version="1.0"?><nmaprun>{comment}')
        for i in range(hosts):
            out.write(
                f'<host><address addr="10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}" addrtype="ipv4"/>'
                f'<ports><port protocol="tcp" portid="6379"><state state="{state}"/>'
                '<service name="redis"/></port></ports></host>'
            )
        out.write("</nmaprun>")


def test_nmap_xml_is_streamed_host_by_host(tmp_path):
    import tracemalloc

    from unguarded.targets import read_nmap_xml

    xml = tmp_path / "big.xml"
    _nmap_xml(xml, 20_000)  # ~3 MB; parsed whole it would hold 100,000 elements (tens of MB)
    tracemalloc.start()
    try:
        assert read_nmap_xml(xml) == []
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak


def test_nmap_xml_over_its_byte_or_port_cap_is_refused(tmp_path):
    from unguarded.targets import read_nmap_xml

    xml = tmp_path / "scan.xml"
    _nmap_xml(xml, 1, comment="<!--" + "x" * 100_000 + "-->")
    with pytest.raises(TargetError, match="larger than 50,000 bytes"):
        read_nmap_xml(xml, max_bytes=50_000)
    # not a regular file (no size to check first): cut while reading
    fifo = tmp_path / "fifo.xml"
    os.mkfifo(fifo)

    def endless() -> None:
        try:
            with fifo.open("w") as out:
                out.write('<?xml version="1.0"?><nmaprun><!--')
                for _ in range(1000):
                    out.write("x" * 1000)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=endless)
    writer.start()
    with pytest.raises(TargetError, match="larger than 50,000 bytes"):
        read_nmap_xml(fifo, max_bytes=50_000)
    writer.join()
    _nmap_xml(xml, 30, state="open")
    assert len(read_nmap_xml(xml)) == 30
    with pytest.raises(TargetError, match="more than 20 open ports"):
        read_nmap_xml(xml, max_targets=20)

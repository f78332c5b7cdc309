"""ClickHouse against a real clickhouse-server (Debian's 18.16): exposure, access, inventory, read-only proof."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.conftest import FAST, Lab, only_service, run_scan, validate_report
from unguarded.engines.clickhouse import ENGINE, _access, ident, literal
from unguarded.models import Access

CANARY = "canary-5b1e@leak-test.example"
#: first keywords a read-only scan may send
READ_KEYWORDS = {"SELECT", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN"}


@pytest.fixture(scope="module")
def open_ch(lab: Lab):
    server = lab.get("clickhouse")
    server.query("CREATE DATABASE IF NOT EXISTS crm")
    server.query(
        "CREATE TABLE IF NOT EXISTS crm.customers (id UInt32, full_name String, email String, phone String, "
        "birth_date Date, national_id String) ENGINE = MergeTree ORDER BY id"
    )
    rows = "\n".join(
        json.dumps(
            {
                "id": i,
                "full_name": ["Ann Smith", "Li Wei", "Maria Garcia", "John Brown"][i % 4],
                "email": f"person{i}@example.org",
                "phone": "+447911123456",
                "birth_date": f"19{60 + i % 40}-0{1 + i % 9}-1{i % 9}",
                "national_id": "11010519491231002X",
            }
        )
        for i in range(1, 1201)
    )
    server.query("TRUNCATE TABLE crm.customers")
    server.query("INSERT INTO crm.customers FORMAT JSONEachRow", body=rows.encode())
    server.query(f"INSERT INTO crm.customers VALUES (9999, 'Canary Person', '{CANARY}', '', '2000-01-01', '')")
    server.query("CREATE TABLE IF NOT EXISTS crm.notes (body String) ENGINE = Memory")
    server.query("TRUNCATE TABLE crm.notes")
    server.query("INSERT INTO crm.notes VALUES ('call back tomorrow'), ('renewal due'), ('no answer')")
    server.query("CREATE TABLE IF NOT EXISTS crm.remote (x String) ENGINE = URL('http://127.0.0.1:9/x.csv', CSV)")
    server.query("CREATE VIEW IF NOT EXISTS crm.recent AS SELECT id FROM crm.customers WHERE id > 1000")
    return server


def _scanner_queries(server) -> list[tuple[str, str]]:
    """(HTTP method, query) of every query not sent by the lab's setup, from system.query_log."""
    server.query("SYSTEM FLUSH LOGS")
    out = server.query(
        "SELECT http_method, query FROM system.query_log WHERE type = 1 AND query_id NOT LIKE 'lab-%' "
        "FORMAT JSONCompact"
    )
    return [(("", "GET", "POST")[int(m)], q) for m, q in json.loads(out)["data"]]


def test_open_clickhouse_inventory_access_and_read_only(open_ch, report_schema):
    server = open_ch
    before = server.query("SELECT count(), sum(cityHash64(*)) FROM crm.customers")
    report = run_scan([f"clickhouse://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("clickhouse", "open", "admin", "18.16.1")
    assert svc.auth_detail == "no credentials: user default has no password"
    by_name = {d.name: d for d in svc.datasets if d.name.startswith("crm.")}
    assert set(by_name) == {"crm.customers", "crm.notes", "crm.remote", "crm.recent"}
    customers = by_name["crm.customers"]
    assert (customers.records, customers.records_exact, customers.sampled) == (1201, True, 200)
    assert {"contact.email", "contact.phone", "person.name", "person.birth_date", "national_id.cn_ric"} <= set(
        customers.categories
    ), customers.categories
    assert "identity_records" in customers.patterns
    assert (by_name["crm.notes"].records, by_name["crm.notes"].sampled) == (3, 3)
    # A URL table reads another server and a view runs a query: listed, never read.
    assert (by_name["crm.remote"].records, by_name["crm.remote"].sampled) == (None, 0)
    assert (by_name["crm.recent"].records, by_name["crm.recent"].kind) == (None, "view")
    assert svc.severity == "critical" and not svc.errors
    assert CANARY not in json.dumps(data)
    # Read-only, from the server's own query log: reads only, all GET but the settings query.
    queries = _scanner_queries(server)
    assert queries, "query_log recorded nothing from the scan"
    for method, query in queries:
        assert query.split()[0].upper() in READ_KEYWORDS, query
        assert method == "GET" or query.startswith("SELECT name, value FROM system.settings"), (method, query)
    assert not any("url(" in q.lower() or "crm.remote" in q or "crm`.`remote" in q for _, q in queries)
    assert server.query("SELECT count(), sum(cityHash64(*)) FROM crm.customers") == before


def test_clickhouse_found_without_hint(open_ch):
    svc = only_service(run_scan([f"127.0.0.1:{open_ch.port}"]))
    assert (svc.engine, svc.exposure) == ("clickhouse", "open")


def test_protected_clickhouse(lab: Lab, report_schema):
    server = lab.get("clickhouse", protected=True)
    report = run_scan([f"clickhouse://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "clickhouse",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith("password required")


def test_demo_clickhouse_is_critical(lab: Lab):
    from unguarded.lab.demo import LOADERS

    server = lab.get("clickhouse")
    LOADERS["clickhouse"](server)
    svc = only_service(run_scan([f"clickhouse://127.0.0.1:{server.port}"]))
    residents = {d.name: d for d in svc.datasets}["analytics.residents"]
    assert residents.records == 300 and "identity_records" in residents.patterns
    assert {"national_id.cn_ric", "person.birth_date"} <= set(residents.categories), residents.categories
    assert svc.severity == "critical"


@pytest.mark.parametrize("protected", [False, True], ids=["open", "protected"])
def test_native_port_is_recognised_and_judged_by_its_hello(lab: Lab, protected: bool):
    server = lab.get("clickhouse", protected=protected)
    svc = only_service(run_scan([f"clickhouse://127.0.0.1:{server.tcp_port}"]))
    assert svc.engine == "clickhouse"
    if protected:
        assert (svc.exposure, svc.access) == ("protected", "none"), (svc.auth_detail, svc.errors)
    else:
        assert (svc.exposure, svc.access, svc.version) == ("open", "metadata", "18.16"), (svc.auth_detail, svc.errors)
        assert any("HTTP interface" in e.message for e in svc.errors)


def test_many_tables_are_cut_at_max_datasets(lab: Lab):
    server = lab.get("clickhouse")
    server.query("CREATE DATABASE IF NOT EXISTS wide")
    for i in range(40):
        server.query(f"CREATE TABLE IF NOT EXISTS wide.t{i:03d} (v String) ENGINE = Memory")
    options = dataclasses.replace(FAST, max_datasets=12)
    svc = only_service(run_scan([f"clickhouse://127.0.0.1:{server.port}"], options))
    assert len(svc.datasets) == 12
    assert any("--max-datasets" in e.message for e in svc.errors)


def test_a_huge_value_is_cut_in_sql(lab: Lab):
    server = lab.get("clickhouse")
    server.query("CREATE DATABASE IF NOT EXISTS big")
    server.query("CREATE TABLE IF NOT EXISTS big.blob (v String) ENGINE = Memory")
    server.query("TRUNCATE TABLE big.blob")
    server.query("INSERT INTO big.blob FORMAT TSV", body=b"A" * 8_000_000 + b"\n")
    try:
        options = dataclasses.replace(FAST, record_byte_cap=4096, dataset_byte_cap=64 * 1024)
        svc = only_service(run_scan([f"clickhouse://127.0.0.1:{server.port}"], options))
        blob = {d.name: d for d in svc.datasets}["big.blob"]
        assert (blob.records, blob.sampled) == (1, 1)
        server.query("SYSTEM FLUSH LOGS")
        # the server itself sent back no more than the cut value
        sent = server.query(
            "SELECT max(result_bytes) FROM system.query_log WHERE type = 2 AND query LIKE '%FROM `big`.`blob` LIMIT%'"
        )
        assert 0 < int(sent) < 64 * 1024
    finally:
        server.query("DROP DATABASE big")


# ---------------------------------------------------------------- recorded answers and rules


def test_match_recorded_answers():
    native = b"HTTP/1.0 400 Bad Request\r\n\r\nPort 9000 is for clickhouse-client program.\r\nYou must use port 8123 for HTTP.\r\n"
    assert ENGINE.match(native).detail == "native protocol port"
    open_answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/tab-separated-values; charset=UTF-8\r\n"
        b"X-ClickHouse-Server-Display-Name: ch1\r\nX-ClickHouse-Query-Id: 1\r\nContent-Length: 9\r\n\r\n24.3.1.2\n"
    )
    assert ENGINE.match(open_answer).version == "24.3.1.2"
    # ClickHouse 24 to an anonymous client when default has a password
    refused = (
        b"HTTP/1.1 403 Forbidden\r\nX-ClickHouse-Exception-Code: 516\r\nContent-Length: 60\r\n\r\n"
        b"Code: 516. DB::Exception: default: Authentication failed. (AUTHENTICATION_FAILED)"
    )
    assert ENGINE.match(refused).detail == "protected"
    old_refused = (
        b'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="ClickHouse server HTTP API"\r\n\r\n'
        b"Code: 193, e.displayText() = DB::Exception: Wrong password for user default"
    )
    assert ENGINE.match(old_refused).detail == "protected"
    # a server answering 200 to everything, or a plain "Ok." health check, is not ClickHouse
    assert ENGINE.match(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n1.0\n") is None
    assert ENGINE.match(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}") is None


@pytest.mark.parametrize(
    ("readonly", "allow_ddl", "grants", "readable", "access"),
    [
        ("0", "1", None, True, Access.ADMIN),  # before access control: everything
        ("0", "0", None, True, Access.WRITE),
        ("1", "1", None, True, Access.READ),
        ("2", "1", "GRANT ALL ON *.* TO default WITH GRANT OPTION", True, Access.READ),
        ("0", "1", "GRANT ALL ON *.* TO default WITH GRANT OPTION", True, Access.ADMIN),
        ("0", "1", "GRANT SELECT, INSERT ON shop.* TO web", True, Access.WRITE),
        ("0", "1", "GRANT SELECT ON shop.* TO analyst", True, Access.READ),
        ("0", "1", "GRANT SHOW TABLES ON *.* TO monitor", False, Access.METADATA),
        ("0", "1", "GRANT SELECT ON system.query_log TO monitor", False, Access.READ),
        ("0", "1", "GRANT SHOW, SELECT, INSERT, SYSTEM, KILL QUERY ON *.* TO default", True, Access.ADMIN),
    ],
)
def test_access_from_readonly_and_grants(readonly, allow_ddl, grants, readable, access):
    assert _access(readonly, allow_ddl, grants, readable) is access


def test_quoting():
    assert ident("we`ird\\name") == "`we\\`ird\\\\name`"
    assert literal("it's") == "'it\\'s'"


def test_a_ransom_database_is_a_compromise(lab: Lab):
    """Last in the module: the ransom note is dropped again afterwards."""
    server = lab.get("clickhouse")
    server.query("CREATE DATABASE IF NOT EXISTS README_TO_RECOVER_YOUR_DATA")
    server.query("CREATE TABLE IF NOT EXISTS README_TO_RECOVER_YOUR_DATA.README (content String) ENGINE = Memory")
    server.query(
        "INSERT INTO README_TO_RECOVER_YOUR_DATA.README VALUES ('All your data is backed up. You must pay "
        "0.015 BTC to 1Kz8sXoQFtQkz6bz4dZy3XkFsVtLJq2G1h to recover it. After paying send mail to us: rambler+3fbx@onionmail.org')"
    )
    try:
        report = run_scan([f"clickhouse://127.0.0.1:{server.port}"])
        svc = only_service(report)
        assert svc.compromised and svc.severity == "critical", svc.evidence
        (intrusion,) = [f for f in report.findings if f.type == "compromised"]
        assert intrusion.remediation.summary.startswith("Treat it as an intrusion")
    finally:
        server.query("DROP DATABASE README_TO_RECOVER_YOUR_DATA")


def test_a_readonly_default_profile_is_read_access(lab: Lab):
    """readonly=1 in the profile: the server refuses every setting in a request, so none is sent."""
    from unguarded.lab.servers import ClickHouseServer

    class ReadonlyClickHouse(ClickHouseServer):
        def _prepare(self) -> None:
            super()._prepare()
            users = self.workdir / "users.xml"
            users.write_text(
                users.read_text().replace(
                    "<log_queries>1</log_queries>", "<log_queries>1</log_queries><readonly>1</readonly>"
                )
            )

    server = ReadonlyClickHouse(engine="clickhouse", workdir=lab.root / "clickhouse-readonly").start()
    try:
        svc = only_service(run_scan([f"clickhouse://127.0.0.1:{server.port}"]))
        assert (svc.engine, svc.exposure, svc.access) == ("clickhouse", "open", "read")
        assert {d.name for d in svc.datasets} == set() and not svc.errors
    finally:
        server.stop()

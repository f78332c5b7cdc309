"""End to end on a real PostgreSQL: a check-in trail's time span and sensitive places, and the finding that leads.

The trail is small enough that the sample repeats its people (the follow-up reads that
confirm large trails are another module's); what is checked here is what the sample
says about movements, and that the report leads with it in counts only.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report

PLACES = ["mosque", "clinic"] + ["cafe", "office", "station", "supermarket", "park", "gym"] * 3  # 1 in 20 each

SQL = f"""
CREATE TABLE checkins (person_id int, lat double precision, lon double precision, seen_at timestamptz, place_type text);
INSERT INTO checkins SELECT g % 12, 39.9 + (g % 97) / 1000.0, 116.3 + (g % 89) / 1000.0,
  timestamptz '2026-03-01 06:00+00' + (g * interval '5 minutes'),
  (ARRAY[{", ".join(f"'{p}'" for p in PLACES)}])[1 + g % {len(PLACES)}]
  FROM generate_series(0, 179) g;
ANALYZE checkins;
"""


def test_checkin_trail_leads_the_report(lab: Lab, report_schema):
    server = lab.get("postgresql")
    server.psql("DROP DATABASE IF EXISTS movements")
    server.psql("CREATE DATABASE movements")
    server.psql(SQL, db="movements")
    report = run_scan([f"postgresql://127.0.0.1:{server.port}"], FAST)
    data = validate_report(report, report_schema)
    svc = only_service(report)
    checkins = {d.name: d for d in svc.datasets}["movements.public.checkins"]
    assert "location_trail" in checkins.patterns
    assert checkins.time_span_days == pytest.approx(179 * 5 / 1440, abs=1e-3)  # 180 fixes 5 minutes apart
    shares = {p.kind: p.share for p in checkins.sensitive_places}
    assert shares == {"place_of_worship": pytest.approx(0.05, abs=0.01), "health": pytest.approx(0.05, abs=0.01)}
    lead = report.findings[0]
    assert lead.type == "tracking_system" and (lead.host, lead.port) == (svc.host, svc.port)
    assert "holds location trails anyone can read" in lead.message and "15 hours" in lead.message
    assert "5% at places of worship" in lead.message or "5% of positions at places of worship" in lead.message
    assert "mosque" not in json.dumps(data)
    assert_value_free(report, "mosque", "supermarket")  # kinds and shares, never the tagged values

"""Vector databases in compose files: which image defaults leave Chroma, Qdrant and Weaviate open.

UG-COMPOSE-001 (published and open by default) fires for each open one; the protected
twins only get UG-COMPOSE-002 (published, protected by its credentials).
"""

from __future__ import annotations

from pathlib import Path

from unguarded.config_audit import audit_paths

from .helpers import TODAY

OPEN = """\
services:
  chroma:
    image: chromadb/chroma:1.0.12
    ports:
      - "8000:8000"
  chroma-old:
    image: chromadb/chroma:0.6.3
    ports:
      - "8001:8000"
  qdrant:
    image: qdrant/qdrant:v1.12.4
    ports:
      - "6333:6333"
  weaviate:
    image: cr.weaviate.io/semitechnologies/weaviate:1.27.3
    environment:
      AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: "true"
      PERSISTENCE_DATA_PATH: /var/lib/weaviate
    ports:
      - "8080:8080"
  weaviate-default:
    image: semitechnologies/weaviate:1.24.1
    ports:
      - "8081:8080"
"""

PROTECTED = """\
services:
  chroma:
    image: chromadb/chroma:0.6.3
    environment:
      CHROMA_SERVER_AUTHN_PROVIDER: chromadb.auth.token_authn.TokenAuthenticationServerProvider
      CHROMA_SERVER_AUTHN_CREDENTIALS: ${CHROMA_TOKEN}
    ports:
      - "8000:8000"
  qdrant:
    image: qdrant/qdrant:v1.12.4
    environment:
      QDRANT__SERVICE__API_KEY: ${QDRANT_KEY}
    ports:
      - "6333:6333"
  weaviate:
    image: cr.weaviate.io/semitechnologies/weaviate:1.27.3
    environment:
      AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: "false"
      AUTHENTICATION_APIKEY_ENABLED: "true"
    ports:
      - "8080:8080"
"""


def findings(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    (tmp_path / "docker-compose.yml").write_text(text)
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return sorted((f.rule_id, f.line, f.message) for f in report.findings)


def test_open_vector_databases_are_published_and_open(tmp_path: Path) -> None:
    found = findings(tmp_path, OPEN)
    assert [(rule, line) for rule, line, _m in found] == [
        ("UG-COMPOSE-001", 5),
        ("UG-COMPOSE-001", 9),
        ("UG-COMPOSE-001", 13),
        ("UG-COMPOSE-001", 20),
        ("UG-COMPOSE-001", 24),
    ]
    messages = " ".join(m for _r, _l, m in found)
    assert "no authentication of its own" in messages and "CHROMA_SERVER_AUTHN_PROVIDER" in messages
    assert "QDRANT__SERVICE__API_KEY" in messages
    assert "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true" in messages and "falls back to anonymous" in messages


def test_keyed_vector_databases_are_only_published(tmp_path: Path) -> None:
    assert {rule for rule, _line, _m in findings(tmp_path, PROTECTED)} == {"UG-COMPOSE-002"}

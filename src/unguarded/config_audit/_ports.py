"""The one table of database ports and images every infrastructure rule shares.

Terraform, compose and Kubernetes rules all ask the same two questions: "is this port a
database's?" and "is this image a database?". Both are answered here, from two sources:
each scanning engine declares the products it is deployed as (``Engine.deployed_as`` in
its module under :mod:`unguarded.engines`), and :data:`SERVICES_WITHOUT_ENGINE` lists
the data services this audit knows before a scanning engine exists for them.
"""

from __future__ import annotations

from ..engines import all_engines
from ..engines.base import DataService

#: Services the config audit knows before a scanning engine exists; an engine module
#: replaces its row (the contract test fails while both declare the same service).
SERVICES_WITHOUT_ENGINE: tuple[DataService, ...] = (
    DataService("mssql", (1433,), ("mssql-server", "mssql/server", "mssql-server-linux", "azure-sql-edge")),
    DataService(
        "oracle",
        (1521,),
        ("oracle-free", "oracle-xe", "oracle-xe-11g", "oracle-xe-11g-r2", "oracle-18-xe", "oracle-12c"),
    ),
    DataService("risingwave", (4566,), ("risingwave",)),  # PostgreSQL protocol
    DataService("trino", (), ("trino",)),  # 8080 by default: every web app's port, so by image only
    DataService("cockroachdb", (26257,), ("cockroach",)),  # PostgreSQL protocol
    # StarRocks and Apache Doris (its parent): the frontend's MySQL-protocol port; starrocks/fe-ubuntu,
    # starrocks/allin1-ubuntu, apache/doris (backend images are told apart by _defaults._starrocks)
    DataService(
        "starrocks", (9030,), ("fe-ubuntu", "fe-centos7", "allin1-ubuntu", "allin1-centos", "starrocks", "doris")
    ),
    # Services with no authentication (or a published default login) until the deployment
    # configures one; judged in _defaults. A port is listed only when few other programs use
    # it (3000, 4000, 8000, 8080, 9000 are every web app's), so these are told by image.
    DataService("presto", (), ("presto", "prestodb-sandbox")),  # like Trino: any user name runs queries
    DataService("kvrocks", (6666,), ("kvrocks",)),  # Redis protocol
    DataService("aerospike", (), ("aerospike", "aerospike-server", "aerospike-server-enterprise")),  # 3000
    DataService("graphdb", (7200,), ("graphdb",)),  # Ontotext GraphDB
    DataService("nebula", (9669,), ("nebula-graphd",)),
    DataService("memgraph", (), ("memgraph", "memgraph-platform", "memgraph-mage")),  # bolt 7687, neo4j's row
    # InterSystems IRIS: the superserver (1972) serves SQL, objects and globals; 52773 is its web portal
    DataService(
        "intersystems-iris",
        (1972,),
        (
            "iris-community",
            "irishealth-community",
            "iris-ml-community",
            "intersystems/iris",
            "intersystems/irishealth",
            "intersystems/iris-ml",
        ),
    ),
    DataService("gremlin", (8182,), ("janusgraph", "gremlin-server")),  # JanusGraph, TinkerPop Gremlin Server
    DataService("dgraph", (), ("dgraph", "dgraph/standalone")),  # 9080 gRPC, 8080 HTTP
    DataService("arangodb", (8529,), ("arangodb",)),
    DataService("rethinkdb", (28015, 29015), ("rethinkdb",)),
    DataService("surrealdb", (), ("surrealdb",)),  # 8000
    DataService("edgedb", (5656,), ("edgedb", "geldata/gel")),
    DataService("yugabytedb", (5433,), ("yugabyte",)),  # 7100/9100 too, 9100 node-exporter's
    DataService("tidb", (), ("tidb",)),  # MySQL protocol on 4000
    DataService("couchbase", (8091, 11210), ("couchbase", "couchbase-server", "couchbase/server")),
    DataService("ravendb", (38888,), ("ravendb",)),
    DataService("foundationdb", (4500,), ("foundationdb",)),
    DataService("hazelcast", (5701,), ("hazelcast",)),
    DataService("ignite", (10800, 47500), ("ignite",)),
    DataService("questdb", (8812, 9009), ("questdb",)),
    DataService("tdengine", (6030, 6041), ("tdengine",)),
    DataService("greptimedb", (), ("greptimedb",)),  # 4000-4003
    DataService("druid", (), ("druid",)),  # 8081, 8082, 8888
    DataService("pinot", (), ("pinot",)),  # 9000
    DataService("meilisearch", (7700,), ("meilisearch",)),
    DataService("manticore", (9306, 9308), ("manticore", "manticoresearch")),
    DataService("quickwit", (7280,), ("quickwit",)),
    DataService("loki", (3100,), ("loki",)),
    DataService("tempo", (3200,), ("tempo",)),
    DataService("victoriametrics", (8428, 9428), ("victoria-metrics", "victoria-logs", "victoriametrics")),
    DataService(
        "jaeger", (16686,), ("jaeger", "jaegertracing/all-in-one")
    ),  # jaegertracing/all-in-one, jaegertracing/jaeger
    DataService("zipkin", (9411,), ("zipkin",)),
    DataService("netdata", (19999,), ("netdata",)),  # the agent's dashboard and API
    DataService("temporal", (7233,), ("temporalio/auto-setup", "temporalio/server")),  # the frontend
    DataService("pyroscope", (), ("pyroscope",)),  # 4040
    DataService("otel-lgtm", (), ("otel-lgtm",)),  # Grafana (anonymous admin), Loki, Tempo, Prometheus in one
    DataService("pulsar", (6650,), ("pulsar", "pulsar-all")),
    DataService("nsq", (4150, 4151, 4161), ("nsq",)),
    DataService("activemq", (61616, 8161), ("activemq", "activemq-classic", "activemq-artemis")),
    DataService("consul", (8500,), ("consul",)),
    DataService("ksqldb", (), ("ksqldb-server", "cp-ksqldb-server", "cp-kafka-rest", "kafka-rest")),  # 8088, 8082
    DataService("zeppelin", (), ("zeppelin",)),  # 8080
    DataService("cratedb", (), ("crate", "cratedb")),  # HTTP 4200 (an Angular dev server's), PostgreSQL 5432
    DataService("drill", (8047, 31010), ("drill",)),  # apache/drill
    DataService("vertica", (), ("vertica-ce", "vertica")),  # 5433, YugabyteDB's too
    DataService("hive", (), ("hive",)),  # HiveServer2 on 10000, a common application port
    DataService("hbase", (16010,), ("hbase",)),
    DataService("impala", (21050,), ("impala",)),
    DataService("hadoop", (9870, 50070), ("hadoop-namenode", "namenode")),  # WebHDFS
    DataService("nessie", (19120,), ("nessie",)),
    DataService("azurite", (), ("azurite",)),  # 10000-10002; the documented dev account key
    DataService("fake-gcs", (), ("fake-gcs-server",)),  # 4443
    DataService("localstack", (4566,), ("localstack", "ministack")),  # accepts any credentials
    DataService("s3-emulator", (), ("moto", "s3proxy", "cloudserver")),
    DataService("seaweedfs", (8333,), ("seaweedfs",)),  # its S3 gateway (8333); 9333 is the master
    DataService("rustfs", (), ("rustfs",)),  # S3 on 9000: every web app's port, so by image only
    DataService(
        "schema-registry", (), ("cp-schema-registry", "schema-registry", "karapace", "apicurio-registry")
    ),  # 8081
    DataService("kafka-connect", (8083,), ("cp-kafka-connect", "kafka-connect")),
    DataService("rocketmq", (9876, 10911), ("rocketmq",)),
    DataService("beanstalkd", (11300,), ("beanstalkd",)),
    DataService("elasticmq", (9324,), ("elasticmq", "elasticmq-native")),
    DataService("thanos", (10902,), ("thanos",)),
    DataService("mimir", (), ("mimir",)),
    DataService("opentsdb", (4242,), ("opentsdb", "opentsdb-docker")),
    DataService("iotdb", (6667,), ("iotdb",)),
    DataService("graphite", (2003,), ("graphite-statsd", "graphite")),
    DataService("tigergraph", (14240,), ("tigergraph",)),
    DataService("typedb", (1729,), ("typedb",)),
    DataService("terminusdb", (6363,), ("terminusdb-server", "terminusdb")),
    DataService("blazegraph", (), ("blazegraph",)),  # 9999
    DataService("virtuoso", (8890, 1111), ("virtuoso-opensource-7", "virtuoso")),
    DataService("griddb", (), ("griddb",)),  # 10001
    DataService("riak", (8087, 8098), ("riak-kv", "riak")),
    DataService("vespa", (19071,), ("vespa",)),  # 8080 for queries
    DataService("marqo", (8882,), ("marqo",)),
    DataService("garnet", (), ("garnet",)),  # Redis protocol on 6379
    DataService("proxysql", (6032, 6033), ("proxysql",)),
    DataService("libsql", (), ("libsql-server",)),  # Turso's sqld, 8080
    DataService("bigquery-emulator", (), ("bigquery-emulator",)),  # 9050
    DataService("dynamodb-local", (), ("dynamodb-local",)),  # 8000
    DataService("aperturedb", (55555,), ("aperturedb-standalone", "aperturedb")),
    DataService("exasol", (8563,), ("docker-db",)),  # exasol/docker-db
    DataService("infinispan", (11222,), ("infinispan/server",)),  # asks for USER/PASS: recognised, not open
    DataService("livy", (8998,), ("livy",)),  # Apache Livy: Spark sessions over REST
    DataService("pushgateway", (9091,), ("pushgateway",)),  # 9091 is Milvus' metrics port too
    DataService("spark-connect", (15002,), ()),  # told by its start command
    DataService("rstudio", (8787,), ("rstudio", "rocker/tidyverse", "rocker/verse", "rocker/geospatial")),
    # the CNCF Distribution registry (port 5000 is every dev server's, so by image or `registry serve`)
    DataService("docker-registry", (), ("library/registry", "distribution/registry", "distribution/distribution")),
    # Google Cloud's emulators (also told by `gcloud beta emulators pubsub start`)
    DataService(
        "gcloud-emulator",
        (),
        ("gcloud-pubsub-emulator", "pubsub-emulator", "firestore-emulator", "datastore-emulator", "bigtable-emulator"),
    ),
    DataService("pinecone-local", (), ("pinecone-local", "pinecone-index")),  # 5080+: any API key
    DataService("mlflow", (), ("mlflow",)),  # 5000 is every dev server's: by image or `mlflow server`
    # Phoenix's 6006 is TensorBoard's too, and mongo-express's 8081 every proxy's: both by image only
    DataService("phoenix", (), ("arizephoenix/phoenix",)),
    DataService("mongo-express", (), ("mongo-express",)),
    DataService("ray", (8265,), ("ray", "ray-ml")),  # rayproject/ray; the dashboard's job API on 8265
    DataService("hasura", (), ("hasura/graphql-engine",)),  # 8080: admin over the databases it fronts
    DataService("cosmosdb-emulator", (8081,), ("azure-cosmos-db-emulator",)),  # the documented account key
    DataService("eventstoredb", (2113,), ("eventstore", "eventstoredb-ce", "kurrentdb")),
    DataService("immudb", (3322,), ("immudb",)),  # codenotary/immudb
    # OmniSciDB / HeavyDB (formerly MapD): 6274 is its Thrift SQL port, 6278 Thrift over HTTP
    DataService(
        "heavydb",
        (6274,),
        (
            "heavydb",
            "omnisci/core-os-cpu",
            "omnisci/core-os-cuda",
            "omnisci-ee-cuda",
            "heavyai/core-os-cpu",
            "heavyai/core-os-cuda",
            "heavyai-ce-cpu",
            "heavyai-ce-cuda",
            "heavyai-ee-cuda",
            "mapd-ce-cpu",
            "mapd-ce-cuda",
        ),
    ),
    DataService("vault", (8200,), ("vault", "hashicorp/vault")),  # judged only as a dev server
    DataService("geoserver", (), ("geoserver",)),  # 8080
    DataService("grafana", (), ("grafana", "grafana-oss", "grafana-enterprise")),  # 3000: every web app's
    DataService("mail-catcher", (8025,), ("mailpit", "mailhog")),  # axllent/mailpit, mailhog/mailhog
    # HAPI FHIR's JPA server: patients' health records over REST on 8080 (every web app's port: by image)
    DataService("hapi-fhir", (), ("hapiproject/hapi", "hapi-fhir-jpaserver-starter")),
    # remote build caches (Bazel's remote cache, the REAPI content-addressable store)
    DataService("build-cache", (), ("bazel-remote-cache", "bazel-remote", "bb-storage")),
    # Nostr relays: they store and serve every event they are sent (strfry, nostr-rs-relay, nak serve)
    DataService("nostr-relay", (), ("strfry", "nostr-rs-relay", "nostream")),
)

#: every data service the audit recognises: the scanning engines' first, then the rest
DATA_SERVICES: tuple[DataService, ...] = (
    *(service for engine in all_engines() for service in engine.deployed_as),
    *SERVICES_WITHOUT_ENGINE,
)

#: port -> engine names that listen there by default
DB_PORTS: dict[int, tuple[str, ...]] = {}
for _service in DATA_SERVICES:
    for _port in _service.ports:
        DB_PORTS[_port] = (*DB_PORTS.get(_port, ()), _service.name)

_BY_IMAGE = {image: service.name for service in DATA_SERVICES for image in service.images if "/" not in image}
#: images whose last component alone says little (``dgraph/standalone``, ``jaegertracing/all-in-one``)
_BY_REPOSITORY = {image: service.name for service in DATA_SERVICES for image in service.images if "/" in image}

#: ports whose service also answers on UDP (memcached's reflection attacks)
UDP_DB_PORTS = frozenset(port for service in DATA_SERVICES for port in service.udp_ports)


def engine_of_image(image: str) -> str | None:
    """``docker.io/bitnami/redis:7.2@sha256:...`` -> ``redis``; unknown images -> None."""
    repository = repository_of(image)
    return _BY_REPOSITORY.get(repository) or _BY_IMAGE.get(repository.rsplit("/", 1)[-1])


def repository_of(image: str) -> str:
    """``docker.io/bitnami/redis:7.2@sha256:...`` -> ``bitnami/redis``: the owner and name, without
    registry, tag or digest. An official image has Docker Hub's ``library`` owner (``registry:2`` ->
    ``library/registry``), so a table can name it apart from any ``*/registry``."""
    path = image.split("@", 1)[0].lower()
    if ":" in path.rsplit("/", 1)[-1]:
        path = path.rsplit(":", 1)[0]
    parts = [p for p in path.split("/") if p]
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        host, parts = parts[0], parts[1:]
    else:
        host = "docker.io"
    if len(parts) == 1 and host == "docker.io":
        parts = ["library", *parts]
    return "/".join(parts[-2:])


def image_tag(image: str) -> str:
    """The tag of an image reference ('' when none: Docker then uses ``latest``)."""
    repo = image.split("@", 1)[0]
    last = repo.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else ""


def db_ports_in(low: int, high: int) -> list[int]:
    """Database ports inside an inclusive range, sorted; empty when none."""
    return sorted(p for p in DB_PORTS if low <= p <= high)


def describe_ports(ports: list[int]) -> str:
    """``[6379, 5432]`` -> ``'5432 (postgresql), 6379 (redis)'``, shortened past five."""
    if len(ports) == len(DB_PORTS):
        return f"every port (all {len(DB_PORTS)} database ports in the table)"
    shown = [f"{p} ({'/'.join(DB_PORTS[p])})" for p in sorted(ports)[:5]]
    more = len(ports) - len(shown)
    return ", ".join(shown) + (f" and {more} more database ports" if more > 0 else "")

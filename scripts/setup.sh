#!/usr/bin/env bash
# Install what unguarded needs on a Debian machine: server packages and the venv.
# Usage: scripts/setup.sh [demo|test|bench]   (default: test)
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-test}"

packages=(postgresql mariadb-server mariadb-client redis-server memcached clickhouse-server)
[ "$profile" = test ] && packages+=(influxdb zookeeper etcd-server prometheus nats-server rabbitmq-server)
packages+=(mosquitto)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ "$profile" = test ] && packages+=(chromium)
# the scale benchmark (benchmarks/scale/run.py) sweeps beside nmap
[ "$profile" = bench ] && packages+=(nmap)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Debian may start packaged services on install; the lab runs its own on high ports.
for svc in postgresql mariadb redis-server memcached influxdb zookeeper clickhouse-server etcd prometheus prometheus-node-exporter mosquitto nats-server rabbitmq-server epmd; do
  command -v service >/dev/null 2>&1 && service "$svc" stop >/dev/null 2>&1 || true
done

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[$profile]"
# Chroma's server for the lab: only the wheel (its Rust server); its client dependencies
# (onnxruntime, kubernetes, ...) are never needed to run `chroma run`.
.venv/bin/python -m pip install -q --no-deps "chromadb==1.5.9"

# pouchdb-server (the CouchDB HTTP API) for the lab, pinned, under the checkout (git-ignored).
if [ ! -x .lab-npm/node_modules/.bin/pouchdb-server ]; then
  echo "installing pouchdb-server 4.2.0 from npm into .lab-npm/"
  npm install --prefix "$PWD/.lab-npm" --no-audit --no-fund --loglevel=error pouchdb-server@4.2.0 >/dev/null
fi
# Open-source honeypots from PyPI for the honeypot tests (tests/test_honeypots.py): each in
# its own folder, since they share a top-level 'core' package, with one venv for their
# dependencies (Twisted). Never imported by unguarded itself.
if [ "$profile" = test ]; then
  honeypots="${UNGUARDED_HONEYPOTS:-/opt/unguarded-honeypots}"
  if [ ! -x "$honeypots/venv/bin/python" ] || [ ! -d "$honeypots/mempot/mempot" ]; then
    echo "installing honeypots for the tests into $honeypots"
    mkdir -p "$honeypots"
    python3 -m venv "$honeypots/venv"
    "$honeypots/venv/bin/python" -m pip install -q redispot==2.0.2 elasticpot==2.0.3 mongopot==2.0.3 mempot==2.0.2
    for pot in redispot elasticpot mongopot mempot; do
      "$honeypots/venv/bin/python" -m pip install -q --no-deps --target "$honeypots/$pot" "$pot"
    done
  fi
  # qeeqbox's honeypots (MySQL and PostgreSQL imitations) pin Twisted 21: a venv of their own
  if [ ! -x "$honeypots/qeeqbox/bin/python" ]; then
    echo "installing qeeqbox honeypots for the tests into $honeypots/qeeqbox"
    python3 -m venv "$honeypots/qeeqbox"
    "$honeypots/qeeqbox/bin/python" -m pip install -q honeypots==0.66
  fi
fi

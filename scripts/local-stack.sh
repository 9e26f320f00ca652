#!/usr/bin/env bash
# Builds vncgate and starts a complete local stack: Redis (embedded-redis's redis-server unless
# VNCGATE_REDIS_URL is set), token, registry, two clustered gateways and a demo desktop. Prints a
# link that opens the desktop in noVNC. Ctrl-C stops everything. Needs Java 17 and Maven only.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec java -jar devstack/target/devstack.jar .

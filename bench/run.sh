#!/usr/bin/env bash
# vncgate bench: the gateway against raw TCP and Debian's websockify, measured in the same run.
#
#   bash bench/run.sh           full profile (~20 min): results in bench/results/<time>-full.jsonl
#                               and docs/performance.md
#   bash bench/run.sh --short   CI profile (under 2 min): the table is printed; results go to the
#                               git-ignored bench/.work/results/
#
# It builds bench/target/bench.jar (and the service jars when they are missing; --rebuild
# forces them), installs websockify with apt-get when it is missing (as root), then starts as
# separate processes on 127.0.0.1: Redis (the redis-server inside the embedded-redis artifact,
# as the e2e suite does), the token service, the registry and one gateway clustered over
# Hazelcast; the bench backends (push, echo, sink); one websockify per backend. It registers
# the backends and issues a token for each over REST (the set-up points with a fresh token per
# session issue theirs from the load generator), runs the load generator
# (bench.jar client) and prints the summary (bench.jar summary). Everything it started is
# stopped by pid on exit; logs stay in bench/.work/run-*/logs.
#
# Options: --short, --rebuild, --scenarios=idle,warmup,setup,pingpong,downstream,upstream (a
# subset, for working on the bench; never written to bench/results or docs/). Environment:
# BENCH_GATEWAY_JAVA_OPTS, BENCH_SERVICE_JAVA_OPTS, BENCH_CLIENT_JAVA_OPTS, BENCH_BACKEND_JAVA_OPTS
# replace JVM options; BENCH_GATEWAY_ENV, BENCH_TOKEN_ENV, BENCH_REGISTRY_ENV add settings
# ("VNCGATE_INSTANCES=2 ..."). Both are recorded with the results. BENCH_REPETITIONS replaces
# the profile's repetitions of each throughput, ping-pong and set-up point (full 3, short 1).
# BENCH_WEBSOCKIFY names a command started in websockify's place, with websockify's two
# arguments (bench/floor/run.sh puts a minimal relay in C there); such a run's results are
# bench/results/<time>-floor.jsonl for the full profile, and never the report.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$REPO_ROOT/scripts/lib/embedded-redis.sh"
source "$REPO_ROOT/scripts/lib/processes.sh"
PROFILE=full
REBUILD=0
ALL_SCENARIOS=idle,warmup,setup,pingpong,downstream,upstream
SCENARIOS=$ALL_SCENARIOS
for arg in "$@"; do
  case $arg in
    --short) PROFILE=short ;;
    --full) PROFILE=full ;;
    --rebuild) REBUILD=1 ;;
    --scenarios=*) SCENARIOS=${arg#*=} ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

# Durations per point and the idle hold. Both profiles measure the same points.
# JIT_WARMUP_MS is each unrecorded step of the gateway's warm-up, after the idle scenario.
# FRESH_C1 / FRESH_C32: tokens issued for the set-up points with a fresh token per session at
# concurrency 1 and 32 (each token opens one session; the point ends when they run out or after
# MEASURE_MS, whichever is first). REPETITIONS: how often each throughput, ping-pong and set-up
# point is measured, raw TCP, gateway and websockify taking turns; the report keeps the median of each.
if [ "$PROFILE" = full ]; then
  WARMUP_MS=2000 MEASURE_MS=10000 JIT_WARMUP_MS=5000 IDLE_GATEWAY=8000 IDLE_WEBSOCKIFY=500 IDLE_HOLD=30
  FRESH_C1=4000 FRESH_C32=10000 REPETITIONS=${BENCH_REPETITIONS:-3}
else
  WARMUP_MS=500 MEASURE_MS=1000 JIT_WARMUP_MS=1000 IDLE_GATEWAY=500 IDLE_WEBSOCKIFY=50 IDLE_HOLD=3
  FRESH_C1=50 FRESH_C32=300 REPETITIONS=${BENCH_REPETITIONS:-1}
fi
# The gateway's G1 flags are the ones its container image ships (docker/service.Dockerfile).
read -r -a GATEWAY_OPTS <<<"${BENCH_GATEWAY_JAVA_OPTS:--Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError -XX:G1PeriodicGCInterval=15000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}"
read -r -a SERVICE_OPTS <<<"${BENCH_SERVICE_JAVA_OPTS:--Xms64m -Xmx384m}"
read -r -a CLIENT_OPTS <<<"${BENCH_CLIENT_JAVA_OPTS:--Xms256m -Xmx1g}"
read -r -a BACKEND_OPTS <<<"${BENCH_BACKEND_JAVA_OPTS:--Xms64m -Xmx512m}"
read -r -a GATEWAY_ENV <<<"${BENCH_GATEWAY_ENV:-}"
read -r -a TOKEN_ENV <<<"${BENCH_TOKEN_ENV:-}"
# The set-up points with a fresh token per session issue thousands of tokens within a minute with
# one API key: the per-key limit (600 a minute by default) goes to its maximum.
TOKEN_SETTINGS=(VNCGATE_ISSUE_RATE_PER_MINUTE=1000000 "${TOKEN_ENV[@]}")
read -r -a REGISTRY_ENV <<<"${BENCH_REGISTRY_ENV:-}"

STAMP=$(date +%Y%m%d-%H%M%S)
WORK=$BENCH_DIR/.work/run-$STAMP-$$
if [ -n "${BENCH_WEBSOCKIFY:-}" ]; then
  RESULTS=$BENCH_DIR/.work/results/$STAMP-$PROFILE.jsonl
  [ "$PROFILE" != full ] || RESULTS=$BENCH_DIR/results/$STAMP-floor.jsonl
  MARKDOWN=
elif [ "$PROFILE" = full ] && [ "$SCENARIOS" = "$ALL_SCENARIOS" ]; then
  RESULTS=$BENCH_DIR/results/$STAMP-full.jsonl
  MARKDOWN=$REPO_ROOT/docs/performance.md
else
  RESULTS=$BENCH_DIR/.work/results/$STAMP-$PROFILE.jsonl
  MARKDOWN=
fi
mkdir -p "$WORK/logs" "$(dirname "$RESULTS")"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
STARTED=$(now_ms)

# --- processes, stopped by pid on exit ----------------------------------------------------------
processes_init
stop_all() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  # One at a time: the load generator first, the cluster's first node last, so no node leaves
  # while the others are going too.
  stop_tracked in-turn
  # Keep the logs of the last five runs.
  ls -1d "$BENCH_DIR"/.work/run-* 2>/dev/null | sort | head -n -5 | xargs -r rm -rf
  [ "$status" -eq 0 ] || log "logs in $WORK/logs"
  exit "$status"
}
trap stop_all EXIT
trap 'log interrupted; exit 130' INT
trap 'log terminated; exit 143' TERM

redis_pong() (
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3
  [ "${reply%$'\r'}" = +PONG ]
)
json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# --- build and prerequisites --------------------------------------------------------------------
# Maven offline first (no network needed when ~/.m2 has everything), online when that fails.
mvn_package() {
  local logfile=$WORK/logs/mvn.log
  (cd "$REPO_ROOT" && { mvn -B -q -o package -DskipTests "$@" || mvn -B -q package -DskipTests "$@"; }) >"$logfile" 2>&1 \
    || { tail -n 40 "$logfile" >&2; die "mvn package $* failed"; }
}

command -v java >/dev/null || die "java (17) is not on PATH"
command -v python3 >/dev/null || die "python3 is not on PATH"
command -v curl >/dev/null || die "curl is not on PATH"
if [ -n "${BENCH_WEBSOCKIFY:-}" ]; then
  [ -x "$BENCH_WEBSOCKIFY" ] || die "BENCH_WEBSOCKIFY=$BENCH_WEBSOCKIFY is not an executable file"
elif ! command -v websockify >/dev/null; then
  [ "$(id -u)" -eq 0 ] || die "websockify is missing (run as root to install it, or: apt-get install websockify)"
  log "installing websockify (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq websockify; } >"$WORK/logs/apt-get.log" 2>&1 \
    || { tail -n 20 "$WORK/logs/apt-get.log" >&2; die "apt-get install websockify failed"; }
fi

missing=0
for module in token-service registry-service gateway-service; do
  [ -f "$REPO_ROOT/$module/target/$module.jar" ] || missing=1
done
if [ "$REBUILD" = 1 ] || [ "$missing" = 1 ]; then
  log "building the service jars and bench.jar"
  mvn_package -pl token-service,registry-service,gateway-service,bench -am
else
  log "building bench.jar (service jars reused; --rebuild rebuilds them)"
  mvn_package -pl bench
fi
# The run uses copies: a jar rebuilt while the bench runs would break the JVMs that load from it.
mkdir -p "$WORK/jars"
for module in token-service registry-service gateway-service bench; do
  cp -p "$REPO_ROOT/$module/target/$([ "$module" = bench ] && echo bench || echo "$module").jar" "$WORK/jars/" \
    || die "no $module jar after the build"
done
BENCH_JAR=$WORK/jars/bench.jar
jar_of() { echo "$WORK/jars/$1.jar"; }
# "built <time>, sha256 <first 12>" of a jar, for the results.
jar_info() { echo "built $(date -u -r "$1" +%Y-%m-%dT%H:%M:%SZ), sha256 $(sha256sum "$1" | cut -c1-12)"; }

REDIS_SERVER=$(embedded_redis_server "$WORK/bin" "$WORK/logs/mvn-redis.log")
[ -x "$REDIS_SERVER" ] || die "could not extract redis-server"

# A session holds two files in the gateway; the clients and backends run in processes of their own.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "profile $PROFILE; open files per process: $(ulimit -n); prepared in $(($(now_ms) - STARTED)) ms"

# --- the cluster --------------------------------------------------------------------------------
free_port REDIS_PORT
free_port TOKEN_PORT
free_port REGISTRY_PORT
free_port GATEWAY_PORT
CLUSTER_NAME=bench-$$-$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')
API_KEY=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
API_KEYS="bench=sha256:$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)"
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
GATEWAY=http://127.0.0.1:$GATEWAY_PORT
# Per-address upgrade limits at their maximum (every client is 127.0.0.1); pings every 10 s and
# a 25 s peer timeout, so the full profile's 30 s idle hold outlives the timeout on pongs alone.
GATEWAY_SETTINGS=(VNCGATE_HTTP_HOST=127.0.0.1 VNCGATE_ALLOWED_ORIGINS="$GATEWAY" VNCGATE_UPGRADES_PER_SECOND=100000
  VNCGATE_UPGRADE_BURST=100000 VNCGATE_PING_SECONDS=10 VNCGATE_PEER_TIMEOUT_SECONDS=25 VNCGATE_DRAIN_SECONDS=2
  "${GATEWAY_ENV[@]}")

start_service() {
  local name=$1 port=$2
  shift 2
  start_bg "$name" env VNCGATE_HTTP_PORT="$port" VNCGATE_CLUSTER_MEMBERS=127.0.0.1 VNCGATE_CLUSTER_HOST=127.0.0.1 \
    VNCGATE_CLUSTER_NAME="$CLUSTER_NAME" "$@"
}

mkdir -p "$WORK/redis"
start_bg redis "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis"
wait_until redis 10 redis_pong "$REDIS_PORT"
java -jar "$(jar_of token-service)" keygen "$WORK/keys" bench-es256 ES256 >"$WORK/logs/keygen.log" 2>&1 \
  || { cat "$WORK/logs/keygen.log" >&2; die "keygen failed"; }
start_service token "$TOKEN_PORT" VNCGATE_REDIS_URL="$REDIS_URL" VNCGATE_API_KEYS="$API_KEYS" \
  VNCGATE_JWT_KEYS_DIR="$WORK/keys" VNCGATE_PUBLIC_URL="$GATEWAY" "${TOKEN_SETTINGS[@]}" \
  java "${SERVICE_OPTS[@]}" -jar "$(jar_of token-service)"
# The backends and websockify start while the first node forms the cluster.
start_bg backend java "${BACKEND_OPTS[@]}" -jar "$BENCH_JAR" backend "$WORK/backend.json"
wait_until backend 30 test -s "$WORK/backend.json"
declare -A BACKEND WEBSOCKIFY
for kind in push echo sink control; do BACKEND[$kind]=$(json_get "$kind" <"$WORK/backend.json"); done
for kind in push echo sink; do
  free_port "WEBSOCKIFY[$kind]"
  start_bg "websockify-$kind" "${BENCH_WEBSOCKIFY:-websockify}" "127.0.0.1:${WEBSOCKIFY[$kind]}" "127.0.0.1:${BACKEND[$kind]}"
done
wait_until token 90 http_ok "http://127.0.0.1:$TOKEN_PORT/health/ready"
start_service registry "$REGISTRY_PORT" VNCGATE_REDIS_URL="$REDIS_URL" VNCGATE_API_KEYS="$API_KEYS" "${REGISTRY_ENV[@]}" \
  java "${SERVICE_OPTS[@]}" -jar "$(jar_of registry-service)"
start_service gateway "$GATEWAY_PORT" "${GATEWAY_SETTINGS[@]}" \
  java "${GATEWAY_OPTS[@]}" -jar "$(jar_of gateway-service)"
wait_until registry 90 http_ok "http://127.0.0.1:$REGISTRY_PORT/health/ready"
wait_until gateway 90 http_ok "$GATEWAY/health/ready"
for kind in push echo sink; do wait_until "websockify-$kind" 10 tcp_open "${WEBSOCKIFY[$kind]}"; done
# Each service's start line says which socket transport it runs on (NIO, or epoll with
# VNCGATE_NATIVE_TRANSPORT=true in BENCH_*_ENV); the report records it.
transport_of() {
  wait_started "$1" "$WORK/logs/$1.log"
  service_transport "$WORK/logs/$1.log"
}
TRANSPORTS="gateway $(transport_of gateway), token $(transport_of token), registry $(transport_of registry)"
log "cluster $CLUSTER_NAME up in $(($(now_ms) - STARTED)) ms: token :$TOKEN_PORT, registry :$REGISTRY_PORT, gateway :$GATEWAY_PORT"

# --- REST: one host per backend, one token per host ------------------------------------------------
api() {
  local method=$1 url=$2 body=$3 status out=$WORK/api-response
  status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 10 -X "$method" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' --data "$body" "$url") || die "$method $url: no answer"
  case $status in 200 | 201) cat "$out" ;; *) die "$method $url answered $status: $(cat "$out")" ;; esac
}
declare -A TOKEN
for kind in push echo sink; do
  api PUT "http://127.0.0.1:$REGISTRY_PORT/api/v1/hosts/bench-$kind" \
    "{\"host\":\"127.0.0.1\",\"port\":${BACKEND[$kind]},\"maxSessions\":100000}" >/dev/null
  TOKEN[$kind]=$(api POST "http://127.0.0.1:$TOKEN_PORT/api/v1/tokens" \
    "{\"hostId\":\"bench-$kind\",\"sub\":\"bench\",\"ttlSeconds\":3600}" | json_get token)
done
log "registered bench-push, bench-echo, bench-sink and issued a token for each"

# --- the load generator -------------------------------------------------------------------------
export BENCH_PROFILE=$PROFILE BENCH_SCENARIOS=$SCENARIOS WARMUP_MS MEASURE_MS JIT_WARMUP_MS IDLE_GATEWAY IDLE_WEBSOCKIFY IDLE_HOLD
export FRESH_C1 FRESH_C32 REPETITIONS TOKEN_PORT GATEWAY_PORT TOKEN_PUSH=${TOKEN[push]} TOKEN_ECHO=${TOKEN[echo]} TOKEN_SINK=${TOKEN[sink]}
export BACKEND_JSON=$WORK/backend.json WS_PUSH=${WEBSOCKIFY[push]} WS_ECHO=${WEBSOCKIFY[echo]} WS_SINK=${WEBSOCKIFY[sink]}
export PID_GATEWAY=$(pid_of gateway) PID_TOKEN=$(pid_of token) PID_REGISTRY=$(pid_of registry) PID_REDIS=$(pid_of redis)
export PID_BACKEND=$(pid_of backend) PID_WS_PUSH=$(pid_of websockify-push) PID_WS_ECHO=$(pid_of websockify-echo)
export PID_WS_SINK=$(pid_of websockify-sink) CLK_TCK=$(getconf CLK_TCK)
export META_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) META_CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
export META_VNCGATE=$(cd "$REPO_ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)
export META_JAVA=$(java -version 2>&1 | sed -n 2p) META_REDIS=$("$REDIS_SERVER" --version | sed 's/ sha=.*//')
if [ -n "${BENCH_WEBSOCKIFY:-}" ]; then
  export META_WEBSOCKIFY="$(basename "$BENCH_WEBSOCKIFY") in websockify's place (BENCH_WEBSOCKIFY)"
else
  export META_WEBSOCKIFY="websockify $(dpkg-query -W -f '${Version}' websockify 2>/dev/null || websockify --help 2>&1 | head -1)"
fi
export META_PYTHON=$(python3 --version 2>&1) META_OPEN_FILES=$(ulimit -n)
export META_JAR_GATEWAY=$(jar_info "$(jar_of gateway-service)") META_JAR_TOKEN=$(jar_info "$(jar_of token-service)")
export META_JAR_REGISTRY=$(jar_info "$(jar_of registry-service)")
export META_NETTY=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("META-INF/io.netty.versions.properties").decode())' \
  "$BENCH_JAR" | sed -n 's/^netty-common.version=//p')
export META_VERTX=$(sed -n 's:.*<vertx.version>\(.*\)</vertx.version>.*:\1:p' "$REPO_ROOT/pom.xml")
export META_GATEWAY_OPTS="${GATEWAY_OPTS[*]}" META_GATEWAY_SETTINGS="${GATEWAY_SETTINGS[*]}" META_CLIENT_OPTS="${CLIENT_OPTS[*]}"
export META_TRANSPORTS="$TRANSPORTS" META_SERVICE_OPTS="${SERVICE_OPTS[*]}" META_TOKEN_SETTINGS="${TOKEN_SETTINGS[*]}" META_REGISTRY_SETTINGS="${REGISTRY_ENV[*]}"
python3 - "$WORK/config.json" <<'PY'
import json, os, platform, sys
e = os.environ
backend = json.load(open(e["BACKEND_JSON"]))
os_name = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME=")), "?")
mem_kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:"))
config = {
  "profile": e["BENCH_PROFILE"], "scenarios": e["BENCH_SCENARIOS"].split(","),
  "warmupMillis": int(e["WARMUP_MS"]), "measureMillis": int(e["MEASURE_MS"]), "jitWarmupMillis": int(e["JIT_WARMUP_MS"]),
  "clkTck": int(e["CLK_TCK"]), "repetitions": int(e["REPETITIONS"]),
  "points": {"downstream": [1, 10, 100], "upstream": [1, 10], "pingpong": [1, 100], "setup": [1, 32]},
  "freshTokens": {"1": int(e["FRESH_C1"]), "32": int(e["FRESH_C32"])},
  "tokenService": {"url": "http://127.0.0.1:%s" % e["TOKEN_PORT"]},
  "upstreamFrameBytes": 16384, "pingBytes": 64,
  "idle": {"gatewaySessions": int(e["IDLE_GATEWAY"]), "websockifySessions": int(e["IDLE_WEBSOCKIFY"]), "holdSeconds": int(e["IDLE_HOLD"])},
  "backend": {k: backend[k] for k in ("push", "echo", "sink", "control")},
  "gateway": {"port": int(e["GATEWAY_PORT"]), "path": "/websockify",
              "tokens": {"push": e["TOKEN_PUSH"], "echo": e["TOKEN_ECHO"], "sink": e["TOKEN_SINK"]}},
  "websockify": {"push": int(e["WS_PUSH"]), "echo": int(e["WS_ECHO"]), "sink": int(e["WS_SINK"])},
  "pids": {"gateway": int(e["PID_GATEWAY"]), "token": int(e["PID_TOKEN"]), "registry": int(e["PID_REGISTRY"]),
           "redis": int(e["PID_REDIS"]), "backend": int(e["PID_BACKEND"]), "websockify-push": int(e["PID_WS_PUSH"]),
           "websockify-echo": int(e["PID_WS_ECHO"]), "websockify-sink": int(e["PID_WS_SINK"])},
  "meta": {
    "date": e["META_DATE"],
    "host": {"cpus": os.cpu_count(), "cpu": e["META_CPU"], "memory": "%.1f GiB" % (mem_kib / 1048576),
             "kernel": platform.release(), "os": os_name, "open files per process": int(e["META_OPEN_FILES"])},
    "versions": {"vncgate": e["META_VNCGATE"], "gateway-service.jar": e["META_JAR_GATEWAY"],
                 "token-service.jar": e["META_JAR_TOKEN"], "registry-service.jar": e["META_JAR_REGISTRY"],
                 "java": e["META_JAVA"], "Vert.x": e["META_VERTX"],
                 "Netty (load generator)": e["META_NETTY"], "websockify": e["META_WEBSOCKIFY"],
                 "python": e["META_PYTHON"], "redis": e["META_REDIS"]},
    "gateway": {"javaOpts": e["META_GATEWAY_OPTS"], "settings": e["META_GATEWAY_SETTINGS"]},
    "services": {"javaOpts": e["META_SERVICE_OPTS"], "token settings": "ES256 key; " + e["META_TOKEN_SETTINGS"],
                 "registry settings": e["META_REGISTRY_SETTINGS"] or "defaults", "transports": e["META_TRANSPORTS"]},
    "clientJavaOpts": e["META_CLIENT_OPTS"],
  },
}
json.dump(config, open(sys.argv[1], "w"), indent=2)
PY

log "load generator: $PROFILE profile, scenarios $SCENARIOS"
# The API key reaches the client in its environment, never in a file: it issues the fresh tokens.
BENCH_TOKEN_API_KEY=$API_KEY java "${CLIENT_OPTS[@]}" -jar "$BENCH_JAR" client "$WORK/config.json" "$RESULTS" \
  > >(tee "$WORK/logs/client.log" >&2) 2>&1 &
track $! client
wait "$(pid_of client)" || die "the load generator failed (log: $WORK/logs/client.log)"

# What the gateway logged during the run: warnings, errors, and how sessions ended or were refused.
python3 - "$WORK/logs/gateway.log" "$RESULTS" "$(basename "$RESULTS" .jsonl)" "$PROFILE" <<'PY'
import collections, json, re, sys
log, results, run, profile = sys.argv[1:5]
counts = collections.Counter()
ended, refused, problems = collections.Counter(), collections.Counter(), []
for line in open(log, errors="replace"):
    if line.startswith("{"):
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "session.started":
            counts["started"] += 1
        elif event.get("event") == "session.ended":
            ended["%s by %s" % (event.get("closeCode"), event.get("closedBy"))] += 1
        elif event.get("event") == "session.refused":
            refused["%s %s" % (event.get("closeCode"), event.get("reason"))] += 1
        continue
    level = re.search(r" (WARN|ERROR) ", line)
    if level:
        counts[level.group(1).lower()] += 1
        if len(problems) < 5:
            problems.append(line.strip()[:300])
summary = {"warn": counts["warn"], "error": counts["error"], "sessionsStarted": counts["started"],
           "ended": dict(ended), "refused": dict(refused), "firstProblems": problems}
with open(results, "a") as out:
    out.write(json.dumps({"run": run, "profile": profile, "scenario": "gatewayLog", "log": summary}) + "\n")
print("gateway log: %s" % json.dumps(summary), file=sys.stderr)
PY

echo
if [ -n "$MARKDOWN" ]; then
  java -jar "$BENCH_JAR" summary "$RESULTS" "$MARKDOWN"
  log "results: $RESULTS; report: $MARKDOWN"
else
  java -jar "$BENCH_JAR" summary "$RESULTS"
  log "results: $RESULTS"
fi
log "done in $((($(now_ms) - STARTED) / 1000)) s"

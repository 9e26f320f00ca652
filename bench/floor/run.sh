#!/usr/bin/env bash
# The bench with a minimal relay in C (floor-relay.c) in websockify's place: what this machine
# allows any relay that gives a session one thread, measured beside raw TCP and the gateway in
# the same run (bench/ANALYSIS.md, "The floor"). Read the "websockify" column as floor-relay.
#
#   bash bench/floor/run.sh            full profile, throughput and ping-pong scenarios (~15 min):
#                                      bench/results/<time>-floor.jsonl
#   bash bench/floor/run.sh --short    the same in under 2 minutes (bench/.work/results/)
#
# Other bench/run.sh options pass through (a later --scenarios= replaces the default). Needs gcc
# (installed with apt-get when missing, as root).
set -euo pipefail
FLOOR_DIR=$(cd "$(dirname "$0")" && pwd)
OUT=$FLOOR_DIR/../.work/floor
mkdir -p "$OUT"
if ! command -v gcc >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "gcc is missing (run as root to install it, or: apt-get install gcc)" >&2; exit 1; }
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev; } >"$OUT/apt-get.log" 2>&1 \
    || { tail -n 20 "$OUT/apt-get.log" >&2; exit 1; }
fi
gcc -O2 -Wall -Wextra -Werror -o "$OUT/floor-relay" "$FLOOR_DIR/floor-relay.c"
BENCH_WEBSOCKIFY=$OUT/floor-relay exec bash "$FLOOR_DIR/../run.sh" --scenarios=warmup,downstream,upstream,pingpong "$@"

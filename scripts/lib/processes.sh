# shellcheck shell=bash
# Sourced by e2e/lib.sh and bench/run.sh: the processes a run starts (stopped by pid on exit),
# readiness waits with deadlines, and free loopback ports. The caller defines log() and die(),
# sets WORK (each process logs to $WORK/logs/NAME.log) and calls processes_init first.

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

processes_init() {
  PIDS=()
  PID_NAMES=()
  HANDED_PORTS=" "
}

# track PID NAME: remembers a child of this shell so stop_tracked stops it.
track() { PIDS+=("$1"); PID_NAMES+=("$2"); }

# start_bg NAME CMD... : runs CMD in the background, output in $WORK/logs/NAME.log.
start_bg() {
  local name=$1
  shift
  "$@" >"$WORK/logs/$name.log" 2>&1 &
  track $! "$name"
}

# True while PID is alive and still a child of this shell (a reused pid is never touched).
is_our_child() {
  local stat
  # A process that is gone has no stat file (the braces silence the failed redirect).
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  set -- $stat
  [ "$2" = "$$" ] && [ "$1" != Z ]
}

pid_of() {
  local i
  for i in "${!PID_NAMES[@]}"; do
    [ "${PID_NAMES[i]}" = "$1" ] && { echo "${PIDS[i]}"; return 0; }
  done
  return 1
}

# Fails the run with NAME's log when NAME is no longer running.
require_running() {
  local pid
  pid=$(pid_of "$1") || die "$1 was never started"
  is_our_child "$pid" && return 0
  tail -n 40 "$WORK/logs/$1.log" >&2 2>/dev/null
  die "$1 (pid $pid) exited; its log is above and in $WORK/logs/$1.log"
}

# stop_tracked together|in-turn: stops every tracked child still running, newest first: SIGTERM,
# then SIGKILL after 15 s. "together" signals all of them before waiting; "in-turn" waits for each
# before signalling the next (cluster nodes that should not all leave at once).
stop_tracked() {
  local mode=$1 i pid deadline=0
  if [ "$mode" = together ]; then
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
      is_our_child "${PIDS[i]}" && kill -TERM "${PIDS[i]}" 2>/dev/null
    done
    deadline=$(($(now_ms) + 15000))
  fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    if [ "$mode" = in-turn ] && is_our_child "$pid"; then
      kill -TERM "$pid" 2>/dev/null
      deadline=$(($(now_ms) + 15000))
    fi
    while is_our_child "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
    if is_our_child "$pid"; then
      log "${PID_NAMES[i]} (pid $pid) ignored SIGTERM for 15 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
  done
}

# free_port VAR: stores in VAR a loopback TCP port nobody has bound now, never the same twice in
# one run. It assigns instead of printing because a $(...) subshell would lose HANDED_PORTS.
# Ports come from below the kernel's ephemeral range (ip_local_port_range): a port picked there
# could be taken by another process's port-0 bind (every Vert.x event bus starts on one) or an
# outgoing connection before the server it was picked for binds it.
free_port() {
  local port i low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  [ "$low" -gt 12000 ] || die "free_port: the ephemeral port range starts at $low; no room below it"
  for i in $(seq 1 50); do
    port=$((10000 + RANDOM % (low - 10000)))
    case " $HANDED_PORTS " in *" $port "*) continue ;; esac
    python3 -c 'import socket, sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null || continue
    HANDED_PORTS+=" $port"
    printf -v "$1" '%s' "$port"
    return 0
  done
  die "could not find a free port"
}

# wait_until NAME SECONDS CMD... : polls CMD every 100 ms until it succeeds; NAME must keep running.
wait_until() {
  local name=$1 seconds=$2 deadline
  shift 2
  deadline=$(($(now_ms) + seconds * 1000))
  until "$@" >/dev/null 2>&1; do
    require_running "$name"
    [ "$(now_ms)" -lt "$deadline" ] || {
      tail -n 40 "$WORK/logs/$name.log" >&2 2>/dev/null
      die "$name: not ready after ${seconds}s (waited for: $*)"
    }
    sleep 0.1
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }
# wait_started NAME LOG: waits (up to 30 s) for a service's start line in LOG, which names its
# socket transport and its direct-buffer mode.
wait_started() { wait_until "$1" 30 grep -q 'service started (' "$2"; }
# service_transport LOG: the socket transport (NIO or epoll) a service's start line in LOG names.
service_transport() { grep -o 'service started ([^,]*, [A-Za-z]* transport' "$1" | head -1 | awk '{print $(NF-1)}'; }
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# shellcheck shell=bash
# Shared by scripts/e2e.sh and e2e/selftest.sh: packages, the processes a run starts (stopped by
# pid on exit; scripts/lib/processes.sh, shared with the bench), readiness waits with deadlines,
# and the VNC desktop the browser checks look at.
# Source it, set WORK (a fresh folder under e2e/.work/), then call e2e_init.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$E2E_DIR/.." && pwd)

# Debian packages the suite needs: package -> a file it installs. novnc is Debian's noVNC 1.3.0
# app (/usr/share/novnc) and pulls in websockify, which only e2e/selftest.sh uses.
declare -A E2E_PACKAGES=(
  [tigervnc-standalone-server]=/usr/bin/Xvnc
  [tigervnc-tools]=/usr/bin/vncpasswd
  [xfonts-base]=/usr/share/fonts/X11/misc/6x13.pcf.gz
  [x11-xserver-utils]=/usr/bin/xsetroot
  [x11-utils]=/usr/bin/xev
  [x11-apps]=/usr/bin/xwd
  [xdotool]=/usr/bin/xdotool
  [xterm]=/usr/bin/xterm
  [chromium]=/usr/bin/chromium
  [novnc]=/usr/share/novnc/vnc.html
  [websockify]=/usr/bin/websockify
  [nginx]=/usr/sbin/nginx
  [curl]=/usr/bin/curl
)

log() { printf '[e2e %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
source "$REPO_ROOT/scripts/lib/processes.sh"

# --- set-up -----------------------------------------------------------------------------------

e2e_init() {
  [ -n "${WORK:-}" ] || die "WORK is not set"
  mkdir -p "$WORK/logs" || die "cannot create $WORK"
  processes_init
  trap e2e_stop_all EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
}

ensure_packages() {
  local pkg missing=()
  for pkg in "${!E2E_PACKAGES[@]}"; do
    [ -e "${E2E_PACKAGES[$pkg]}" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages (run as root to install them): ${missing[*]}"
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$WORK/logs/apt-get.log" 2>&1 \
    || { tail -n 30 "$WORK/logs/apt-get.log" >&2; die "apt-get install failed: ${missing[*]}"; }
  for pkg in "${missing[@]}"; do
    [ -e "${E2E_PACKAGES[$pkg]}" ] || die "package $pkg installed but ${E2E_PACKAGES[$pkg]} is missing"
  done
}

# e2e/node_modules from e2e/package-lock.json; re-installed only when the lock file changes.
# npm's cache lives in e2e/.work too, so nothing node-related is written outside e2e/.
ensure_node_modules() {
  command -v node >/dev/null || die "node (20 or later) is not on PATH"
  command -v npm >/dev/null || die "npm is not on PATH"
  local stamp=$E2E_DIR/node_modules/.e2e-lock
  if ! cmp -s "$E2E_DIR/package-lock.json" "$stamp"; then
    log "installing e2e node modules (npm ci)"
    (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error --cache "$E2E_DIR/.work/npm-cache") \
      >"$WORK/logs/npm-ci.log" 2>&1 \
      || { tail -n 30 "$WORK/logs/npm-ci.log" >&2; die "npm ci failed in e2e/"; }
    cp "$E2E_DIR/package-lock.json" "$stamp"
  fi
}

# --- stopping ------------------------------------------------------------------------------------

e2e_stop_all() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_tracked together
  rm -rf "$WORK"/chromium-* "$WORK/tmp" "$WORK/home"
  if [ "$status" -eq 0 ] && [ "${E2E_KEEP_WORK:-0}" != 1 ]; then
    rm -rf "$WORK"
  else
    log "logs and screenshots kept in $WORK"
  fi
  exit "$status"
}

# --- the VNC desktop --------------------------------------------------------------------------

# start_desktop [NAME [XVNC-SECURITY-ARGS...]]: Xvnc (default: no VNC password, loopback only) on
# a free display with a solid root window and an xterm at the top left whose shell runs in
# $DESKTOP_DIR, so typed commands leave files there. Sets DESKTOP_DISPLAY (":N"), DESKTOP_PORT
# (its RFB port) and DESKTOP_DIR.
start_desktop() {
  local name=${1:-desktop}
  shift || true
  local security=("$@")
  [ ${#security[@]} -gt 0 ] || security=(-SecurityTypes None)
  free_port DESKTOP_PORT
  DESKTOP_DIR=$WORK/$name
  mkdir -p "$DESKTOP_DIR"
  Xvnc -displayfd 1 -rfbport "$DESKTOP_PORT" -localhost -interface 127.0.0.1 -nolisten tcp \
    "${security[@]}" -AlwaysShared -geometry 1024x768 -depth 24 -desktop "vncgate-e2e-$name" \
    >"$WORK/$name.display" 2>"$WORK/logs/xvnc-$name.log" &
  track $! "xvnc-$name"
  wait_until "xvnc-$name" 15 test -s "$WORK/$name.display"
  DESKTOP_DISPLAY=:$(tr -dc 0-9 <"$WORK/$name.display")
  wait_until "xvnc-$name" 10 tcp_open "$DESKTOP_PORT"
  DISPLAY=$DESKTOP_DISPLAY xsetroot -solid '#2f6f8f' || die "xsetroot failed on $DESKTOP_DISPLAY"
  (cd "$DESKTOP_DIR" && exec env DISPLAY="$DESKTOP_DISPLAY" SHELL=/bin/sh PS1='e2e$ ' \
    xterm -geometry 80x24+0+0 -bg white -fg black -title e2e-xterm -e /bin/sh) \
    >"$WORK/logs/xterm-$name.log" 2>&1 &
  track $! "xterm-$name"
  wait_until "xterm-$name" 10 env DISPLAY="$DESKTOP_DISPLAY" xdotool search --onlyvisible --name '^e2e-xterm$'
  log "$name: Xvnc $DESKTOP_DISPLAY, RFB on 127.0.0.1:$DESKTOP_PORT (${security[*]}), xterm running"
}

# run_check LABEL ARGS... : one browser check (e2e/check-session.mjs), failing the run if it fails.
run_check() {
  local label=$1 pid
  shift
  node "$E2E_DIR/check-session.mjs" --label "$label" --display "$DESKTOP_DISPLAY" \
    --keys-dir "$DESKTOP_DIR" --work "$WORK" "$@" &
  pid=$!
  track "$pid" "check-$label"
  wait "$pid" || die "browser check '$label' failed (see above; screenshot in $WORK)"
}

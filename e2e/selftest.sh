#!/usr/bin/env bash
# Proves the e2e harness itself, without vncgate: the same desktop and the same browser checks
# as scripts/e2e.sh, with Debian's websockify standing in for the gateway. Use it when the suite
# fails to tell a harness problem from a gateway problem.
#   websockify A serves Debian's noVNC 1.3.0 app (/usr/share/novnc);
#   websockify B serves e2e/standin/vnc.html, a page with vncgate's page contract on npm noVNC 1.7.0.
# Both route token "good" to the Xvnc desktop and token "bad" to e2e/standin/refuse-rfb.mjs,
# which refuses with an RFB security failure as the gateway does.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

WORK=$E2E_DIR/.work/selftest-$(date +%Y%m%d-%H%M%S)-$$
REASON='token invalid or expired'
e2e_init
run_started=$(now_ms)

ensure_packages
ensure_node_modules
start_desktop

free_port refuser_port
start_bg refuser node "$E2E_DIR/standin/refuse-rfb.mjs" "$refuser_port" "$REASON"
wait_until refuser 10 tcp_open "$refuser_port"

printf 'good: 127.0.0.1:%s\nbad: 127.0.0.1:%s\n' "$DESKTOP_PORT" "$refuser_port" >"$WORK/tokens"
mkdir -p "$WORK/web"
ln -s "$E2E_DIR/standin/vnc.html" "$WORK/web/vnc.html"
ln -s "$E2E_DIR/node_modules/@novnc/novnc" "$WORK/web/novnc"

free_port port_a
free_port port_b
start_bg websockify-a websockify --web /usr/share/novnc --token-plugin TokenFile --token-source "$WORK/tokens" "127.0.0.1:$port_a"
start_bg websockify-b websockify --web "$WORK/web" --token-plugin TokenFile --token-source "$WORK/tokens" "127.0.0.1:$port_b"
wait_until websockify-a 10 http_ok "http://127.0.0.1:$port_a/vnc.html"
wait_until websockify-b 10 http_ok "http://127.0.0.1:$port_b/vnc.html"
log "stand-ins up in $(($(now_ms) - run_started)) ms"

page() { echo "http://127.0.0.1:$1/vnc.html#autoconnect=true&path=websockify%3Ftoken%3D$2"; }
run_check app-1.3.0 --expect connected --url "$(page "$port_a" good)"
run_check page-1.7.0 --expect connected --url "$(page "$port_b" good)"
run_check app-1.3.0-refused --expect refused --reason "$REASON" --url "$(page "$port_a" bad)"
run_check page-1.7.0-refused --expect refused --reason "$REASON" --url "$(page "$port_b" bad)"

log "PASS: harness self-test in $(($(now_ms) - run_started)) ms"

#!/usr/bin/env bash
# vncgate end-to-end suite. Runs after `mvn -B verify` on Debian 12 (as root, to install what is
# missing), with Java 17, Maven and node 20. All traffic stays on 127.0.0.1.
#
# It starts, each as its own process: Redis (the redis-server binary inside the Maven artifact
# com.github.codemonstur:embedded-redis, the one the Java tests use), token-service,
# registry-service and two gateway-service nodes in one Hazelcast cluster, and a TigerVNC
# desktop (Xvnc with an xterm). It registers the desktop and issues tokens over REST, then
# headless Chromium opens the noVNC page of each gateway -- gateway 1 serves vncgate's own page
# on the npm noVNC 1.7.0 core, gateway 2 Debian's stock noVNC 1.3.0 app -- and checks that the
# desktop's pixels arrive and that a key press and a click reach the X server
# (e2e/check-session.mjs). Then a token with a wrong signature must be refused on both gateways
# with the reason "token invalid or expired" shown in the page. On each gateway a live session
# ends within 3 s when its token is revoked over REST, and the link is refused after.
# Last, a third gateway behind Debian's nginx with proxy_read_timeout 5s: a session left idle
# for 20 s stays up (the gateway pings every 2 s), and on SIGTERM the gateway drains: readiness
# 503 at once, the live session closed with 1001 at the 4 s deadline, exit code 0. Every page
# must run without a Content-Security-Policy violation.
#
# With VNCGATE_NATIVE_TRANSPORT=true in the environment every service runs on Linux's epoll
# instead of Java NIO (and must say so); .ci/run runs the suite both ways.
#
# Everything started is stopped by pid on exit. Logs stay in e2e/.work/run-* when a run fails
# (E2E_KEEP_WORK=1 keeps them always). E2E_JAVA_OPTS overrides the JVM options.
# e2e/selftest.sh runs the same desktop and browser checks against websockify instead of vncgate.
set -euo pipefail
source "$(dirname "$0")/../e2e/lib.sh"
source "$(dirname "$0")/lib/embedded-redis.sh"

WORK=$E2E_DIR/.work/run-$(date +%Y%m%d-%H%M%S)-$$
REASON='token invalid or expired'
HOST_ID=e2e-desktop
read -r -a JAVA_OPTS <<<"${E2E_JAVA_OPTS:--Xms32m -Xmx384m}"

e2e_init
run_started=$(now_ms)

build_jars() {
  local module missing=0
  for module in token-service registry-service gateway-service; do
    [ -f "$REPO_ROOT/$module/target/$module.jar" ] || missing=1
  done
  [ "$missing" = 0 ] && return 0
  log "building the jars (mvn -B -q package -DskipTests)"
  (cd "$REPO_ROOT" && mvn -B -q package -DskipTests) >"$WORK/logs/mvn-package.log" 2>&1 \
    || { tail -n 60 "$WORK/logs/mvn-package.log" >&2; die "mvn package failed"; }
  for module in token-service registry-service gateway-service; do
    [ -f "$REPO_ROOT/$module/target/$module.jar" ] || die "mvn package did not produce $module/target/$module.jar"
  done
}

redis_pong() (
  exec 3<>"/dev/tcp/127.0.0.1/$1"
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3
  [ "${reply%$'\r'}" = +PONG ]
)

# start_service NAME MODULE PORT VAR=VALUE... : java -jar MODULE's jar with the cluster settings.
start_service() {
  local name=$1 module=$2 port=$3
  shift 3
  start_bg "$name" env VNCGATE_HTTP_PORT="$port" VNCGATE_CLUSTER_MEMBERS=127.0.0.1 \
    VNCGATE_CLUSTER_HOST=127.0.0.1 VNCGATE_CLUSTER_NAME="$CLUSTER_NAME" "$@" \
    java "${JAVA_OPTS[@]}" -jar "$REPO_ROOT/$module/target/$module.jar"
}

wait_ready() { wait_until "$1" 90 http_ok "http://127.0.0.1:$2/health/ready"; }

# api METHOD PATH-URL JSON STATUS... : prints the response body; fails on any other status.
api() {
  local method=$1 url=$2 body=$3 status expected out=$WORK/api-response
  shift 3
  status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 10 -X "$method" \
    -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data "$body" "$url") \
    || die "$method $url: no answer"
  for expected in "$@"; do
    [ "$status" = "$expected" ] && { cat "$out"; return 0; }
  done
  die "$method $url answered $status (expected $*): $(cat "$out")"
}

json_field() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];
    if(typeof v!=="string"||!v){console.error(`no string "${process.argv[1]}" in ${s}`);process.exit(1)}console.log(v)})' "$1"
}

# The same token with every signature bit flipped: well formed, signed by nobody.
forge_signature() {
  node -e 'const [h,p,s]=process.argv[1].split(".");const b=Buffer.from(s,"base64url").map(x=>x^0xff);
    console.log(`${h}.${p}.${b.toString("base64url")}`)' "$1"
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# --- machine and build ------------------------------------------------------------------------
ensure_packages
ensure_node_modules
build_jars
command -v java >/dev/null || die "java (17) is not on PATH"
REDIS_SERVER=$(embedded_redis_server "$WORK/bin" "$WORK/logs/mvn-redis.log")
log "prepared in $(($(now_ms) - run_started)) ms"

# --- processes --------------------------------------------------------------------------------
start_desktop desktop
# A second desktop that wants a VNC password: the registry stores it, the gateway logs in.
MAIN_DESKTOP=("$DESKTOP_PORT" "$DESKTOP_DISPLAY" "$DESKTOP_DIR")
VNC_PASSWORD=e2e-$(random_hex 3)
printf '%s\n' "$VNC_PASSWORD" | vncpasswd -f >"$WORK/vnc-passwd" || die "vncpasswd failed"
start_desktop locked -SecurityTypes VncAuth -PasswordFile "$WORK/vnc-passwd"
LOCKED_DESKTOP=("$DESKTOP_PORT" "$DESKTOP_DISPLAY" "$DESKTOP_DIR")
DESKTOP_PORT=${MAIN_DESKTOP[0]} DESKTOP_DISPLAY=${MAIN_DESKTOP[1]} DESKTOP_DIR=${MAIN_DESKTOP[2]}

free_port REDIS_PORT
free_port TOKEN_PORT
free_port REGISTRY_PORT
free_port GW1_PORT
free_port GW2_PORT
free_port GW3_PORT
free_port NGINX_PORT
GW1=http://127.0.0.1:$GW1_PORT
GW2=http://127.0.0.1:$GW2_PORT
NGINX=http://127.0.0.1:$NGINX_PORT
DRAIN_SECONDS=4
CLUSTER_NAME=e2e-$$-$(random_hex 4)
API_KEY=e2e-$(random_hex 16)
# The services hold only the key's digest; the signing key is a fresh ES256 key from keygen.
API_KEYS="e2e=sha256:$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)"
KEYS_DIR=$WORK/keys
java -jar "$REPO_ROOT/token-service/target/token-service.jar" keygen "$KEYS_DIR" e2e-es256 ES256 >"$WORK/logs/keygen.log" 2>&1 \
  || { cat "$WORK/logs/keygen.log" >&2; die "token-service keygen failed"; }
REDIS_URL=redis://127.0.0.1:$REDIS_PORT

mkdir -p "$WORK/redis"
start_bg redis "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis"
wait_until redis 10 redis_pong "$REDIS_PORT"
log "redis (embedded-redis $EMBEDDED_REDIS_VERSION binary) on $REDIS_URL"

# The first node forms the cluster; the others join it together.
services_started=$(now_ms)
start_service token token-service "$TOKEN_PORT" VNCGATE_REDIS_URL="$REDIS_URL" VNCGATE_API_KEYS="$API_KEYS" \
  VNCGATE_JWT_KEYS_DIR="$KEYS_DIR" VNCGATE_PUBLIC_URL="$GW1"
wait_ready token "$TOKEN_PORT"
start_service registry registry-service "$REGISTRY_PORT" VNCGATE_REDIS_URL="$REDIS_URL" VNCGATE_API_KEYS="$API_KEYS" \
  VNCGATE_CREDENTIAL_KEY="$(head -c 32 /dev/urandom | base64)"
start_service gateway-1 gateway-service "$GW1_PORT" VNCGATE_ALLOWED_ORIGINS="$GW1,$GW2" \
  VNCGATE_NOVNC_DIR="$E2E_DIR/node_modules/@novnc/novnc"
start_service gateway-2 gateway-service "$GW2_PORT" VNCGATE_ALLOWED_ORIGINS="$GW1,$GW2" \
  VNCGATE_NOVNC_DIR=/usr/share/novnc
# Gateway 3 sits behind nginx (below): short pings so nginx's 5 s read timeout never fires, and
# a short drain deadline for the SIGTERM check.
start_service gateway-3 gateway-service "$GW3_PORT" VNCGATE_ALLOWED_ORIGINS="$NGINX" VNCGATE_TRUSTED_PROXIES=127.0.0.1 \
  VNCGATE_PING_SECONDS=2 VNCGATE_PEER_TIMEOUT_SECONDS=10 VNCGATE_DRAIN_SECONDS=$DRAIN_SECONDS
wait_ready registry "$REGISTRY_PORT"
wait_ready gateway-1 "$GW1_PORT"
wait_ready gateway-2 "$GW2_PORT"
wait_ready gateway-3 "$GW3_PORT"
for svc in token:$TOKEN_PORT registry:$REGISTRY_PORT gateway-1:$GW1_PORT gateway-2:$GW2_PORT gateway-3:$GW3_PORT; do
  http_ok "http://127.0.0.1:${svc#*:}/health/live" || die "${svc%%:*}: /health/live is not 200"
done
# The jars must run the relay on Netty's direct buffers without a cleaner (the manifest's
# Add-Opens plus the launcher's property); each service says which it got when it has started.
for svc in token registry gateway-1 gateway-2 gateway-3; do
  wait_started "$svc" "$WORK/logs/$svc.log"
  grep -q "service started (.*direct buffers freed on release)" "$WORK/logs/$svc.log" \
    || die "$svc: $(grep -o 'direct buffers[^)]*' "$WORK/logs/$svc.log" | head -1)"
  # Run with VNCGATE_NATIVE_TRANSPORT=true (as .ci/run does a second time), every service must
  # really be on epoll, not fall back to NIO.
  transport=$(service_transport "$WORK/logs/$svc.log")
  if [ "${VNCGATE_NATIVE_TRANSPORT:-false}" = true ] && [ "$transport" != epoll ]; then
    die "$svc: asked for epoll, started with $transport transport"
  fi
done
http_ok "$GW1/vnc.html" || die "gateway-1 does not serve /vnc.html"
http_ok "$GW2/vnc.html" || die "gateway-2 does not serve /vnc.html"
log "cluster $CLUSTER_NAME ready in $(($(now_ms) - services_started)) ms: token :$TOKEN_PORT, registry :$REGISTRY_PORT, gateways :$GW1_PORT :$GW2_PORT :$GW3_PORT"

# nginx in front of gateway 3, as a load balancer would be, with a read timeout far below the
# time a desktop sits idle: only the gateway's pings keep such a session open.
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://127.0.0.1:$GW3_PORT;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 5s;
      proxy_send_timeout 5s;
    }
  }
}
NGINX
start_bg nginx nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
wait_until nginx 10 http_ok "$NGINX/health/live"
log "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on :$NGINX_PORT in front of gateway-3 (proxy_read_timeout 5s)"

# --- REST: register the desktop, issue a token per gateway --------------------------------------
api PUT "http://127.0.0.1:$REGISTRY_PORT/api/v1/hosts/$HOST_ID" \
  "{\"host\":\"127.0.0.1\",\"port\":$DESKTOP_PORT}" 200 201 >/dev/null
log "registered $HOST_ID -> 127.0.0.1:$DESKTOP_PORT"

# Prints the token response's url after checking it carries the token for gateway 1's page.
issue_url() {
  local tok url
  api POST "http://127.0.0.1:$TOKEN_PORT/api/v1/tokens" "{\"hostId\":\"$HOST_ID\",\"sub\":\"e2e\",\"ttlSeconds\":300}" 200 201 \
    >"$WORK/token.json"
  tok=$(json_field token <"$WORK/token.json") || die "the token response has no token"
  url=$(json_field url <"$WORK/token.json") || die "the token response has no url"
  case $url in
    "$GW1/vnc.html#"*"path=websockify%3Ftoken%3D$tok"*) echo "$url" ;;
    *) die "token url is not $GW1/vnc.html#...path=websockify%3Ftoken%3D<token>: ${url//"$tok"/<token>}" ;;
  esac
}
url1=$(issue_url)
url2=$(issue_url)
url2=$GW2${url2#"$GW1"}
token1=${url1##*token%3D}
token1=${token1%%&*}
bad1=${url1/"$token1"/"$(forge_signature "$token1")"}
bad2=$GW2${bad1#"$GW1"}
log "issued a token per gateway for $HOST_ID"

# --- browser checks -----------------------------------------------------------------------------
run_check gateway-1-novnc-1.7.0 --expect connected --url "$url1"
run_check gateway-2-novnc-1.3.0 --expect connected --url "$url2"
run_check gateway-1-bad-token --expect refused --reason "$REASON" --url "$bad1"
run_check gateway-2-bad-token --expect refused --reason "$REASON" --url "$bad2"

# A desktop with a stored password: noVNC is offered no password prompt, yet shows the desktop
# and its keys and clicks arrive (the gateway logged in with the password from the registry).
api PUT "http://127.0.0.1:$REGISTRY_PORT/api/v1/hosts/e2e-locked" \
  "{\"host\":\"127.0.0.1\",\"port\":${LOCKED_DESKTOP[0]},\"password\":\"$VNC_PASSWORD\"}" 200 201 >/dev/null
api POST "http://127.0.0.1:$TOKEN_PORT/api/v1/tokens" '{"hostId":"e2e-locked","sub":"e2e"}' 201 >"$WORK/token.json"
locked_url=$(json_field url <"$WORK/token.json") || die "the token response has no url"
DESKTOP_DISPLAY=${LOCKED_DESKTOP[1]} DESKTOP_DIR=${LOCKED_DESKTOP[2]} \
 run_check gateway-1-stored-password --expect connected --url "$locked_url"
api GET "http://127.0.0.1:$REGISTRY_PORT/api/v1/hosts/e2e-locked" "" 200 | grep -q "$VNC_PASSWORD" \
  && die "the registry showed the stored VNC password"

# Revocation: a live session on each gateway ends when its token is revoked, and stays out.
for gw in 1 2; do
  url=$(issue_url)
  [ "$gw" = 2 ] && url=$GW2${url#"$GW1"}
  jti=$(json_field jti <"$WORK/token.json") || die "the token response has no jti"
 E2E_API_KEY=$API_KEY run_check "gateway-$gw-revoked" --expect revoked --reason 'token revoked or already used' \
    --url "$url" --revoke-url "http://127.0.0.1:$TOKEN_PORT/api/v1/tokens/$jti"
done

# Behind nginx: 20 s without input outlive its 5 s read timeout, then keys and clicks still work.
url3=$(issue_url)
run_check nginx-idle --expect idle --idle 20 --url "$NGINX${url3#"$GW1"}"

# Drain: SIGTERM to gateway 3 with a live session through nginx; then the process exits 0.
url3=$(issue_url)
gw3_pid=$(pid_of gateway-3)
run_check gateway-3-drain --expect drained --drain-pid "$gw3_pid" --drain-seconds "$DRAIN_SECONDS" \
  --ready-url "http://127.0.0.1:$GW3_PORT/health/ready" --url "$NGINX${url3#"$GW1"}"
gw3_status=0
# The drained gateway exits by itself; a watchdog kills it should it still be there 10 s on.
(sleep 10; kill -KILL "$gw3_pid" 2>/dev/null) &
watchdog=$!
wait "$gw3_pid" || gw3_status=$?
kill "$watchdog" 2>/dev/null
[ "$gw3_status" = 0 ] || { tail -n 20 "$WORK/logs/gateway-3.log" >&2; die "gateway-3 exited with $gw3_status after draining (expected 0)"; }
grep -q '"event":"session.ended".*"closeCode":"1001"' "$WORK/logs/gateway-3.log" \
  || die "gateway-3's audit log has no session.ended line with close code 1001"
log "gateway-3 drained and exited with 0; its audit line says 1001"

log "PASS: vncgate end to end in $(($(now_ms) - run_started)) ms"

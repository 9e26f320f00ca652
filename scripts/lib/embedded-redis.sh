# shellcheck shell=bash
# Sourced by scripts/e2e.sh and bench/run.sh: the redis-server binary that the
# com.github.codemonstur:embedded-redis artifact ships (the tests start the same one).

EMBEDDED_REDIS_VERSION=1.4.3

# embedded_redis_server DIR LOG: extracts redis-server into DIR and prints its path. The jar is
# the copy in the default local Maven repository, else one Maven copies into DIR (resolved like
# any dependency, so a custom local repository or mirror in settings.xml is honoured); Maven's
# output goes to LOG. Needs REPO_ROOT and die().
embedded_redis_server() {
  local dir=$1 log=$2 entry artifact=com.github.codemonstur:embedded-redis:$EMBEDDED_REDIS_VERSION
  local jar=$HOME/.m2/repository/com/github/codemonstur/embedded-redis/$EMBEDDED_REDIS_VERSION/embedded-redis-$EMBEDDED_REDIS_VERSION.jar
  case $(uname -m) in
    x86_64) entry=redis-server-6.2.6-v5-linux-amd64 ;;
    aarch64) entry=redis-server-6.2.7-linux-arm64 ;;
    *) die "embedded-redis ships no redis-server for $(uname -m)" ;;
  esac
  mkdir -p "$dir"
  if [ ! -f "$jar" ]; then
    (cd "$REPO_ROOT" && mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$dir") >"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; die "could not fetch $artifact"; }
    jar=$dir/embedded-redis-$EMBEDDED_REDIS_VERSION.jar
  fi
  # python3's zipfile: both the e2e suite and the bench need python3 anyway (free_port).
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$jar" "$entry" >"$dir/redis-server" || die "no $entry in $jar"
  chmod +x "$dir/redis-server"
  echo "$dir/redis-server"
}

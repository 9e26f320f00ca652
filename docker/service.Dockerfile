# syntax=docker/dockerfile:1
#
# One Dockerfile, three images: pick the service with --target.
#
#   docker build -f docker/service.Dockerfile --target token-service    -t vncgate/token-service .
#   docker build -f docker/service.Dockerfile --target registry-service -t vncgate/registry-service .
#   docker build -f docker/service.Dockerfile --target gateway-service  -t vncgate/gateway-service .
#
# The build context is the repository root. Without --target, Docker builds the last stage
# (gateway-service). docker/service.Dockerfile.dockerignore keeps target/, node_modules/, .git,
# e2e/.work and docker/.env out of the context (BuildKit reads <Dockerfile>.dockerignore).
#
# Each service image is built from its own Maven stage (`-pl <module> -am`); BuildKit builds
# only the stages the chosen target needs, and the three stages share one Maven repository
# cache, so dependencies are downloaded once. The gateway stage also downloads the
# @novnc/novnc tarball from registry.npmjs.org during `mvn package`: the build needs network
# access to Maven Central and to the npm registry.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
# The Ubuntu-based Temurin JRE images ship curl (Adoptium keeps it on purpose; see
# adoptium/containers#255); the health checks below use it. The runtime stage fails the build
# if a future base image drops it, rather than shipping an image whose health check can never pass.
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble

# ---------------------------------------------------------------------------------------------
# Build stages
# ---------------------------------------------------------------------------------------------
FROM ${MAVEN_IMAGE} AS source
WORKDIR /src
COPY . .

FROM source AS token-build
RUN --mount=type=cache,id=vncgate-m2,target=/root/.m2/repository,sharing=locked \
    mvn -B -q package -DskipTests -pl token-service -am

FROM source AS registry-build
RUN --mount=type=cache,id=vncgate-m2,target=/root/.m2/repository,sharing=locked \
    mvn -B -q package -DskipTests -pl registry-service -am

FROM source AS gateway-build
RUN --mount=type=cache,id=vncgate-m2,target=/root/.m2/repository,sharing=locked \
    mvn -B -q package -DskipTests -pl gateway-service -am

# ---------------------------------------------------------------------------------------------
# Common runtime: JRE, a non-root user, nothing else
# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
RUN set -eux; \
    command -v curl >/dev/null || { echo "curl is missing from the runtime image; the HEALTHCHECK needs it" >&2; exit 1; }; \
    groupadd --system --gid 10001 vncgate; \
    useradd --system --uid 10001 --gid vncgate --home-dir /app --no-create-home --shell /usr/sbin/nologin vncgate; \
    mkdir -p /app /keys; \
    chown 10001:10001 /keys
WORKDIR /app
# Hazelcast membership (5701) and the Vert.x event bus (5710, fixed by VNCGATE_CLUSTER_BUS_PORT).
ENV VNCGATE_CLUSTER_BUS_PORT=5710
EXPOSE 5701 5710
USER 10001:10001
# Extra JVM flags (heap dumps, GC logging, ...) go in JAVA_TOOL_OPTIONS; the JVM reads it itself.

# ---------------------------------------------------------------------------------------------
# token-service: JWT issue/verify, revocation (REST on 8081)
# ---------------------------------------------------------------------------------------------
FROM runtime AS token-service
LABEL org.opencontainers.image.title="vncgate token-service" \
      org.opencontainers.image.description="vncgate: issues and verifies the tokens that open VNC sessions"
COPY --from=token-build /src/token-service/target/token-service.jar /app/token-service.jar
EXPOSE 8081
# VNCGATE_HTTP_PORT is read at check time; if you set the port in a config file instead, set the
# variable too (or override the health check).
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:${VNCGATE_HTTP_PORT:-8081}/health/ready" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/token-service.jar"]

# ---------------------------------------------------------------------------------------------
# registry-service: VNC hosts, pools, session directory (REST on 8082)
# ---------------------------------------------------------------------------------------------
FROM runtime AS registry-service
LABEL org.opencontainers.image.title="vncgate registry-service" \
      org.opencontainers.image.description="vncgate: the registry of VNC hosts, pools and live sessions"
COPY --from=registry-build /src/registry-service/target/registry-service.jar /app/registry-service.jar
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:${VNCGATE_HTTP_PORT:-8082}/health/ready" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/registry-service.jar"]

# ---------------------------------------------------------------------------------------------
# gateway-service: WebSocket endpoint, TCP relay, the noVNC web client (HTTP on 8080)
# ---------------------------------------------------------------------------------------------
FROM runtime AS gateway-service
LABEL org.opencontainers.image.title="vncgate gateway-service" \
      org.opencontainers.image.description="vncgate: relays noVNC WebSocket sessions to VNC desktops"
COPY --from=gateway-build /src/gateway-service/target/gateway-service.jar /app/gateway-service.jar
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:${VNCGATE_HTTP_PORT:-8080}/health/ready" || exit 1
# docker stop sends SIGTERM to java (PID 1): the gateway drains its live sessions
# (VNCGATE_DRAIN_SECONDS; compose gives it 30 s), leaves the cluster and exits 0.
# A quiet gateway gives memory back: G1 collects after 15 s without a collection and then keeps
# at most 30% of its heap free, so a node holding idle sessions stays near their live data
# (about 16 KiB of RSS per idle session instead of 26-33 KiB with G1's defaults; see
# docs/performance.md). Under load collections come anyway and these flags change nothing.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:G1PeriodicGCInterval=15000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/app/gateway-service.jar"]

# syntax=docker/dockerfile:1
#
# DEMO ONLY — a VNC desktop WITHOUT A PASSWORD (Xvnc -SecurityTypes None).
#
# Anyone who can reach port 5901 of this container controls its desktop. docker-compose.yml
# never publishes that port: the desktop is reachable only on the compose network, where the
# gateways reach it, and a browser reaches it only through a gateway with a valid token.
# Do not publish 5901 and do not copy this image into a real deployment; real desktops should
# use VNC authentication and, ideally, a network only the gateways can reach.
#
#   docker build -f docker/desktop.Dockerfile -t vncgate/demo-desktop docker
FROM debian:bookworm-slim

# xfonts-base is only a "Recommends" of the VNC server, but Xvnc cannot start without the
# "fixed" font it provides.
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        tigervnc-standalone-server \
        xfonts-base \
        xterm \
    ; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p /tmp/.X11-unix; \
    chmod 1777 /tmp/.X11-unix; \
    useradd --create-home --uid 10002 --shell /bin/bash demo

COPY --chmod=0755 desktop-start.sh /usr/local/bin/desktop-start

USER demo
WORKDIR /home/demo
EXPOSE 5901
# Healthy when something listens on 5901 (0x170D). Reading /proc instead of connecting keeps
# Xvnc from logging a connection every interval.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD grep -Eqs ':170D [0-9A-F]+:0000 0A' /proc/net/tcp /proc/net/tcp6 || exit 1
ENTRYPOINT ["/usr/local/bin/desktop-start"]

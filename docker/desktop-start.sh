#!/bin/sh
# DEMO ONLY: starts a VNC desktop with NO PASSWORD on port 5901 (see desktop.Dockerfile).
# Xvnc runs in the foreground as the container's main process; an xterm is (re)opened on it.
set -eu

display_number=1
export DISPLAY=":${display_number}"

(
  # Wait for the X server's socket, then keep one xterm open: closing it opens a new one.
  tries=0
  while [ ! -S "/tmp/.X11-unix/X${display_number}" ]; do
    tries=$((tries + 1))
    if [ "${tries}" -gt 100 ]; then
      echo "desktop: the X server did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  while [ -S "/tmp/.X11-unix/X${display_number}" ]; do
    xterm -geometry 100x30+40+40 -title "vncgate demo desktop" || true
    sleep 1
  done
) &

echo "desktop: DEMO VNC desktop WITHOUT PASSWORD on port 5901 (compose network only)"
exec Xvnc "${DISPLAY}" \
  -rfbport 5901 \
  -SecurityTypes None \
  -localhost no \
  -geometry 1280x800 \
  -depth 24 \
  -desktop "vncgate demo (no password)"

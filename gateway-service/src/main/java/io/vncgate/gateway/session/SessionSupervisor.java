package io.vncgate.gateway.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vncgate.gateway.GatewayConfig;
import io.vncgate.gateway.node.GatewayMetrics;
import io.vncgate.shared.failure.CloseCode;
import io.vncgate.shared.failure.Refusal;

import java.util.ArrayList;

/**
 * Once a second, for every session of one event loop: a WebSocket ping when one is due (browsers
 * answer them themselves, which keeps proxies that cut idle connections from cutting desktops
 * nobody touches), the end of sessions whose browser stopped answering, that sat idle too long or
 * ran out of time (4408), and the bytes moved since the last tick into the metrics.
 */
public final class SessionSupervisor {

  private static final Buffer PING = Buffer.buffer(0);
  /** Ticks drift by a few milliseconds; without slack a 1 s ping would go out every other tick. */
  private static final long TICK_SLACK_NANOS = 100_000_000L;
  private static final Refusal SILENT = CloseCode.GOING_AWAY.refusal("the browser stopped answering");
  private static final Refusal IDLE = CloseCode.TIME_LIMIT.refusal("idle for too long");
  private static final Refusal TOO_LONG = CloseCode.TIME_LIMIT.refusal("session time limit reached");

  private final Vertx vertx;
  private final Context context;
  private final LiveSessions sessions;
  private final GatewayMetrics metrics;
  private final long pingNanos;
  private final long peerTimeoutNanos;
  private long timer = -1;

  /** @param context the event loop the sessions live on */
  public SessionSupervisor(Vertx vertx, Context context, LiveSessions sessions, GatewayMetrics metrics,
                           GatewayConfig.Keepalive keepalive) {
    this.vertx = vertx;
    this.context = context;
    this.sessions = sessions;
    this.metrics = metrics;
    this.pingNanos = keepalive.pingInterval().toNanos();
    this.peerTimeoutNanos = keepalive.peerTimeout().toNanos();
  }

  public void start() {
    timer = vertx.setPeriodic(1000, t -> tick());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Counts a pong (or any sign of life) from the browser. */
  static void alive(LiveSession session) {
    session.lastPeerNanos = System.nanoTime();
  }

  void tick() {
    long now = System.nanoTime();
    for (LiveSession s : new ArrayList<>(sessions.all())) {
      flush(s);
      if (s.traffic.toDesktop() != s.seenToDesktop) {
        s.seenToDesktop = s.traffic.toDesktop();
        s.lastPeerNanos = now;
      }
      if (s.maxLengthNanos > 0 && now - s.startedNanos >= s.maxLengthNanos) {
        s.relay.end(TOO_LONG);
      } else if (s.idleLimitNanos > 0 && now - s.lastInputNanos >= s.idleLimitNanos) {
        s.relay.end(IDLE);
      } else if (now - s.lastPeerNanos >= peerTimeoutNanos) {
        s.relay.end(SILENT);
      } else if (now - s.lastPingNanos >= pingNanos - TICK_SLACK_NANOS) {
        s.lastPingNanos = now;
        s.ws.writePing(PING);
      }
    }
  }

  /** Adds what a session moved since the last flush to the byte counters. */
  void flush(LiveSession s) {
    metrics.bytes(s.traffic.toDesktop() - s.flushedToDesktop, s.traffic.toBrowser() - s.flushedToBrowser);
    s.flushedToDesktop = s.traffic.toDesktop();
    s.flushedToBrowser = s.traffic.toBrowser();
  }

  /** Ends every session with 1001 (drain); completes when they are gone, or after two seconds. */
  public Future<Void> closeAll() {
    Promise<Void> gone = Promise.promise();
    context.runOnContext(v -> {
      sessions.close(s -> true, CloseCode.GOING_AWAY.refusal());
      waitEmpty(System.nanoTime() + 2_000_000_000L, gone);
    });
    return gone.future();
  }

  private void waitEmpty(long end, Promise<Void> gone) {
    if (sessions.size() == 0 || System.nanoTime() > end) {
      gone.tryComplete();
    } else {
      vertx.setTimer(50, t -> waitEmpty(end, gone));
    }
  }
}

package io.vncgate.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.json.JsonObject;
import io.vncgate.bench.Payload;
import io.vncgate.bench.proc.Proc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Idle capacity: N sessions to the echo backend opened and held with no traffic but the relay's
 * own keep-alive (the gateway pings, the client's decoder answers with pongs). After the hold
 * each session still open must carry one round trip. Memory is read before opening and at the
 * end of the hold: the gateway's RSS (VmRSS) and live heap (after a full GC, from jcmd);
 * websockify's proportional set size summed over its process tree, since it forks a process
 * per connection whose pages it partly shares. Raw TCP has no relay and no figure here.
 */
final class IdleScenario {

  private static final Logger LOG = LoggerFactory.getLogger(IdleScenario.class);
  private static final int IN_FLIGHT = 64;

  private final Bench bench;

  IdleScenario(Bench bench) {
    this.bench = bench;
  }

  void run() throws InterruptedException {
    for (Endpoint endpoint : bench.config.endpoints("echo")) {
      if (endpoint.target().equals(Endpoint.GATEWAY)) {
        hold(endpoint, bench.config.idle().gatewaySessions());
      } else if (endpoint.target().equals(Endpoint.WEBSOCKIFY)) {
        hold(endpoint, bench.config.idle().websockifySessions());
      }
    }
  }

  private void hold(Endpoint endpoint, int sessions) throws InterruptedException {
    long pid = bench.config.pids().get(endpoint.relay());
    boolean gateway = endpoint.target().equals(Endpoint.GATEWAY);
    // The baseline after a full GC, the hold figure before one: any garbage the sessions left
    // counts against them, as it does in a running node.
    Supplier<Long> memory = () -> gateway ? Proc.rssKiB(pid) : Proc.treePssKiB(pid);
    long heapBefore = gateway ? Proc.heapUsedAfterGcKiB(pid) : -1;
    long memoryBefore = memory.get();

    ByteBuf probe = Payload.random(64);
    long started = System.nanoTime();
    List<Idle> all = Opener.open(bench.connector, endpoint, sessions, IN_FLIGHT, () -> new Idle(probe));
    double openSeconds = (System.nanoTime() - started) / 1e9;
    List<Idle> open = Opener.succeeded(all);
    LOG.info("idle {}: {} of {} sessions open in {} s; holding {} s", endpoint.target(), open.size(), sessions,
      Bench.round1(openSeconds), bench.config.idle().holdSeconds());

    long memoryHold = bench.after(TimeUnit.SECONDS.toMillis(bench.config.idle().holdSeconds()), memory);
    long heapHold = gateway ? Proc.heapUsedAfterGcKiB(pid) : -1;
    long stillOpen = open.stream().filter(h -> !h.closed()).count();
    String closedDuringHold = open.stream().map(BenchHandler::closedBy).filter(Objects::nonNull).findFirst()
      .map(c -> c.code() + " " + c.reason()).orElse(null);
    long alive = roundTrips(open);
    Opener.closeAll(all, endpoint.webSocket());
    bench.settle();

    JsonObject result = bench.point("idle", endpoint, sessions)
      .put("holdSeconds", bench.config.idle().holdSeconds())
      .put("opened", open.size())
      .put("openSeconds", Bench.round2(openSeconds))
      .put("stillOpen", stillOpen)
      .put("alive", alive);
    if (gateway) {
      result.put("rssBeforeKiB", memoryBefore).put("rssHoldKiB", memoryHold)
        .put("rssPerSessionKiB", perSession(memoryHold - memoryBefore, open.size()));
      if (heapBefore >= 0 && heapHold >= 0) {
        result.put("heapBeforeKiB", heapBefore).put("heapHoldKiB", heapHold)
          .put("heapPerSessionKiB", perSession(heapHold - heapBefore, open.size()));
      }
    } else {
      result.put("pssBeforeKiB", memoryBefore).put("pssHoldKiB", memoryHold)
        .put("pssPerSessionKiB", perSession(memoryHold - memoryBefore, open.size()));
    }
    Failures.of(all).ifPresent(f -> result.put("failures", f));
    if (closedDuringHold != null) {
      result.put("closedDuringHold", closedDuringHold);
    }
    LOG.info("idle {}: {} alive after the hold; {}", endpoint.target(), alive, result.encode());
    bench.write(result);
  }

  /** Sends one 64-byte message on every session and counts those whose echo comes back within 30 s. */
  private static long roundTrips(List<Idle> sessions) {
    List<CompletableFuture<Void>> echoes = new ArrayList<>(sessions.size());
    for (Idle idle : sessions) {
      echoes.add(idle.echo().orTimeout(30, TimeUnit.SECONDS));
    }
    long alive = 0;
    for (CompletableFuture<Void> echo : echoes) {
      if (echo.handle((v, err) -> err == null).join()) {
        alive++;
      }
    }
    return alive;
  }

  private static double perSession(long kib, int sessions) {
    return sessions == 0 ? 0 : Bench.round2((double) kib / sessions);
  }

  /** Holds its session; on request, one round trip. */
  private static final class Idle extends BenchHandler {

    private final ByteBuf probe;
    private final CompletableFuture<Void> echoed = new CompletableFuture<>();
    private int awaited = -1;

    Idle(ByteBuf probe) {
      this.probe = probe;
    }

    CompletableFuture<Void> echo() {
      channel().eventLoop().execute(() -> {
        if (closed()) {
          echoed.completeExceptionally(new IllegalStateException("closed"));
          return;
        }
        awaited = probe.readableBytes();
        channel().writeAndFlush(probe.duplicate());
      });
      return echoed;
    }

    @Override
    protected void onData(ChannelHandlerContext ctx, ByteBuf data) {
      if (awaited > 0) {
        awaited -= data.readableBytes();
        if (awaited <= 0) {
          echoed.complete(null);
        }
      }
      data.release();
    }

    @Override
    protected void onClosed() {
      echoed.completeExceptionally(new IllegalStateException("closed"));
    }
  }
}

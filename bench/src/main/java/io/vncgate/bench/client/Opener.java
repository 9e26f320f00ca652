package io.vncgate.bench.client;

import io.netty.channel.ChannelFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Opens many connections to one endpoint with a bounded number of set-ups in flight (a listen
 * backlog, websockify's one-at-a-time accept loop and the gateway's handshake all cap how many
 * may wait at once), and waits until each is open or has failed.
 */
final class Opener {

  /** How long one connection may take to deliver the backend's banner. */
  private static final long OPEN_TIMEOUT_SECONDS = 30;

  private Opener() {
  }

  /** Opens {@code count} connections, each with a handler from {@code handlers}; returns them all, open or not. */
  static <H extends BenchHandler> List<H> open(Connector connector, Endpoint endpoint, int count, int inFlight,
                                               Supplier<H> handlers) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    List<H> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      slots.acquire();
      H handler = handlers.get();
      all.add(handler);
      handler.opened().orTimeout(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((v, err) -> slots.release());
      connector.open(endpoint, handler).addListener(f -> {
        if (!f.isSuccess()) {
          handler.connectFailed(f.cause());
        }
      });
    }
    for (H handler : all) {
      handler.opened().handle((v, err) -> null).join();
    }
    return all;
  }

  static <H extends BenchHandler> List<H> succeeded(List<H> handlers) {
    return handlers.stream().filter(h -> isOpen(h.opened())).toList();
  }

  static boolean isOpen(CompletableFuture<Void> opened) {
    return opened.isDone() && !opened.isCompletedExceptionally();
  }

  /** Closes every connection (a close frame first on WebSockets) and waits until they are closed. */
  static void closeAll(List<? extends BenchHandler> handlers, boolean webSocket) {
    List<ChannelFuture> closing = new ArrayList<>(handlers.size());
    for (BenchHandler handler : handlers) {
      if (handler.channel() != null) {
        closing.add(handler.close(webSocket));
      }
    }
    for (ChannelFuture future : closing) {
      future.awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
    for (BenchHandler handler : handlers) {
      if (handler.channel() != null) {
        handler.channel().close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }
}

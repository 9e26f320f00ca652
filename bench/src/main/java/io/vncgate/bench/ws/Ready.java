package io.vncgate.bench.ws;

/**
 * User event: the byte stream is open. Fired by {@link WsHandshake} after the 101 response and
 * by the raw-TCP pipeline when the socket connects, so scenario handlers are the same for every
 * target.
 */
public final class Ready {

  public static final Ready INSTANCE = new Ready();

  private Ready() {
  }
}

package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The backend process's control port: bytes the sink received, connections open, and a wait
 * for the moment the last connection has closed. One request at a time, each answered by one
 * JSON line.
 */
final class BackendControl implements AutoCloseable {

  private final int port;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  BackendControl(int port) throws IOException {
    this.port = port;
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  synchronized JsonObject stats() {
    return request("\n");
  }

  long sinkBytes() {
    return stats().getLong("sinkBytes");
  }

  long open() {
    return stats().getLong("open");
  }

  /**
   * Whether the backend held no connection within {@code timeout}: it answers as soon as its
   * last connection has closed. A wait that times out leaves its answer pending on the
   * connection, so the control connection is opened afresh.
   */
  synchronized boolean awaitIdle(Duration timeout) {
    try {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      boolean idle = request("idle\n").getLong("open") == 0;
      socket.setSoTimeout(0);
      return idle;
    } catch (IOException e) {
      throw new UncheckedIOException("backend control port", e);
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof SocketTimeoutException)) {
        throw e;
      }
    }
    try {
      socket.close();
      connect();
    } catch (IOException e) {
      throw new UncheckedIOException("backend control port", e);
    }
    return false;
  }

  private JsonObject request(String line) {
    try {
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new JsonObject(in.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("backend control port", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    socket.close();
  }
}

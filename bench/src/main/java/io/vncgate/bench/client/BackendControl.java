package io.vncgate.bench.client;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The backend process's control port: bytes the sink received, connections open. */
final class BackendControl implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  BackendControl(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
  }

  synchronized JsonObject stats() {
    try {
      out.write('\n');
      out.flush();
      return new JsonObject(in.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("backend control port", e);
    }
  }

  long sinkBytes() {
    return stats().getLong("sinkBytes");
  }

  long open() {
    return stats().getLong("open");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

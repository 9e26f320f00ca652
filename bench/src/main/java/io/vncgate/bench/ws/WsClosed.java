package io.vncgate.bench.ws;

/** User event: the server sent a close frame ({@code code} 1005 when it carried none). */
public record WsClosed(int code, String reason) {
}

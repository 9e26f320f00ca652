package io.vncgate.shared.log;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Audit events: one JSON object per line on the logger {@code vncgate.audit}, so they can be
 * routed and shipped apart from the service log. Never put a token, key or password in one.
 */
public final class Audit {

  private static final Logger LOG = LoggerFactory.getLogger("vncgate.audit");

  private Audit() {
  }

  /** Logs {@code {"event": event, "at": now, ...fields}}. */
  public static void event(String event, JsonObject fields) {
    if (LOG.isInfoEnabled()) {
      LOG.info(new JsonObject().put("event", event).put("at", Instant.now().toString()).mergeIn(fields).encode());
    }
  }
}

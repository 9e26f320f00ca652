package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;

/** Small checks used by the records' {@code fromJson}. */
final class Json {

  private Json() {
  }

  static String requireText(JsonObject json, String field) {
    Object value = json == null ? null : json.getValue(field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    return text;
  }
}

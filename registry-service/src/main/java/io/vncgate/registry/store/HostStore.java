package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vncgate.registry.health.Health;
import io.vncgate.registry.host.Host;

import java.util.List;

/** Where registered hosts live. Every change is atomic: a host and its index entries change together. */
public interface HostStore {

  /** A host with what the registry knows about it now. */
  record HostView(Host host, Health health, int sessions) {

    public JsonObject toJson() {
      return host.toJson().put("health", health.toJson()).put("sessions", sessions);
    }
  }

  /** Creates or replaces a host (with its TTL, if it has one); {@code true} when it did not exist before. */
  Future<Boolean> put(Host host);

  /** Creates or replaces several hosts in one transaction: all of them, or none; returns how many. */
  Future<Integer> putAll(List<Host> hosts);

  /** The host, or {@code null} when there is none with that id (or it expired). */
  Future<Host> get(String id);

  /** One host with its health and session count, or {@code null}. */
  Future<HostView> view(String id);

  /** All hosts with their health and session counts, ordered by id. */
  Future<List<HostView>> list();

  /** Removes a host with its health and session records; {@code true} when it existed. */
  Future<Boolean> delete(String id);

  /** Renews a heartbeating host's TTL; {@code false} when it does not exist (any more). */
  Future<Boolean> heartbeat(String id);

  /** Succeeds when the store can be used now. */
  Future<Void> ping();
}

package io.vncgate.registry.store;

import io.vertx.core.Future;
import io.vncgate.registry.host.Host;

import java.util.List;

/** Where registered hosts live. Every change is atomic: a host and its index entries change together. */
public interface HostStore {

  /** Creates or replaces a host; {@code true} when it did not exist before. */
  Future<Boolean> put(Host host);

  /** The host, or {@code null} when there is none with that id. */
  Future<Host> get(String id);

  /** All hosts, ordered by id. */
  Future<List<Host>> list();

  /** Removes a host; {@code true} when it existed. */
  Future<Boolean> delete(String id);

  /** Succeeds when the store can be used now. */
  Future<Void> ping();
}

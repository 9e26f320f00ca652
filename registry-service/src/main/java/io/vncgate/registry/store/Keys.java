package io.vncgate.registry.store;

/**
 * The registry's Redis keys, all under one prefix (with a hash tag in cluster mode, so each
 * multi-key script touches one slot).
 *
 * <ul>
 *   <li>{@code host:<id>} hash: the registration (TTL when it heartbeats)</li>
 *   <li>{@code hosts} set of all ids; {@code pool:<name>} set of a pool's ids</li>
 *   <li>{@code health:<id>} hash: the last probe's verdict</li>
 *   <li>{@code sessions:<id>} sorted set: the sessions on a host (reported or just assigned),
 *       each scored by when it stops counting</li>
 *   <li>{@code reporter:<reporter>} hash session → host, {@code load:<reporter>} the last report,
 *       {@code reporters} sorted set of reporters by expiry</li>
 *   <li>{@code probe:<id>} the probe lock of one interval</li>
 * </ul>
 */
final class Keys {

  private final String prefix;

  Keys(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  String host(String id) {
    return prefix + "host:" + id;
  }

  String hosts() {
    return prefix + "hosts";
  }

  String pool(String name) {
    return prefix + "pool:" + name;
  }

  String health(String id) {
    return prefix + "health:" + id;
  }

  String sessions(String id) {
    return prefix + "sessions:" + id;
  }

  String reporter(String reporter) {
    return prefix + "reporter:" + reporter;
  }

  String load(String reporter) {
    return prefix + "load:" + reporter;
  }

  String reporters() {
    return prefix + "reporters";
  }

  String probe(String id) {
    return prefix + "probe:" + id;
  }
}

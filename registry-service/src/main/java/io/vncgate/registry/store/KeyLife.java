package io.vncgate.registry.store;

/**
 * Lua shared by the scripts that add sessions to the {@code sessions:<id>} and
 * {@code user-sessions:<sub>} sets, whose entries are scored by the time they stop counting.
 */
final class KeyLife {

  /**
   * {@code keep(key, ms)}: the key lives at least {@code ms} more, never less than it already
   * would; so a set lasts as long as its longest-lived entry and then goes by itself. Measured
   * by Redis's own clock, so the registry instances' clocks do not matter.
   */
  static final String KEEP = """
    local function keep(key, ms)
      if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
    end
    """;

  private KeyLife() {
  }
}

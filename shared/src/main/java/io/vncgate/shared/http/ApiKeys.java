package io.vncgate.shared.http;

import io.vncgate.shared.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator API keys ({@code VNCGATE_API_KEYS}), each with a name and kept only as a SHA-256
 * digest. Entries are {@code name=sha256:<64 hex digits>} (the recommended form: the config never
 * holds a usable key) or, for local use, a plain key, which gets the name {@code key-<n>} and a
 * warning at start. Make a digest with {@code printf %s "$KEY" | sha256sum}.
 */
public final class ApiKeys {

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final Pattern HASHED = Pattern.compile("([A-Za-z0-9._-]{1,64})=sha256:([0-9a-fA-F]{64})");

  /** One key: its name (safe to log) and the digest of its secret. */
  public record ApiKey(String name, byte[] digest) {
  }

  private final List<ApiKey> keys;

  private ApiKeys(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** @throws ConfigException for no keys, a malformed entry or a repeated name */
  public static ApiKeys parse(List<String> entries) {
    if (entries.isEmpty()) {
      throw new ConfigException("VNCGATE_API_KEYS must list at least one API key (name=sha256:<hex>, comma-separated)");
    }
    List<ApiKey> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int plain = 0;
    for (String entry : entries) {
      Matcher hashed = HASHED.matcher(entry);
      ApiKey key;
      if (hashed.matches()) {
        key = new ApiKey(hashed.group(1), HexFormat.of().parseHex(hashed.group(2).toLowerCase()));
      } else if (entry.contains("=sha256:")) {
        throw new ConfigException("VNCGATE_API_KEYS: entry '" + entry.substring(0, entry.indexOf('='))
          + "=sha256:…' must be a name (letters, digits, . _ -) and 64 hex digits");
      } else {
        key = new ApiKey("key-" + (++plain), sha256(entry));
        LOG.warn("VNCGATE_API_KEYS holds a plain key ({}); store only its digest: {}=sha256:<sha256 of the key>",
          key.name(), key.name());
      }
      if (!names.add(key.name())) {
        throw new ConfigException("VNCGATE_API_KEYS: the name '" + key.name() + "' is used twice");
      }
      keys.add(key);
    }
    return new ApiKeys(keys);
  }

  /** The key a presented secret belongs to; every key is compared, in constant time. */
  public Optional<ApiKey> match(String presented) {
    byte[] digest = sha256(presented);
    ApiKey found = null;
    for (ApiKey key : keys) {
      if (MessageDigest.isEqual(key.digest(), digest)) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  public List<String> names() {
    return keys.stream().map(ApiKey::name).toList();
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}

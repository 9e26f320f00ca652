package io.vncgate.registry;

import io.vncgate.registry.credential.CredentialCipher;
import io.vncgate.shared.config.Settings;
import io.vncgate.shared.http.ApiKeys;
import io.vncgate.shared.launch.NodeName;
import io.vncgate.shared.redis.RedisSettings;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the registry service, validated once at start-up.
 *
 * @param httpHost       address to listen on ({@code VNCGATE_HTTP_HOST}, default all interfaces)
 * @param httpPort       REST port ({@code VNCGATE_HTTP_PORT}, default 8082)
 * @param apiKeys        operator API keys with names, stored as digests ({@code VNCGATE_API_KEYS}, required)
 * @param redis          Redis connection and key prefix ({@code VNCGATE_REDIS_*})
 * @param cipher         seals VNC passwords ({@code VNCGATE_CREDENTIAL_KEY}, base64 AES key); {@code null} = no passwords
 * @param probeInterval  how often each host is probed ({@code VNCGATE_PROBE_INTERVAL_SECONDS}, default 10; 0 = never)
 * @param probeTimeout   how long a probe may take ({@code VNCGATE_PROBE_TIMEOUT_MS}, default 2000)
 * @param probeFailures  failed probes in a row that take a host out of assignment ({@code VNCGATE_PROBE_FAILURES}, default 2)
 * @param reservation    how long an assigned place counts before the gateway's report confirms it
 *                       ({@code VNCGATE_ASSIGNMENT_RESERVE_SECONDS}, default 15)
 * @param loadTtl        how long a gateway's load report counts ({@code VNCGATE_LOAD_REPORT_TTL_SECONDS}, default 15)
 * @param perUser        live sessions one subject may have across the cluster, 0 = no limit ({@code VNCGATE_MAX_SESSIONS_PER_USER})
 * @param busTimeout     how long a token revocation request may take ({@code VNCGATE_BUS_TIMEOUT_MS})
 * @param nodeName       this instance's name, the owner of its probe locks ({@code VNCGATE_NODE_NAME})
 */
public record RegistryConfig(String httpHost, int httpPort, ApiKeys apiKeys, RedisSettings redis, CredentialCipher cipher,
                             Duration probeInterval, Duration probeTimeout, int probeFailures, Duration reservation,
                             Duration loadTtl, int perUser, Duration busTimeout, String nodeName) {

  public static RegistryConfig from(Settings s) {
    return new RegistryConfig(
      s.string("HTTP_HOST", "0.0.0.0"),
      s.port("HTTP_PORT", 8082),
      ApiKeys.parse(s.list("API_KEYS", List.of())),
      RedisSettings.from(s),
      s.optional("CREDENTIAL_KEY").map(CredentialCipher::fromBase64).orElse(null),
      Duration.ofSeconds(s.integer("PROBE_INTERVAL_SECONDS", 10, 0, 3600)),
      Duration.ofMillis(s.integer("PROBE_TIMEOUT_MS", 2000, 50, 60_000)),
      s.integer("PROBE_FAILURES", 2, 1, 100),
      Duration.ofSeconds(s.integer("ASSIGNMENT_RESERVE_SECONDS", 15, 1, 3600)),
      Duration.ofSeconds(s.integer("LOAD_REPORT_TTL_SECONDS", 15, 2, 3600)),
      s.integer("MAX_SESSIONS_PER_USER", 0, 0, 100_000),
      Duration.ofMillis(s.integer("BUS_TIMEOUT_MS", 3000, 50, 60_000)),
      NodeName.of(s, "registry"));
  }
}

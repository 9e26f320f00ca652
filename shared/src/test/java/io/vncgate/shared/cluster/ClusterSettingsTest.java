package io.vncgate.shared.cluster;

import io.vncgate.shared.config.ConfigException;
import io.vncgate.shared.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster host is resolved when the settings are read, so a bad name fails like any bad setting. */
class ClusterSettingsTest {

  @Test
  void aHostNameBecomesTheAddressHazelcastBindsTo() throws Exception {
    ClusterSettings settings = ClusterSettings.from(ConfigLoader.load(Map.of("VNCGATE_CLUSTER_HOST", "localhost")));
    assertEquals(InetAddress.getByName("localhost").getHostAddress(), settings.host());
  }

  @Test
  void aHostThatDoesNotResolveIsASettingError() {
    // .invalid never resolves (RFC 2606).
    ConfigException error = assertThrows(ConfigException.class,
      () -> ClusterSettings.from(ConfigLoader.load(Map.of("VNCGATE_CLUSTER_HOST", "no-such-host.invalid"))));
    assertTrue(error.getMessage().startsWith("VNCGATE_CLUSTER_HOST"), error.getMessage());
  }
}

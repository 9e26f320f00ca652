package io.vncgate.registry.api;

import io.vncgate.registry.credential.CredentialCipher;
import io.vncgate.registry.host.Host;
import io.vncgate.registry.host.HostInput.Registration;

/** Turns a validated registration into the stored host, sealing its password. */
public final class Registrations {

  private final CredentialCipher cipher;

  /** @param cipher seals passwords; {@code null} when {@code VNCGATE_CREDENTIAL_KEY} is not set */
  public Registrations(CredentialCipher cipher) {
    this.cipher = cipher;
  }

  /** @throws IllegalArgumentException when a password comes but no credential key is configured */
  public Host toHost(Registration r) {
    String credential = null;
    if (r.password() != null) {
      if (cipher == null) {
        throw new IllegalArgumentException("this registry stores no passwords: it has no VNCGATE_CREDENTIAL_KEY");
      }
      credential = cipher.encrypt(r.id(), r.password());
    }
    return new Host(r.id(), r.host(), r.port(), r.pool(), r.labels(), r.maxSessions(), r.weight(), r.ttlSeconds(), credential, r.tls());
  }
}

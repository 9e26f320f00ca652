package io.vncgate.shared.bus;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContractRecordsTest {

  @Test
  void recordsSurviveTheirJsonForm() {
    Grant grant = new Grant("j1", "alice", "desk-1", null, true, 1_900_000_000L);
    assertEquals(grant, Grant.fromJson(grant.toJson()));
    Grant pooled = new Grant("j2", "bob", null, "lab", false, 1_900_000_000L);
    assertEquals(pooled, Grant.fromJson(pooled.toJson()));
    VerifyRequest verify = new VerifyRequest("a.b.c", "10.0.0.9", "gw-1");
    assertEquals(verify, VerifyRequest.fromJson(verify.toJson()));
    ResolveRequest resolve = ResolveRequest.forGrant(grant, "s-1");
    assertEquals(resolve, ResolveRequest.fromJson(resolve.toJson()));
    Destination destination = new Destination("desk-1", "10.1.2.3", 5901, "secret");
    assertEquals(destination, Destination.fromJson(destination.toJson()));
  }

  @Test
  void credentialNeverAppearsInToString() {
    assertFalse(new Destination("d", "h", 1, "hunter2").toString().contains("hunter2"));
  }

  @Test
  void missingFieldsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> VerifyRequest.fromJson(new JsonObject()));
    assertThrows(IllegalArgumentException.class, () -> Grant.fromJson(new JsonObject().put("jti", "j").put("sub", "s")));
    assertThrows(IllegalArgumentException.class, () -> new ResolveRequest("h", "p", "s", "id"));
  }
}

package io.vncgate.shared.failure;

/** A failure that already knows how the gateway must refuse the session. */
public class RefusalException extends RuntimeException {

  private final transient Refusal refusal;

  public RefusalException(Refusal refusal) {
    super(refusal.code().code() + " " + refusal.reason(), null, false, false);
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }
}

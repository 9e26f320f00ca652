package io.vncgate.shared.log;

import ch.qos.logback.core.ConsoleAppender;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where audit lines go: the file named by {@code VNCGATE_AUDIT_LOG} (appended to, so a log
 * shipper can tail it), or standard output, as any console appender, when none is set.
 * Logback's own file appender cannot fall back to the console without conditional
 * configuration, hence this class.
 */
public final class AuditAppender<E> extends ConsoleAppender<E> {

  private String file;

  public void setFile(String file) {
    this.file = file;
  }

  @Override
  public void start() {
    if (file == null || file.isBlank()) {
      super.start();
      return;
    }
    OutputStream out;
    try {
      out = new FileOutputStream(file, true);
    } catch (IOException e) {
      addError("cannot open the audit log " + file, e);
      return;
    }
    super.start();
    // Replaces the console stream the console appender opened (closing it leaves standard output open).
    setOutputStream(out);
  }
}

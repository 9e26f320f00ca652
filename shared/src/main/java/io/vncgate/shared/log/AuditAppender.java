package io.vncgate.shared.log;

import ch.qos.logback.core.OutputStreamAppender;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where audit lines go: the file named by {@code VNCGATE_AUDIT_LOG} (appended to, so a log
 * shipper can tail it), or standard output when none is set. Logback's own file appender
 * cannot fall back to standard output without conditional configuration, hence this class.
 */
public final class AuditAppender<E> extends OutputStreamAppender<E> {

  private String file;

  public void setFile(String file) {
    this.file = file;
  }

  @Override
  public void start() {
    try {
      setOutputStream(file == null || file.isBlank() ? new KeepOpen(System.out) : new FileOutputStream(file, true));
    } catch (IOException e) {
      addError("cannot open the audit log " + file, e);
      return;
    }
    super.start();
  }

  /** Standard output stays open when the appender stops. */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

package dev.credits4j.rest.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, fields holding a comma, a quote, CR or LF quoted
 * with quotes doubled. Free-text fields ({@link #text}) that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, tab or CR) get a leading apostrophe.
 */
public final class CsvWriter {
  public static final String MEDIA_TYPE = "text/csv";

  private final Writer out;

  public CsvWriter(Writer out) {
    this.out = out;
  }

  /** Writes one record. */
  public void row(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(escape(fields.get(i)));
    }
    out.write("\r\n");
  }

  /** A field as written in a record: quoted when needed; null is empty. */
  public static String escape(String field) {
    if (field == null) {
      return "";
    }
    boolean quote =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\n') >= 0
            || field.indexOf('\r') >= 0;
    return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  /** Free text from users, defused against spreadsheet formula injection. */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        ? "'" + value
        : value;
  }
}

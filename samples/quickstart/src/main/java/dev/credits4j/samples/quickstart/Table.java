package dev.credits4j.samples.quickstart;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fixed-width text table: each column as wide as its widest cell, up to its maximum. */
final class Table {
  private static final String GAP = "  ";
  private static final String ELLIPSIS = "...";

  private final List<Column> columns;
  private final List<String[]> rows = new ArrayList<>();

  /** A column: its title, right-aligned (numbers) or not, and the most characters it shows. */
  record Column(String title, boolean right, int maxWidth) {
    static Column left(String title, int maxWidth) {
      return new Column(title, /* right= */ false, maxWidth);
    }

    static Column right(String title) {
      return new Column(title, /* right= */ true, Integer.MAX_VALUE);
    }
  }

  Table(Column... columns) {
    this.columns = List.of(columns);
  }

  Table row(String... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " cells, got " + Arrays.toString(cells));
    }
    rows.add(cells.clone());
    return this;
  }

  void print(PrintStream out, String indent) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      int width = columns.get(c).title().length();
      for (String[] row : rows) {
        width = Math.max(width, row[c].length());
      }
      widths[c] = Math.min(width, Math.max(columns.get(c).maxWidth(), ELLIPSIS.length() + 1));
    }
    String[] titles = columns.stream().map(Column::title).toArray(String[]::new);
    out.println(indent + line(titles, widths));
    String[] rules = new String[widths.length];
    for (int c = 0; c < widths.length; c++) {
      rules[c] = "-".repeat(widths[c]);
    }
    out.println(indent + line(rules, widths));
    for (String[] row : rows) {
      out.println(indent + line(row, widths));
    }
  }

  private String line(String[] cells, int[] widths) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = fit(cells[c], widths[c]);
      String pad = " ".repeat(widths[c] - cell.length());
      if (c > 0) {
        s.append(GAP);
      }
      s.append(columns.get(c).right() ? pad + cell : cell + pad);
    }
    return s.toString().stripTrailing();
  }

  private static String fit(String cell, int width) {
    return cell.length() <= width ? cell : cell.substring(0, width - ELLIPSIS.length()) + ELLIPSIS;
  }
}

package io.github.docuelevate.onedrive.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns, for terminals and logs. */
final class SummaryTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  SummaryTable(String... header) {
    this.columns = header.length;
    rows.add(header.clone());
  }

  /** Adds a row; missing cells are empty. */
  void row(String... cells) {
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = i < cells.length ? cells[i] : "";
    }
    rows.add(row);
  }

  /** Returns the table's lines: the header, a rule, then the rows. */
  List<String> lines() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      lines.add(format(rows.get(r), widths));
      if (r == 0) {
        String[] rule = new String[columns];
        for (int i = 0; i < columns; i++) {
          rule[i] = "-".repeat(widths[i]);
        }
        lines.add(format(rule, widths));
      }
    }
    return lines;
  }

  private static String format(String[] row, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(row[i]);
      if (i < row.length - 1) {
        line.append(" ".repeat(widths[i] - row[i].length()));
      }
    }
    return line.toString().stripTrailing();
  }
}

package dev.certkeeper.cli.report;

import java.util.ArrayList;
import java.util.List;

/** Plain-text layout in the manner of {@code kubectl describe}: headings, aligned fields and tables. */
final class TextWriter {
  private static final int LABEL_WIDTH = 22;
  private static final String NONE = "<none>";

  private final StringBuilder out = new StringBuilder();

  /** A line at the left margin, after a blank line unless it is the first. */
  TextWriter heading(String text) {
    if (!out.isEmpty()) {
      out.append('\n');
    }
    out.append(text).append('\n');
    return this;
  }

  /** An indented "Label: value" line, values aligned; a null or empty value writes &lt;none&gt;. */
  TextWriter field(String label, String value) {
    String shown = value == null || value.isEmpty() ? NONE : oneLine(value);
    out.append("  ").append(pad(label + ":", LABEL_WIDTH)).append(shown).append('\n');
    return this;
  }

  /** A field written only when the value is there. */
  TextWriter fieldIfPresent(String label, String value) {
    return value == null || value.isEmpty() ? this : field(label, value);
  }

  /** A field listing the values, comma-separated, written only when there are some. */
  TextWriter listIfPresent(String label, List<String> values) {
    return values == null || values.isEmpty() ? this : field(label, String.join(", ", values));
  }

  /**
   * A labelled table under the fields: header and rows with aligned columns, the last one as wide
   * as it needs; "Label: &lt;none&gt;" when there are no rows.
   */
  TextWriter table(String label, List<String> header, List<List<String>> rows) {
    if (rows.isEmpty()) {
      return field(label, null);
    }
    out.append("  ").append(label).append(":\n");
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    rows.forEach(row -> all.add(row.stream().map(cell -> cell == null ? "" : oneLine(cell)).toList()));
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size() - 1; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder("    ");
      for (int i = 0; i < row.size(); i++) {
        line.append(i < row.size() - 1 ? pad(row.get(i), widths[i] + 2) : row.get(i));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}

package dev.certkeeper.ingressshim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Annotation values read (and quoted in messages) the way cert-manager's Go code does, so an
 * Ingress means the same to certkeeper as it did to cert-manager.
 */
final class GoValues {
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private GoValues() {}

  /** A string as Go's {@code %q} prints it, which is how cert-manager quotes values in its messages. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Go's {@code strconv.ParseBool}: empty when the text is not one of its spellings of true or false. */
  static Optional<Boolean> parseBool(String text) {
    return TRUE.contains(text) ? Optional.of(true) : FALSE.contains(text) ? Optional.of(false) : Optional.empty();
  }

  /**
   * One record of CSV as Go's {@code encoding/csv} reads it with its defaults (cert-manager's
   * {@code SplitWithEscapeCSV}): fields separated by commas, a field starting with a quote may hold
   * commas and doubled quotes, blank lines are skipped, and anything but exactly one record is refused.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  static List<String> splitCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    String lines = text.replace("\r\n", "\n");
    // Go drops a carriage return that ends the text.
    Csv csv = new Csv(lines.endsWith("\r") ? lines.substring(0, lines.length() - 1) : lines);
    while (csv.skipBlankLines()) {
      records.add(csv.record());
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no values found");
    }
    if (records.size() > 1) {
      throw new IllegalArgumentException("it holds " + records.size() + " lines of CSV where one is expected");
    }
    return records.get(0);
  }

  /** A cursor over CSV text whose line ends are already {@code \n}. */
  private static final class Csv {
    private final String text;
    private int at;

    Csv(String text) {
      this.text = text;
    }

    /** Moves past empty lines; false at the end of the text. */
    boolean skipBlankLines() {
      while (at < text.length() && text.charAt(at) == '\n') {
        at++;
      }
      return at < text.length();
    }

    List<String> record() {
      List<String> fields = new ArrayList<>();
      while (true) {
        fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : bare());
        if (at >= text.length() || text.charAt(at) == '\n') {
          at++;
          return fields;
        }
        at++; // the comma
      }
    }

    private String bare() {
      int end = at;
      while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\n') {
        end++;
      }
      String field = text.substring(at, end);
      if (field.contains("\"")) {
        throw new IllegalArgumentException("bare \" in non-quoted field " + quote(field));
      }
      at = end;
      return field;
    }

    private String quoted() {
      StringBuilder field = new StringBuilder();
      at++;
      while (true) {
        int quote = text.indexOf('"', at);
        if (quote < 0) {
          throw new IllegalArgumentException("extraneous or missing \" in quoted field: the closing quote is missing");
        }
        field.append(text, at, quote);
        at = quote + 1;
        if (at < text.length() && text.charAt(at) == '"') {
          field.append('"');
          at++;
        } else if (at >= text.length() || text.charAt(at) == ',' || text.charAt(at) == '\n') {
          return field.toString();
        } else {
          throw new IllegalArgumentException("extraneous or missing \" in quoted field " + quote(field.toString()) + ": a closing quote must be followed by a comma");
        }
      }
    }
  }
}

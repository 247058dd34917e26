package dev.certkeeper.certificates.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Values formatted the way cert-manager's Go code prints them into messages, so certkeeper's
 * messages read exactly like cert-manager's to the people and alerts that match on them.
 */
final class GoText {
  // Go's time.RFC1123 ("Mon, 02 Jan 2006 15:04:05 MST") for a UTC time; Java's RFC_1123 differs
  // (no zero padding of the day, "GMT").
  private static final DateTimeFormatter RFC1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  // Go's Time.String() for a whole-second UTC time, which is how %s prints a metav1.Time.
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private GoText() {}

  /** A list as Go's %v prints a []string: {@code [a b c]}. */
  static String list(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  /** A string as Go's %q prints it. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String rfc1123(Instant time) {
    return RFC1123.format(time);
  }

  static String time(Instant time) {
    return TIME.format(time);
  }
}

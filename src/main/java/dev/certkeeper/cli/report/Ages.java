package dev.certkeeper.cli.report;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times as kubectl shows them: short ages such as 45s, 5m30s, 3h, 2d4h, 400d. */
public final class Ages {
  private Ages() {}

  /** The age of an RFC 3339 time at {@code now}, "" when there is no time. */
  public static String since(String time, Instant now) {
    Instant instant = parse(time);
    return instant == null ? "" : human(Duration.between(instant, now));
  }

  /** "in 29d" for a time ahead of {@code now}, "3d ago" for one behind it, "" when there is no time. */
  public static String relative(String time, Instant now) {
    Instant instant = parse(time);
    if (instant == null) {
      return "";
    }
    Duration offset = Duration.between(now, instant);
    return offset.isNegative() ? human(offset.negated()) + " ago" : "in " + human(offset);
  }

  /** A duration in kubectl's style: the more distant, the coarser. Negative durations read as 0s. */
  public static String human(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    long minutes = seconds / 60;
    long hours = minutes / 60;
    long days = hours / 24;
    if (seconds < 120) {
      return seconds + "s";
    }
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (days < 8) {
      return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    return years < 8 && days % 365 != 0 ? years + "y" + days % 365 + "d" : years + "y";
  }

  /** The instant of an RFC 3339 time, or null when it is absent or unreadable. */
  static Instant parse(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

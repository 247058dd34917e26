package dev.certkeeper.certificates.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week), as
 * cert-manager's renewal windows take them: {@code *}, lists, ranges, steps, month and weekday
 * names, {@code 7} for Sunday, and the descriptors {@code @yearly}, {@code @monthly},
 * {@code @weekly}, {@code @daily} and {@code @hourly}. As in Vixie cron, when both day fields are
 * restricted a day matches either of them.
 */
public final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Days searched for the next start: more than the longest gap between two runs of any expression (a 29 February). */
  private static final int SEARCH_DAYS = 366 * 8 + 2;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, boolean anyDayOfMonth, boolean anyDayOfWeek) {
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /** Parses an expression; the exception's message says which field is wrong and why. */
  public static CronSchedule parse(String expression) {
    String text = expression == null ? "" : expression.trim();
    text = DESCRIPTORS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    String[] fields = text.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("cron expression \"" + expression + "\" must have 5 fields (minute hour day-of-month month day-of-week), it has "
          + (text.isEmpty() ? 0 : fields.length));
    }
    BitSet daysOfWeek = field("day-of-week", fields[4], 0, 7, WEEKDAYS, 0);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0); // 7 is Sunday too
    }
    return new CronSchedule(
        field("minute", fields[0], 0, 59, List.of(), 0),
        field("hour", fields[1], 0, 23, List.of(), 0),
        field("day-of-month", fields[2], 1, 31, List.of(), 0),
        field("month", fields[3], 1, 12, MONTHS, 1),
        daysOfWeek,
        fields[2].startsWith("*") || fields[2].equals("?"),
        fields[4].startsWith("*") || fields[4].equals("?"));
  }

  /** The first start at or after {@code from}, in the time zone; empty if none within eight years (say, 30 February). */
  public Optional<ZonedDateTime> nextAtOrAfter(ZonedDateTime from) {
    ZoneId zone = from.getZone();
    LocalDateTime start = from.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
    if (start.isBefore(from.toLocalDateTime())) {
      start = start.plusMinutes(1);
    }
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
      if (!matches(day)) {
        continue;
      }
      LocalTime earliest = day.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIDNIGHT;
      for (int hour = hours.nextSetBit(earliest.getHour()); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
        int fromMinute = hour == earliest.getHour() ? earliest.getMinute() : 0;
        int minute = minutes.nextSetBit(fromMinute);
        if (minute >= 0) {
          ZonedDateTime at = day.atTime(hour, minute).atZone(zone);
          // A start inside a daylight-saving gap moves forward; never report one before `from`.
          if (!at.isBefore(from)) {
            return Optional.of(at);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    return anyDayOfMonth || anyDayOfWeek ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
  }

  private static BitSet field(String name, String text, int min, int max, List<String> names, int firstName) {
    BitSet values = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(name, part.substring(slash + 1), 1, max, List.of(), 0);
      }
      int low;
      int high;
      if (range.equals("*") || range.equals("?")) {
        low = min;
        high = max;
      } else if (range.contains("-")) {
        String[] bounds = range.split("-", 2);
        low = number(name, bounds[0], min, max, names, firstName);
        high = number(name, bounds[1], min, max, names, firstName);
        if (low > high) {
          throw new IllegalArgumentException(name + " range \"" + range + "\" starts after it ends");
        }
      } else {
        low = number(name, range, min, max, names, firstName);
        high = slash >= 0 ? max : low;
      }
      for (int v = low; v <= high; v += step) {
        values.set(v);
      }
    }
    return values;
  }

  private static int number(String name, String text, int min, int max, List<String> names, int firstName) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return index + firstName;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " value " + value + " is outside " + min + "-" + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " \"" + text + "\" is not a number" + (names.isEmpty() ? "" : " or a name such as " + names.get(0)), e);
    }
  }
}

package dev.certkeeper.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeats of one Event (same object, type, reason and message) within ten minutes of the last,
 * merged into the first as client-go's recorder merges cert-manager's: its count and last time
 * grow, so {@code kubectl describe} shows one line "(x12 over 40m)" instead of twelve. Kept in
 * memory for the most recent series only; after a restart a repeat starts a new Event, as
 * client-go's does.
 */
final class EventSeries {
  static final Duration WINDOW = Duration.ofMinutes(10);
  private static final int REMEMBERED = 4096;

  /** What makes two Events one series. */
  record Key(String namespace, String uid, String type, String reason, String message) {}

  /** One series: the Event written for it (null until then), how often it happened, and when last. */
  static final class Series {
    String eventName;
    int count;
    Instant last;

    /** Whether an Event at {@code now} repeats this series' Event rather than starting a new one. */
    boolean continuesAt(Instant now) {
      return eventName != null && last != null && Duration.between(last, now).compareTo(WINDOW) < 0;
    }
  }

  private final Map<Key, Series> series =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Series> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** The series an Event belongs to; writers of one series hold its lock, so a repeat waits for the first write's name. */
  synchronized Series of(Key key) {
    return series.computeIfAbsent(key, k -> new Series());
  }
}

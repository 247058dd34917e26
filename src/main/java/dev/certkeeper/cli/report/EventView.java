package dev.certkeeper.cli.report;

import io.fabric8.kubernetes.api.model.Event;
import java.util.Comparator;
import java.util.List;

/** One Kubernetes Event about an object, as {@code kubectl describe} lists it. */
public record EventView(String type, String reason, String message, Integer count, String lastSeen, String from) {
  /** How many Events of one object are shown: the most recent ones. */
  static final int RECENT = 10;

  /** The Event's fields, with the time it was last seen from whichever timestamp it carries. */
  public static EventView of(Event event) {
    String from = event.getSource() != null && event.getSource().getComponent() != null
        ? event.getSource().getComponent()
        : event.getReportingComponent();
    return new EventView(event.getType(), event.getReason(), event.getMessage(), event.getCount(), lastSeen(event), from);
  }

  /** The Events about the object with this uid, oldest first, at most the {@link #RECENT} latest. */
  public static List<EventView> about(String uid, List<Event> events) {
    List<EventView> views = events.stream()
        .filter(e -> e.getInvolvedObject() != null && uid != null && uid.equals(e.getInvolvedObject().getUid()))
        .sorted(Comparator.comparing((Event e) -> Ages.parse(lastSeen(e)), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(EventView::writeOrder))
        .map(EventView::of)
        .toList();
    return views.size() <= RECENT ? views : views.subList(views.size() - RECENT, views.size());
  }

  /**
   * Orders Events recorded within the same second, as timestamps have only seconds: the
   * resourceVersion, which the API server promises nothing about but which grows with each write
   * on etcd; 0 when it is not a number.
   */
  private static long writeOrder(Event event) {
    String version = event.getMetadata() == null ? null : event.getMetadata().getResourceVersion();
    return version != null && version.matches("\\d{1,18}") ? Long.parseLong(version) : 0;
  }

  private static String lastSeen(Event event) {
    if (event.getLastTimestamp() != null) {
      return event.getLastTimestamp();
    }
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return event.getEventTime().getTime();
    }
    return event.getFirstTimestamp() != null ? event.getFirstTimestamp() : event.getMetadata().getCreationTimestamp();
  }
}

package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventViewTest {
  @Test
  void keepsTheLatestEventsOfTheObjectOldestFirst() {
    List<Event> events = IntStream.rangeClosed(1, 12)
        .mapToObj(i -> ChainSamples.event("cert-uid", "Normal", "R" + i, "m", String.format("2026-12-05T11:%02d:00Z", 60 - i)))
        .toList();

    List<EventView> views = EventView.about("cert-uid", events);

    assertThat(views).hasSize(EventView.RECENT);
    assertThat(views).extracting(EventView::reason).startsWith("R10").endsWith("R1");
  }

  @Test
  void ordersEventsOfTheSameSecondByWhenTheyWereWritten() {
    Event later = ChainSamples.event("u", "Normal", "Second", "m", "2026-12-05T11:00:00Z");
    later.getMetadata().setResourceVersion("1200");
    Event earlier = ChainSamples.event("u", "Normal", "First", "m", "2026-12-05T11:00:00Z");
    earlier.getMetadata().setResourceVersion("990");

    assertThat(EventView.about("u", List.of(later, earlier))).extracting(EventView::reason).containsExactly("First", "Second");
  }

  @Test
  void seesAnEventAtWhicheverTimeItCarries() {
    Event withEventTime = Manifests.typed(
        "apiVersion: v1\nkind: Event\nmetadata: {name: e, namespace: apps}\ninvolvedObject: {uid: u}\neventTime: '2026-12-05T11:00:00.123456Z'\n"
            + "reportingComponent: kubelet\n", Event.class);
    Event withFirstOnly = Manifests.typed(
        "apiVersion: v1\nkind: Event\nmetadata: {name: e, namespace: apps}\ninvolvedObject: {uid: u}\nfirstTimestamp: '2026-12-05T10:00:00Z'\n", Event.class);

    assertThat(EventView.of(withEventTime).lastSeen()).isEqualTo("2026-12-05T11:00:00.123456Z");
    assertThat(EventView.of(withEventTime).from()).isEqualTo("kubelet");
    assertThat(EventView.of(withFirstOnly).lastSeen()).isEqualTo("2026-12-05T10:00:00Z");
    assertThat(EventView.about("u", List.of(withEventTime, withFirstOnly))).extracting(EventView::lastSeen)
        .containsExactly("2026-12-05T10:00:00Z", "2026-12-05T11:00:00.123456Z");
  }
}

package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits a controller wrote, read beside a status that may not show them yet. */
class RecordedWaitsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final ConfigMap ORDER = new ConfigMapBuilder().withNewMetadata().withName("o").withUid("uid-1").endMetadata().build();
  private final RecordedWaits waits = new RecordedWaits();

  @Test
  void aWaitJustWrittenHoldsThoughTheStatusHandedOverDoesNotShowItYet() {
    waits.written(ORDER, "2026-11-23T10:00:10Z");

    assertThat(waits.remaining(ORDER, null, NOW)).contains(Duration.ofSeconds(10));
  }

  @Test
  void theLaterOfTheStatusAndTheWrittenWaitHolds() {
    waits.written(ORDER, "2026-11-23T10:00:10Z");

    assertThat(waits.remaining(ORDER, "2026-11-23T10:01:00Z", NOW)).contains(Duration.ofMinutes(1));
    assertThat(waits.remaining(ORDER, "2026-11-23T10:00:05Z", NOW)).contains(Duration.ofSeconds(10));
  }

  @Test
  void aWaitOverOrClearedHoldsNoLonger() {
    waits.written(ORDER, "2026-11-23T10:00:10Z");
    assertThat(waits.remaining(ORDER, null, NOW.plusSeconds(10))).isEmpty();

    waits.written(ORDER, "2026-11-23T10:00:10Z");
    waits.written(ORDER, null);
    assertThat(waits.remaining(ORDER, null, NOW)).as("the CA answered since").isEqualTo(Optional.empty());
  }
}

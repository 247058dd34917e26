package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T09:00:00.700Z");
  private static final Instant T1 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void addsAMissingConditionStampedNow() {
    List<Condition> out = Conditions.set(null, "Ready", ConditionStatus.FALSE, "DoesNotExist", "no Secret", 3L, T0);
    assertThat(out).containsExactly(new Condition("Ready", ConditionStatus.FALSE, "2026-11-23T09:00:00Z", "DoesNotExist", "no Secret", 3L));
  }

  @Test
  void keepsTransitionTimeWhileStatusStaysTheSame() {
    List<Condition> first = Conditions.set(List.of(), "Ready", ConditionStatus.FALSE, "DoesNotExist", "no Secret", 1L, T0);
    List<Condition> second = Conditions.set(first, "Ready", ConditionStatus.FALSE, "Pending", "waiting", 2L, T1);
    assertThat(second).singleElement().satisfies(c -> {
      assertThat(c.lastTransitionTime()).isEqualTo("2026-11-23T09:00:00Z");
      assertThat(c.reason()).isEqualTo("Pending");
      assertThat(c.observedGeneration()).isEqualTo(2L);
    });
  }

  @Test
  void movesTransitionTimeWhenStatusChanges() {
    List<Condition> first = Conditions.set(List.of(), "Ready", ConditionStatus.FALSE, "DoesNotExist", "no Secret", 1L, T0);
    List<Condition> second = Conditions.set(first, "Ready", ConditionStatus.TRUE, "Ready", "ok", 1L, T1);
    assertThat(second).singleElement().extracting(Condition::lastTransitionTime).isEqualTo("2026-11-23T10:00:00Z");
  }

  @Test
  void leavesOtherTypesAloneAndRemovesByType() {
    List<Condition> both =
        Conditions.set(
            Conditions.set(List.of(), "Ready", ConditionStatus.FALSE, "a", "a", 1L, T0), "Issuing", ConditionStatus.TRUE, "b", "b", 1L, T0);
    assertThat(both).extracting(Condition::type).containsExactly("Ready", "Issuing");
    assertThat(Conditions.isTrue(both, "Issuing")).isTrue();
    assertThat(Conditions.remove(both, "Issuing")).extracting(Condition::type).containsExactly("Ready");
    assertThat(Conditions.find(both, "Approved")).isEmpty();
  }
}

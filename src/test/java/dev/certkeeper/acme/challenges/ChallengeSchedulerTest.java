package dev.certkeeper.acme.challenges;

import static dev.certkeeper.acme.challenges.ChallengeScheduleTest.presented;
import static dev.certkeeper.acme.challenges.ChallengeScheduleTest.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.acme.Challenge;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeSchedulerTest {
  private final List<ResourceID> woken = new ArrayList<>();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

  private ChallengeScheduler scheduler(int limit) {
    ChallengeScheduler scheduler = new ChallengeScheduler(limit, clock);
    AbstractEventSource<Void, Challenge> wakeups = (AbstractEventSource<Void, Challenge>) scheduler.wakeups();
    wakeups.setEventHandler(event -> woken.add(((Event) event).getRelatedCustomResourceID()));
    wakeups.start();
    return scheduler;
  }

  @Test
  void neverAdmitsMoreThanTheLimitBeforeTheStatusesShowTheAdmissions() {
    ChallengeScheduler scheduler = scheduler(1);
    Challenge first = waiting("first", 1, "a.example.com");
    Challenge second = waiting("second", 2, "b.example.com");
    List<Challenge> cached = List.of(first, second);

    assertThat(scheduler.admit(first, () -> cached)).isEmpty();
    assertThat(scheduler.admit(second, () -> cached)).hasValueSatisfying(r -> assertThat(r).startsWith("Waiting for a free place"));
    assertThat(scheduler.admit(first, () -> cached)).as("admitted again on its next pass").isEmpty();
  }

  @Test
  void forgetsAnAdmissionTheCacheNeverShowsSoItsPlaceIsNotHeldForEver() {
    ChallengeScheduler scheduler = scheduler(1);
    Challenge failing = waiting("failing", 1, "a.example.com");
    Challenge next = waiting("next", 2, "b.example.com");
    List<Challenge> cached = List.of(failing, next);
    assertThat(scheduler.admit(failing, () -> cached)).isEmpty();
    assertThat(scheduler.admit(next, () -> cached)).isPresent();

    clock.advance(ChallengeScheduler.ADMISSION_UNSEEN.plusSeconds(1));

    assertThat(scheduler.admit(next, () -> cached)).as("the older one has not asked again since").isEmpty();
  }

  @Test
  void wakesTheOldestWaitingChallengeWhenOneEnds() {
    ChallengeScheduler scheduler = scheduler(1);
    Challenge running = presented("running", 1, "a.example.com");
    Challenge older = waiting("older", 2, "b.example.com");
    Challenge younger = waiting("younger", 3, "c.example.com");
    List<Challenge> cached = List.of(running, older, younger);
    assertThat(scheduler.admit(older, () -> cached)).isPresent();
    assertThat(scheduler.admit(younger, () -> cached)).isPresent();

    // The cache still shows it presented: the scheduler leaves it out.
    scheduler.released(running, () -> cached);

    assertThat(woken).containsExactly(ResourceID.fromResource(older));
    assertThat(scheduler.admit(older, () -> cached)).as("woken before the cache shows the end").isEmpty();
    assertThat(scheduler.admit(younger, () -> cached)).isPresent();
  }

  @Test
  void aChallengeThatWithdrewHoldsUpNobody() {
    ChallengeScheduler scheduler = scheduler(1);
    Challenge running = presented("running", 1, "a.example.com");
    Challenge older = waiting("older", 2, "b.example.com");
    Challenge younger = waiting("younger", 3, "c.example.com");
    List<Challenge> cached = List.of(older, younger);
    assertThat(scheduler.admit(older, () -> List.of(running, older, younger))).isPresent();

    scheduler.withdraw(older);

    assertThat(scheduler.admit(younger, () -> cached)).isEmpty();
  }

  @Test
  void aPassGivenACopyOlderThanTheCacheKeepsItsPlace() {
    ChallengeScheduler scheduler = scheduler(1);
    Challenge first = waiting("first", 1, "a.example.com");
    first.getMetadata().setResourceVersion("10");
    Challenge second = waiting("second", 2, "b.example.com");
    assertThat(scheduler.admit(first, () -> List.of(first, second))).isEmpty();
    // The cache has the pass's own write (presented); the next pass is handed the copy from before it.
    Challenge firstPresented = presented("first", 1, "a.example.com");
    firstPresented.getMetadata().setResourceVersion("11");
    List<Challenge> cached = List.of(firstPresented, second);

    assertThat(scheduler.admit(first, () -> cached)).as("still in progress, not waiting for itself").isEmpty();
    assertThat(scheduler.admit(second, () -> cached)).hasValueSatisfying(r -> assertThat(r).startsWith("Waiting for a free place"));
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new ChallengeScheduler(0, clock)).hasMessageContaining("at least one challenge");
  }

  /** A clock the test moves on. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

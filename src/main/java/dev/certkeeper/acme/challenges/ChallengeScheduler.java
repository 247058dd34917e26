package dev.certkeeper.acme.challenges;

import dev.certkeeper.api.acme.Challenge;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lets Challenges be solved by {@link ChallengeSchedule}'s rules, and wakes waiting ones as soon as
 * a place frees. The cache lags this process's own writes: a Challenge admitted here is presented
 * and its status written at the end of the pass, and one that ends frees its place before its
 * final status is cached. Both are remembered here until the cache shows them, so passes running
 * side by side never admit more than the limit, and a woken Challenge finds the place free. After
 * a restart the statuses alone tell again which Challenges are in progress.
 */
public final class ChallengeScheduler {
  /** A waiting Challenge looks again this often even without a wake-up, in case one was missed. */
  static final Duration RECHECK = Duration.ofSeconds(30);

  private final int limit;
  private final Set<String> admitted = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Wakeups wakeups = new Wakeups();

  /** @param limit how many Challenges are solved at once (cert-manager's --max-concurrent-challenges) */
  public ChallengeScheduler(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one challenge must be allowed at once, not " + limit);
    }
    this.limit = limit;
  }

  /** The event source through which waiting Challenges are woken; the challenges controller registers it. */
  EventSource<Void, Challenge> wakeups() {
    return wakeups;
  }

  /** Admits the Challenge (empty) or says why it waits; {@code cached} is every Challenge the controller knows. */
  synchronized Optional<String> admit(Challenge challenge, Collection<Challenge> cached) {
    List<Challenge> current = withoutEnded(cached);
    Optional<String> wait = ChallengeSchedule.waitReason(challenge, current, admitted, limit);
    if (wait.isEmpty() && !ChallengeSchedule.inProgress(challenge, Set.of())) {
      admitted.add(challenge.getMetadata().getUid());
    }
    return wait;
  }

  /**
   * The Challenge has ended or is going: wakes those that may take its place. {@code cached} may
   * still show it in progress; it is left out.
   */
  synchronized void released(Challenge challenge, Collection<Challenge> cached) {
    String uid = challenge.getMetadata().getUid();
    admitted.remove(uid);
    ended.add(uid);
    ChallengeSchedule.startable(withoutEnded(cached), admitted, limit).forEach(next -> wakeups.wake(ResourceID.fromResource(next)));
  }

  /**
   * The cached Challenges less those ended here whose final status the cache does not show yet.
   * What the cache has caught up with (an admission it shows presented, an end it shows final or
   * gone) is forgotten.
   */
  private List<Challenge> withoutEnded(Collection<Challenge> cached) {
    Map<String, Challenge> byUid = cached.stream().collect(Collectors.toMap(c -> c.getMetadata().getUid(), Function.identity(), (a, b) -> a));
    admitted.removeIf(uid -> {
      Challenge current = byUid.get(uid);
      return current == null || !ChallengeSchedule.inProgress(current, Set.of(uid)) || ChallengeSchedule.inProgress(current, Set.of());
    });
    ended.removeIf(uid -> byUid.get(uid) == null || !ChallengeSchedule.inProgress(byUid.get(uid), Set.of()));
    return cached.stream().filter(c -> !ended.contains(c.getMetadata().getUid())).toList();
  }

  /** Wakes one Challenge's reconciliation. */
  private static final class Wakeups extends AbstractEventSource<Void, Challenge> {
    Wakeups() {
      super(Void.class, "challenge-wakeups");
    }

    void wake(ResourceID challenge) {
      if (isRunning()) {
        getEventHandler().handleEvent(new Event(challenge));
      }
    }

    @Override
    public Set<Void> getSecondaryResources(Challenge primary) {
      return Set.of();
    }
  }
}

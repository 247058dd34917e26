package dev.certkeeper.acme.challenges;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.kube.StaleCopy;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Lets Challenges be solved by {@link ChallengeSchedule}'s rules, and wakes waiting ones as soon as
 * a place frees. The cache lags this process's own writes: a Challenge admitted here is presented
 * and its status written at the end of the pass, and one that ends frees its place before its
 * final status is cached. Both are remembered here until the cache shows them, so passes running
 * side by side never admit more than the limit, and a woken Challenge finds the place free. Which
 * Challenges asked for a place is remembered too, so only those queue. After a restart the
 * statuses tell again which Challenges are in progress, and waiting ones ask again at their next
 * pass.
 */
public final class ChallengeScheduler {
  /** A waiting Challenge looks again this often even without a wake-up, in case one was missed. */
  static final Duration RECHECK = Duration.ofSeconds(30);
  /**
   * An admission the cache never shows presented (its passes keep failing before the status is
   * written) is forgotten after this; the Challenge asks again at its next pass.
   */
  static final Duration ADMISSION_UNSEEN = Duration.ofMinutes(2);

  private final int limit;
  private final Clock clock;
  private final Map<String, Instant> admitted = new HashMap<>();
  private final Set<String> asking = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private final Wakeups wakeups = new Wakeups();

  /** @param limit how many Challenges are solved at once (cert-manager's --max-concurrent-challenges) */
  public ChallengeScheduler(int limit, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one challenge must be allowed at once, not " + limit);
    }
    this.limit = limit;
    this.clock = clock;
  }

  /** The event source through which waiting Challenges are woken; the challenges controller registers it. */
  EventSource<Void, Challenge> wakeups() {
    return wakeups;
  }

  /**
   * Admits the Challenge (empty) or says why it waits. {@code cache} gives every Challenge the
   * controller knows; it is read under this scheduler's lock, so no pass decides on an older view
   * than the one another pass has already acted on.
   */
  synchronized Optional<String> admit(Challenge given, Supplier<Collection<Challenge>> cache) {
    List<Challenge> current = catchUp(cache.get());
    String uid = given.getMetadata().getUid();
    // The cache, read now, may have moved past the copy the pass holds (its own last status write).
    Challenge challenge = StaleCopy.newest(given, current.stream().filter(c -> uid.equals(c.getMetadata().getUid())).findFirst());
    if (ChallengeSchedule.inProgress(challenge, admitted.keySet())) {
      return Optional.empty();
    }
    asking.add(uid);
    Optional<String> wait = ChallengeSchedule.waitReason(challenge, current, admitted.keySet(), asking, limit);
    if (wait.isEmpty()) {
      asking.remove(uid);
      admitted.put(uid, clock.instant());
    }
    return wait;
  }

  /** The Challenge cannot take a place for now (its issuer is not ready): it leaves the queue until it asks again. */
  synchronized void withdraw(Challenge challenge) {
    asking.remove(challenge.getMetadata().getUid());
  }

  /**
   * The Challenge has ended or is going: wakes those that may take its place. The cache may still
   * show it in progress; it is left out.
   */
  synchronized void released(Challenge challenge, Supplier<Collection<Challenge>> cache) {
    String uid = challenge.getMetadata().getUid();
    admitted.remove(uid);
    asking.remove(uid);
    ended.add(uid);
    ChallengeSchedule.startable(catchUp(cache.get()), admitted.keySet(), asking, limit)
        .forEach(next -> wakeups.wake(ResourceID.fromResource(next)));
  }

  /**
   * The cached Challenges less those ended here whose final status the cache does not show yet.
   * What the cache has caught up with (an admission it shows presented, an end it shows final or
   * gone, an asking Challenge now in progress, final or gone) is forgotten, and so is an admission
   * unseen for {@link #ADMISSION_UNSEEN}.
   */
  private List<Challenge> catchUp(Collection<Challenge> cached) {
    Map<String, Challenge> byUid = cached.stream().collect(Collectors.toMap(c -> c.getMetadata().getUid(), Function.identity(), (a, b) -> a));
    Instant unseenSince = clock.instant().minus(ADMISSION_UNSEEN);
    admitted.entrySet().removeIf(entry -> startedOrGone(byUid.get(entry.getKey())) || entry.getValue().isBefore(unseenSince));
    asking.removeIf(uid -> startedOrGone(byUid.get(uid)));
    ended.removeIf(uid -> byUid.get(uid) == null || !ChallengeSchedule.inProgress(byUid.get(uid), Set.of()));
    return cached.stream().filter(c -> !ended.contains(c.getMetadata().getUid())).toList();
  }

  /** Whether the cache shows the Challenge started (its status says so), final, being deleted or gone: nothing left to remember about it. */
  private static boolean startedOrGone(Challenge cached) {
    return cached == null || !ChallengeSchedule.live(cached) || ChallengeSchedule.started(cached);
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

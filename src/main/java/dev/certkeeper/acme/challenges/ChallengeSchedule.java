package dev.certkeeper.acme.challenges;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which Challenges are solved at once, by cert-manager's scheduling rules: at most a limit
 * ({@code --max-concurrent-challenges}), the oldest first, and never two for the same domain and
 * challenge type (a wildcard and its base name share one DNS-01 record). A Challenge in progress
 * keeps its place until it is final or deleted. Only Challenges that have asked for a place queue
 * for one: one that never asks (of a type certkeeper does not solve, or whose issuer is not ready)
 * holds up nobody.
 */
final class ChallengeSchedule {
  private static final Comparator<Challenge> OLDEST_FIRST =
      Comparator.comparing((Challenge c) -> String.valueOf(c.getMetadata().getCreationTimestamp()))
          .thenComparing(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName());

  private ChallengeSchedule() {}

  /**
   * Whether the Challenge is being solved: presented, accepted at the CA, or admitted by this
   * process (its uid in {@code admitted}) before its status says so.
   */
  static boolean inProgress(Challenge challenge, Set<String> admitted) {
    return live(challenge) && (started(challenge) || admitted.contains(challenge.getMetadata().getUid()));
  }

  /** Whether the Challenge's status says it was presented or accepted at the CA. */
  static boolean started(Challenge challenge) {
    ChallengeStatus status = challenge.getStatus();
    return status != null && (Boolean.TRUE.equals(status.presented()) || Boolean.TRUE.equals(status.processing()));
  }

  /** The Challenges that asked for a place ({@code asking}, by uid) and may start now, oldest first. */
  static List<Challenge> startable(Collection<Challenge> challenges, Set<String> admitted, Set<String> asking, int limit) {
    Set<String> busy = new HashSet<>();
    int running = 0;
    for (Challenge challenge : challenges) {
      if (inProgress(challenge, admitted)) {
        busy.add(key(challenge));
        running++;
      }
    }
    List<Challenge> start = new ArrayList<>();
    for (Challenge challenge : queue(challenges, admitted, asking)) {
      if (running + start.size() >= limit) {
        break;
      }
      if (busy.add(key(challenge))) {
        start.add(challenge);
      }
    }
    return start;
  }

  /**
   * Empty when the Challenge may be solved now; otherwise why it waits, in words for its status.
   * The candidate is one of {@code asking}.
   */
  static Optional<String> waitReason(Challenge candidate, Collection<Challenge> challenges, Set<String> admitted, Set<String> asking, int limit) {
    String uid = candidate.getMetadata().getUid();
    if (inProgress(candidate, admitted)
        || startable(challenges, admitted, asking, limit).stream().anyMatch(c -> uid.equals(c.getMetadata().getUid()))) {
      return Optional.empty();
    }
    List<Challenge> running = challenges.stream().filter(c -> inProgress(c, admitted)).toList();
    Optional<Challenge> sameDomain =
        running.stream().filter(c -> key(c).equals(key(candidate))).findFirst()
            .or(() -> queue(challenges, admitted, asking).stream()
                .filter(c -> !uid.equals(c.getMetadata().getUid()) && key(c).equals(key(candidate)) && OLDEST_FIRST.compare(c, candidate) < 0)
                .findFirst());
    if (sameDomain.isPresent()) {
      Challenge other = sameDomain.get();
      return Optional.of(
          "Waiting for Challenge \"" + other.getMetadata().getNamespace() + "/" + other.getMetadata().getName() + "\" for the same domain ("
              + candidate.getSpec().dnsName() + ") to finish: two challenges for one domain are never solved at once");
    }
    if (running.size() >= limit) {
      // No live count in the text: it would rewrite the status at every change of the count.
      return Optional.of(
          "Waiting for a free place: " + limit + (limit == 1 ? " challenge is" : " challenges are")
              + " being solved, the most allowed at once (--max-concurrent-challenges)");
    }
    return Optional.of("Waiting for older challenges to start first: at most " + limit + " are solved at once (--max-concurrent-challenges)");
  }

  /** The Challenges waiting for a place, oldest first. */
  private static List<Challenge> queue(Collection<Challenge> challenges, Set<String> admitted, Set<String> asking) {
    return challenges.stream()
        .filter(c -> live(c) && !inProgress(c, admitted) && asking.contains(c.getMetadata().getUid()))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  /** Challenges for the same name and type are never solved together. */
  private static String key(Challenge challenge) {
    return challenge.getSpec().type() + "/" + challenge.getSpec().dnsName().toLowerCase(Locale.ROOT);
  }

  /** Neither final nor being deleted. */
  static boolean live(Challenge challenge) {
    return !ChallengeStatus.isFinal(challenge.getStatus()) && challenge.getMetadata().getDeletionTimestamp() == null;
  }
}

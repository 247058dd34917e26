package dev.certkeeper.kube;

import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionEntry;
import dev.certkeeper.api.meta.ConditionStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Condition lists as cert-manager keeps them: one entry per type, and {@code lastTransitionTime}
 * changes only when the status changes, so it tells when things last changed, not when the
 * controller last looked.
 */
public final class Conditions {
  private Conditions() {}

  /** The list with the condition of this type set to the given values. */
  public static List<Condition> set(
      List<Condition> conditions, String type, ConditionStatus status, String reason, String message, Long generation, Instant now) {
    return upsert(conditions, type, status, now, since -> new Condition(type, status, since, reason, message, generation));
  }

  /**
   * The list with the condition of this type replaced (or added) by {@code create}, which is given
   * the transition time to use: the old one if the status is unchanged, else now.
   */
  public static <C extends ConditionEntry> List<C> upsert(
      List<C> conditions, String type, ConditionStatus status, Instant now, Function<String, C> create) {
    List<C> out = new ArrayList<>();
    boolean replaced = false;
    for (C existing : conditions == null ? List.<C>of() : conditions) {
      if (existing.type().equals(type)) {
        boolean unchanged = existing.status() == status && existing.lastTransitionTime() != null;
        out.add(create.apply(unchanged ? existing.lastTransitionTime() : timestamp(now)));
        replaced = true;
      } else {
        out.add(existing);
      }
    }
    if (!replaced) {
      out.add(create.apply(timestamp(now)));
    }
    return List.copyOf(out);
  }

  /** The list without any condition of this type. */
  public static <C extends ConditionEntry> List<C> remove(List<C> conditions, String type) {
    return conditions == null ? List.of() : conditions.stream().filter(c -> !c.type().equals(type)).toList();
  }

  /** The condition of this type, if present. */
  public static <C extends ConditionEntry> Optional<C> find(List<C> conditions, String type) {
    return conditions == null ? Optional.empty() : conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  /** True when the condition of this type is present with status True. */
  public static <C extends ConditionEntry> boolean isTrue(List<C> conditions, String type) {
    return find(conditions, type).map(c -> c.status() == ConditionStatus.TRUE).orElse(false);
  }

  /** An RFC 3339 UTC time with second precision, as Kubernetes writes times. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}

package dev.certkeeper.api.meta;

/** What every condition record has: a type, a status and when that status last changed. */
public interface ConditionEntry {
  /** The condition type, such as Ready. */
  String type();

  /** True, False or Unknown. */
  ConditionStatus status();

  /** When the status last changed (RFC 3339). */
  String lastTransitionTime();
}

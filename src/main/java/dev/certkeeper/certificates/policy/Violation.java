package dev.certkeeper.certificates.policy;

import java.util.Objects;

/** A failed check: the condition reason and the message a user reads in {@code kubectl describe}. */
public record Violation(String reason, String message) {
  public Violation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}

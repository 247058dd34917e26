package dev.certkeeper.certificates.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A named, ordered list of checks; the first violation wins and the rest are not evaluated. */
public record PolicyChain(String name, List<PolicyCheck> checks) {
  public PolicyChain {
    Objects.requireNonNull(name, "name");
    checks = List.copyOf(checks);
  }

  /** The first violation of the input, or empty when every check holds. */
  public Optional<Violation> evaluate(PolicyInput input) {
    for (PolicyCheck check : checks) {
      Optional<Violation> violation = check.check(input);
      if (violation.isPresent()) {
        return violation;
      }
    }
    return Optional.empty();
  }
}

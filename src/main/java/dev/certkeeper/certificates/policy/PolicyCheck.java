package dev.certkeeper.certificates.policy;

import java.util.Optional;

/** One rule over a {@link PolicyInput}: empty when it holds, otherwise the violation. */
@FunctionalInterface
public interface PolicyCheck {
  Optional<Violation> check(PolicyInput input);
}

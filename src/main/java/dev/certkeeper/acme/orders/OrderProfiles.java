package dev.certkeeper.acme.orders;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the CA offers the profile an Order asks for. The CA's directory lists its profiles
 * (draft-ietf-acme-profiles), and acme4j refuses to send any other, so an unknown profile never
 * reaches the CA: this says why, naming the profile and what the directory offers, so the order can
 * fail for good instead of the request going out and being refused again and again.
 */
final class OrderProfiles {
  private OrderProfiles() {}

  /** Why the CA would not take an order for {@code profile}, given the profiles its directory lists; empty when it would. */
  static Optional<String> refusal(String profile, Set<String> offered) {
    if (profile == null || profile.isEmpty() || offered.contains(profile)) {
      return Optional.empty();
    }
    if (offered.isEmpty()) {
      return Optional.of("profile \"" + profile + "\" is not offered: the ACME server's directory lists no profiles");
    }
    return Optional.of("profile \"" + profile + "\" is not offered: the ACME server's directory lists only " + String.join(", ", new TreeSet<>(offered)));
  }
}

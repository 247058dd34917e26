package dev.certkeeper.acme.solvers;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the solver choice for one ACME authorization depends on.
 *
 * @param issuerKind Issuer or ClusterIssuer, for the message when nothing matches
 * @param issuerName the issuer's name, for the same message
 * @param solvers the issuer's {@code spec.acme.solvers}, in order
 * @param labels the Order's labels (the Certificate's), which {@code selector.matchLabels} is matched against
 * @param identifier the authorization's identifier as ACME gives it: a DNS name without {@code *.}, or an IP address
 * @param wildcard whether the authorization is for {@code *.<identifier>}
 * @param offeredTypes the challenge types the CA offers for it, as ACME spells them ({@code http-01}, {@code dns-01})
 */
public record SolverQuery(
    String issuerKind,
    String issuerName,
    List<AcmeChallengeSolver> solvers,
    Map<String, String> labels,
    String identifier,
    boolean wildcard,
    Set<String> offeredTypes) {

  /** The name the selectors compare: {@code *.<identifier>} for a wildcard authorization. */
  String nameToMatch() {
    return wildcard ? "*." + identifier : identifier;
  }
}

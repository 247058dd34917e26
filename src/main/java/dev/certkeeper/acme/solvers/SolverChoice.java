package dev.certkeeper.acme.solvers;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.ChallengeSpec;

/** The outcome of choosing a solver for one authorization: a solver, or why there is none. */
public sealed interface SolverChoice permits SolverChoice.Chosen, SolverChoice.NoMatch {

  /**
   * The solver to use.
   *
   * @param solver the issuer's solver, as configured (override annotations not applied yet)
   * @param index its position in {@code spec.acme.solvers}
   * @param type the challenge type it solves, which names the CA's challenge to answer
   */
  record Chosen(AcmeChallengeSolver solver, int index, ChallengeSpec.Type type) implements SolverChoice {}

  /** No solver fits; {@code reason} names the issuer, the identifier and why each solver was passed over. */
  record NoMatch(String reason) implements SolverChoice {}
}

package dev.certkeeper.acme.http01;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.Http01GatewayHttpRouteSolver;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.Http01Solver;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Challenge fixtures for the HTTP-01 tests. */
final class Challenges {
  static final String TOKEN = ChallengeInputsTest.TOKEN;
  static final String KEY = ChallengeInputsTest.KEY;

  private Challenges() {}

  static Http01IngressSolver ingressClassName(String className) {
    return new Http01IngressSolver(null, className, null, null, null, null);
  }

  static Challenge challenge(String dnsName, Http01IngressSolver solver) {
    return challenge(dnsName, new Http01Solver(solver, null));
  }

  static Challenge challenge(String dnsName, Http01GatewayHttpRouteSolver solver) {
    return challenge(dnsName, new Http01Solver(null, solver));
  }

  private static Challenge challenge(String dnsName, Http01Solver solver) {
    Challenge challenge = new Challenge();
    challenge.setMetadata(new ObjectMetaBuilder().withNamespace("web").withName("app-7f3c-1234").withUid("uid-1").build());
    challenge.setSpec(new ChallengeSpec(
        "https://ca.example/chal/1",
        "https://ca.example/authz/1",
        dnsName,
        false,
        ChallengeSpec.Type.HTTP_01,
        TOKEN,
        KEY,
        new AcmeChallengeSolver(null, solver, null, null),
        new IssuerReference("letsencrypt", "ClusterIssuer", null)));
    return challenge;
  }
}

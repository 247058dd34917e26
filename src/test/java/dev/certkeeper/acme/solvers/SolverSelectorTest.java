package dev.certkeeper.acme.solvers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.CertificateDnsNameSelector;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.Dns01Solver;
import dev.certkeeper.api.acme.Http01GatewayHttpRouteSolver;
import dev.certkeeper.api.acme.Http01IngressSolver;
import dev.certkeeper.api.acme.Http01Solver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SolverSelectorTest {
  private static final Set<String> BOTH = Set.of("http-01", "dns-01");
  private static final Map<String, String> LABELS = Map.of("team", "web", "env", "prod");

  private static AcmeChallengeSolver http(CertificateDnsNameSelector selector) {
    return new AcmeChallengeSolver(selector, new Http01Solver(new Http01IngressSolver(null, "nginx", null, null, null, null), null), null, null);
  }

  private static AcmeChallengeSolver gateway() {
    return new AcmeChallengeSolver(null, new Http01Solver(null, new Http01GatewayHttpRouteSolver(null, null, List.of(), null)), null, null);
  }

  private static AcmeChallengeSolver dns(CertificateDnsNameSelector selector) {
    return new AcmeChallengeSolver(selector, null, new Dns01Solver(null, null, null, null, null, null, null, null, null, null, null), null);
  }

  private static CertificateDnsNameSelector names(String... dnsNames) {
    return new CertificateDnsNameSelector(null, List.of(dnsNames), null);
  }

  private static CertificateDnsNameSelector zones(String... dnsZones) {
    return new CertificateDnsNameSelector(null, null, List.of(dnsZones));
  }

  private static CertificateDnsNameSelector labels(String... keyValues) {
    Map<String, String> labels = new java.util.HashMap<>();
    for (String kv : keyValues) {
      labels.put(kv.split("=")[0], kv.split("=")[1]);
    }
    return new CertificateDnsNameSelector(labels, null, null);
  }

  private static SolverChoice select(String identifier, boolean wildcard, Set<String> offered, AcmeChallengeSolver... solvers) {
    return SolverSelector.select(new SolverQuery("ClusterIssuer", "letsencrypt", Arrays.asList(solvers), LABELS, identifier, wildcard, offered));
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("a solver without selector is the default", "a.example.com", false,
            new AcmeChallengeSolver[] {http(null)}, 0),
        Arguments.of("on a tie the earlier solver wins", "a.example.com", false,
            new AcmeChallengeSolver[] {http(null), dns(null)}, 0),
        Arguments.of("any matching selector beats no selector, whatever the order", "a.example.com", false,
            new AcmeChallengeSolver[] {http(null), dns(labels("team=web"))}, 1),
        Arguments.of("an empty selector ties with no selector", "a.example.com", false,
            new AcmeChallengeSolver[] {http(null), dns(new CertificateDnsNameSelector(null, null, null))}, 0),
        Arguments.of("an exact dnsNames match beats a zone match", "a.example.com", false,
            new AcmeChallengeSolver[] {dns(zones("a.example.com")), http(names("a.example.com"))}, 1),
        Arguments.of("an exact dnsNames match beats more labels", "a.example.com", false,
            new AcmeChallengeSolver[] {dns(labels("team=web", "env=prod")), http(names("a.example.com"))}, 1),
        Arguments.of("the longest matching zone wins", "a.b.example.com", false,
            new AcmeChallengeSolver[] {dns(zones("example.com")), http(zones("b.example.com")), dns(zones("com"))}, 1),
        Arguments.of("a zone match beats more labels", "a.example.com", false,
            new AcmeChallengeSolver[] {dns(labels("team=web", "env=prod")), http(zones("example.com"))}, 1),
        Arguments.of("with the same zone, more labels win", "a.example.com", false,
            new AcmeChallengeSolver[] {
              dns(zones("example.com")),
              http(new CertificateDnsNameSelector(Map.of("team", "web"), null, List.of("example.com")))}, 1),
        Arguments.of("with dnsNames on both, the zone decides", "a.example.com", false,
            new AcmeChallengeSolver[] {
              dns(names("a.example.com")),
              http(new CertificateDnsNameSelector(null, List.of("a.example.com"), List.of("example.com")))}, 1),
        Arguments.of("with dnsNames and zones equal, labels decide", "a.example.com", false,
            new AcmeChallengeSolver[] {
              dns(names("a.example.com")),
              http(new CertificateDnsNameSelector(Map.of("env", "prod"), List.of("a.example.com"), null))}, 1),
        Arguments.of("the most matchLabels win", "a.example.com", false,
            new AcmeChallengeSolver[] {dns(labels("team=web")), http(labels("team=web", "env=prod"))}, 1),
        Arguments.of("a zone is its own apex", "example.com", false,
            new AcmeChallengeSolver[] {http(null), dns(zones("example.com"))}, 1),
        Arguments.of("zones compare without case or trailing dot", "A.Example.COM", false,
            new AcmeChallengeSolver[] {http(null), dns(zones("example.com."))}, 1),
        Arguments.of("a wildcard is matched by its *. form in dnsNames", "example.com", true,
            new AcmeChallengeSolver[] {dns(names("example.com")), dns(names("*.example.com"))}, 1),
        Arguments.of("a wildcard lies in its parent zone", "example.com", true,
            new AcmeChallengeSolver[] {dns(null), dns(zones("example.com"))}, 1),
        Arguments.of("HTTP-01 is passed over for a wildcard", "example.com", true,
            new AcmeChallengeSolver[] {http(names("*.example.com")), dns(null)}, 1),
        Arguments.of("an IP address is matched by dnsNames literally", "192.0.2.10", false,
            new AcmeChallengeSolver[] {http(null), http(names("192.0.2.10"))}, 1),
        Arguments.of("an IP address lies in no zone", "192.0.2.10", false,
            new AcmeChallengeSolver[] {http(zones("2.10")), http(null)}, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void choosesTheMostSpecificMatchingSolver(String description, String identifier, boolean wildcard, AcmeChallengeSolver[] solvers, int expected) {
    // CAs offer only DNS-01 for a wildcard.
    SolverChoice choice = select(identifier, wildcard, wildcard ? Set.of("dns-01") : BOTH, solvers);
    assertThat(choice).isInstanceOf(SolverChoice.Chosen.class);
    SolverChoice.Chosen chosen = (SolverChoice.Chosen) choice;
    assertThat(chosen.index()).isEqualTo(expected);
    assertThat(chosen.solver()).isSameAs(solvers[expected]);
  }

  @Test
  void aSolverOfATypeTheCaDoesNotOfferIsPassedOverHoweverSpecific() {
    AcmeChallengeSolver fallback = http(null);
    SolverChoice choice = select("a.example.com", false, Set.of("http-01"), dns(names("a.example.com")), fallback);
    assertThat(choice).isEqualTo(new SolverChoice.Chosen(fallback, 1, ChallengeSpec.Type.HTTP_01));
  }

  @Test
  void theChoiceNamesTheChallengeTypeToAnswer() {
    assertThat(select("a.example.com", false, BOTH, http(null))).isEqualTo(new SolverChoice.Chosen(http(null), 0, ChallengeSpec.Type.HTTP_01));
    assertThat(select("a.example.com", false, BOTH, dns(null))).isEqualTo(new SolverChoice.Chosen(dns(null), 0, ChallengeSpec.Type.DNS_01));
  }

  static Stream<Arguments> noMatch() {
    return Stream.of(
        Arguments.of("a label the Order lacks excludes the solver", "a.example.com", false, BOTH,
            new AcmeChallengeSolver[] {http(labels("team=web", "tier=edge"))},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.example.com; solvers: [0] http01: matchLabels needs tier=edge but the Order has no such label"),
        Arguments.of("a label with another value excludes the solver", "a.example.com", false, BOTH,
            new AcmeChallengeSolver[] {http(labels("env=staging"))},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.example.com; solvers: [0] http01: matchLabels needs env=staging but the Order has env=prod"),
        Arguments.of("dnsNames that do not list the name exclude the solver, even with a matching zone", "a.example.com", false, BOTH,
            new AcmeChallengeSolver[] {http(new CertificateDnsNameSelector(null, List.of("b.example.com"), List.of("example.com")))},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.example.com; solvers: [0] http01: dnsNames [b.example.com] do not list a.example.com"),
        Arguments.of("a zone is not matched by a name that merely ends alike", "a.notexample.com", false, BOTH,
            new AcmeChallengeSolver[] {dns(zones("example.com"))},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.notexample.com; solvers: [0] dns01: dnsZones [example.com] do not contain a.notexample.com"),
        Arguments.of("a wildcard is not listed by its parent name", "example.com", true, Set.of("dns-01"),
            new AcmeChallengeSolver[] {dns(names("example.com")), http(null)},
            "no solver in ClusterIssuer letsencrypt matches dnsName *.example.com; solvers: [0] dns01: dnsNames [example.com] do not list *.example.com;"
                + " [1] http01: HTTP-01 cannot validate a wildcard name"),
        Arguments.of("the CA's offer decides", "a.example.com", false, Set.of("tls-alpn-01"),
            new AcmeChallengeSolver[] {http(null)},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.example.com; solvers: [0] http01: the CA does not offer http-01 for this name (it offers tls-alpn-01)"),
        Arguments.of("DNS-01 cannot validate an IP address", "192.0.2.10", false, BOTH,
            new AcmeChallengeSolver[] {dns(null)},
            "no solver in ClusterIssuer letsencrypt matches IP address 192.0.2.10; solvers: [0] dns01: DNS-01 cannot validate an IP address"),
        Arguments.of("an HTTPRoute cannot match an IP address", "192.0.2.10", false, BOTH,
            new AcmeChallengeSolver[] {gateway()},
            "no solver in ClusterIssuer letsencrypt matches IP address 192.0.2.10; solvers: [0] http01: an HTTPRoute (gatewayHTTPRoute) cannot match an IP address;"
                + " an http01.ingress solver can"),
        Arguments.of("an issuer without solvers", "a.example.com", false, BOTH, new AcmeChallengeSolver[] {},
            "no solver in ClusterIssuer letsencrypt matches dnsName a.example.com: the issuer has no solvers"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noMatch")
  void explainsWhyEverySolverWasPassedOver(String description, String identifier, boolean wildcard, Set<String> offered, AcmeChallengeSolver[] solvers, String reason) {
    assertThat(select(identifier, wildcard, offered, solvers)).isEqualTo(new SolverChoice.NoMatch(reason));
  }

  @Test
  void missingLabelsAndSolversReadAsEmpty() {
    SolverChoice choice = SolverSelector.select(new SolverQuery("Issuer", "acme", null, null, "a.example.com", false, BOTH));
    assertThat(choice).isEqualTo(new SolverChoice.NoMatch("no solver in Issuer acme matches dnsName a.example.com: the issuer has no solvers"));
    SolverChoice labelled = SolverSelector.select(
        new SolverQuery("Issuer", "acme", List.of(http(labels("team=web"))), null, "a.example.com", false, BOTH));
    assertThat(labelled).isInstanceOf(SolverChoice.NoMatch.class);
  }
}

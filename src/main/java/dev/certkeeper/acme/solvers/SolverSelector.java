package dev.certkeeper.acme.solvers;

import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.CertificateDnsNameSelector;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.pki.IpAddresses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chooses the solver for one ACME authorization with cert-manager's precedence
 * (pkg/util/solverpicker): a solver is a candidate when the CA offers its challenge type and every
 * part of its selector matches; among candidates, a dnsNames match beats one without, then the
 * longest matching dnsZone wins, then the most matchLabels, then the earlier solver. A solver
 * without a selector matches everything with the lowest precedence.
 */
public final class SolverSelector {
  private static final String HTTP_01 = "http-01";
  private static final String DNS_01 = "dns-01";

  /** How specifically a candidate matched; compared field by field, higher is more specific. */
  private record Specificity(int dnsNames, int zoneLabels, int labels) {
    static final Comparator<Specificity> ORDER =
        Comparator.comparingInt(Specificity::dnsNames).thenComparingInt(Specificity::zoneLabels).thenComparingInt(Specificity::labels);
  }

  private SolverSelector() {}

  /** The most specific matching solver, or the reason none matches. */
  public static SolverChoice select(SolverQuery query) {
    AcmeChallengeSolver best = null;
    int bestIndex = -1;
    Specificity bestSpecificity = null;
    List<String> passedOver = new ArrayList<>();
    List<AcmeChallengeSolver> solvers = query.solvers() == null ? List.of() : query.solvers();
    for (int i = 0; i < solvers.size(); i++) {
      AcmeChallengeSolver solver = solvers.get(i);
      Optional<String> unusable = typeProblem(solver, query).or(() -> selectorProblem(solver.selector(), query));
      if (unusable.isPresent()) {
        passedOver.add("[" + i + "] " + describe(solver) + ": " + unusable.get());
        continue;
      }
      Specificity specificity = specificity(solver.selector(), query);
      // Strictly more specific only: on a tie the earlier solver stays chosen.
      if (best == null || Specificity.ORDER.compare(specificity, bestSpecificity) > 0) {
        best = solver;
        bestIndex = i;
        bestSpecificity = specificity;
      }
    }
    if (best == null) {
      return new SolverChoice.NoMatch(noMatchReason(query, passedOver));
    }
    return new SolverChoice.Chosen(best, bestIndex, best.http01() != null ? ChallengeSpec.Type.HTTP_01 : ChallengeSpec.Type.DNS_01);
  }

  /** Why the solver's challenge type cannot answer this authorization, if it cannot. */
  private static Optional<String> typeProblem(AcmeChallengeSolver solver, SolverQuery query) {
    String type = solver.http01() != null ? HTTP_01 : solver.dns01() != null ? DNS_01 : null;
    if (type == null) {
      return Optional.of("configures neither http01 nor dns01");
    }
    // RFC 8555 section 7.1.3 and RFC 8738 section 7: CAs never offer these, but say so plainly.
    if (type.equals(HTTP_01) && query.wildcard()) {
      return Optional.of("HTTP-01 cannot validate a wildcard name");
    }
    if (type.equals(DNS_01) && IpAddresses.isValid(query.identifier())) {
      return Optional.of("DNS-01 cannot validate an IP address");
    }
    if (solver.http01() != null && solver.http01().gatewayHTTPRoute() != null && IpAddresses.isValid(query.identifier())) {
      return Optional.of("an HTTPRoute (gatewayHTTPRoute) cannot match an IP address; an http01.ingress solver can");
    }
    if (query.offeredTypes() == null || !query.offeredTypes().contains(type)) {
      return Optional.of("the CA does not offer " + type + " for this name (it offers " + offered(query) + ")");
    }
    return Optional.empty();
  }

  /** Which part of the selector does not match, if one does not; every part present must match. */
  private static Optional<String> selectorProblem(CertificateDnsNameSelector selector, SolverQuery query) {
    if (selector == null) {
      return Optional.empty();
    }
    Map<String, String> labels = query.labels() == null ? Map.of() : query.labels();
    if (selector.matchLabels() != null) {
      for (Map.Entry<String, String> wanted : new TreeMap<>(selector.matchLabels()).entrySet()) {
        String actual = labels.get(wanted.getKey());
        if (!wanted.getValue().equals(actual)) {
          return Optional.of("matchLabels needs " + wanted.getKey() + "=" + wanted.getValue() + " but the Order has "
              + (actual == null ? "no such label" : wanted.getKey() + "=" + actual));
        }
      }
    }
    if (!isEmpty(selector.dnsNames()) && dnsNamesMatch(selector.dnsNames(), query.nameToMatch()) == 0) {
      return Optional.of("dnsNames " + selector.dnsNames() + " do not list " + query.nameToMatch());
    }
    if (!isEmpty(selector.dnsZones()) && longestZone(selector.dnsZones(), query) == 0) {
      return Optional.of("dnsZones " + selector.dnsZones() + " do not contain " + query.nameToMatch());
    }
    return Optional.empty();
  }

  private static Specificity specificity(CertificateDnsNameSelector selector, SolverQuery query) {
    if (selector == null) {
      return new Specificity(0, 0, 0);
    }
    return new Specificity(
        isEmpty(selector.dnsNames()) ? 0 : dnsNamesMatch(selector.dnsNames(), query.nameToMatch()),
        isEmpty(selector.dnsZones()) ? 0 : longestZone(selector.dnsZones(), query),
        selector.matchLabels() == null ? 0 : selector.matchLabels().size());
  }

  /** 1 when the list names the identifier literally (a wildcard only by its {@code *.} form), else 0. */
  private static int dnsNamesMatch(List<String> dnsNames, String name) {
    return dnsNames.stream().anyMatch(name::equalsIgnoreCase) ? 1 : 0;
  }

  /** The label count of the longest zone that is the name or one of its parents; 0 if none is. */
  private static int longestZone(List<String> zones, SolverQuery query) {
    if (IpAddresses.isValid(query.identifier())) {
      return 0; // an IP address lies in no DNS zone
    }
    List<String> nameLabels = labels(query.nameToMatch());
    int longest = 0;
    for (String zone : zones) {
      List<String> zoneLabels = labels(zone);
      if (!zoneLabels.isEmpty()
          && zoneLabels.size() <= nameLabels.size()
          && nameLabels.subList(nameLabels.size() - zoneLabels.size(), nameLabels.size()).equals(zoneLabels)) {
        longest = Math.max(longest, zoneLabels.size());
      }
    }
    return longest;
  }

  /** The lower-case labels of a name, without the root's trailing dot. */
  private static List<String> labels(String name) {
    String trimmed = name.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\."));
  }

  private static String noMatchReason(SolverQuery query, List<String> passedOver) {
    String what = IpAddresses.isValid(query.identifier()) ? "IP address " : "dnsName ";
    String head = "no solver in " + query.issuerKind() + " " + query.issuerName() + " matches " + what + query.nameToMatch();
    return passedOver.isEmpty() ? head + ": the issuer has no solvers" : head + "; solvers: " + String.join("; ", passedOver);
  }

  private static String describe(AcmeChallengeSolver solver) {
    return solver.http01() != null ? "http01" : solver.dns01() != null ? "dns01" : "solver";
  }

  private static String offered(SolverQuery query) {
    return query.offeredTypes() == null || query.offeredTypes().isEmpty()
        ? "nothing"
        : query.offeredTypes().stream().sorted().collect(Collectors.joining(", "));
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }
}

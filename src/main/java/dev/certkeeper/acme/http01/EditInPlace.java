package dev.certkeeper.acme.http01;

import dev.certkeeper.pki.IpAddresses;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds the challenge path to a user's Ingress and takes it out again (the solver's {@code name},
 * or {@code acme.cert-manager.io/http01-edit-in-place}), as cert-manager does: the path goes first
 * in the rule for the challenge's host, so it wins over the application's own paths. Both
 * functions return a changed copy and leave their argument alone; an unchanged result equals the
 * argument, so the caller can skip the update.
 */
public final class EditInPlace {
  private EditInPlace() {}

  /**
   * The Ingress with the challenge path in the rule whose host is {@code dnsName}: an entry with
   * the same path is replaced, otherwise the path is put first; without such a rule, a new rule is
   * appended. For an IP address the rule without host is used, because a rule cannot name an IP.
   */
  public static Ingress addChallengePath(Ingress ingress, String dnsName, String token, String serviceName) {
    String host = ruleHost(dnsName);
    String path = ChallengeInputs.challengePath(token);
    HTTPIngressPath entry = SolverObjects.challengePathEntry(token, serviceName);
    Ingress copy = new IngressBuilder(ingress).editOrNewSpec().endSpec().build();
    List<IngressRule> rules = copy.getSpec().getRules() == null ? new ArrayList<>() : new ArrayList<>(copy.getSpec().getRules());
    for (int i = 0; i < rules.size(); i++) {
      IngressRule rule = rules.get(i);
      if (Objects.equals(emptyToNull(rule.getHost()), host)) {
        List<HTTPIngressPath> paths = new ArrayList<>(paths(rule));
        int same = indexOfPath(paths, path);
        if (same >= 0) {
          paths.set(same, entry);
        } else {
          paths.add(0, entry);
        }
        rules.set(i, withPaths(rule, paths));
        copy.getSpec().setRules(rules);
        return copy;
      }
    }
    rules.add(new IngressRuleBuilder().withHost(host).withHttp(new HTTPIngressRuleValue(List.of(entry))).build());
    copy.getSpec().setRules(rules);
    return copy;
  }

  /** The Ingress without the challenge path in the rule for {@code dnsName}; a rule left without paths is dropped. */
  public static Ingress removeChallengePath(Ingress ingress, String dnsName, String token) {
    String host = ruleHost(dnsName);
    String path = ChallengeInputs.challengePath(token);
    Ingress copy = new IngressBuilder(ingress).build();
    if (copy.getSpec() == null || copy.getSpec().getRules() == null) {
      return copy;
    }
    List<IngressRule> rules = new ArrayList<>();
    for (IngressRule rule : copy.getSpec().getRules()) {
      List<HTTPIngressPath> paths = new ArrayList<>(paths(rule));
      if (!Objects.equals(emptyToNull(rule.getHost()), host) || indexOfPath(paths, path) < 0) {
        rules.add(rule);
        continue;
      }
      paths.removeIf(p -> path.equals(p.getPath()));
      if (!paths.isEmpty()) {
        rules.add(withPaths(rule, paths));
      }
    }
    copy.getSpec().setRules(rules);
    return copy;
  }

  private static String ruleHost(String dnsName) {
    return IpAddresses.isValid(dnsName) ? null : dnsName;
  }

  private static String emptyToNull(String host) {
    return host == null || host.isEmpty() ? null : host;
  }

  private static List<HTTPIngressPath> paths(IngressRule rule) {
    return rule.getHttp() == null || rule.getHttp().getPaths() == null ? List.of() : rule.getHttp().getPaths();
  }

  private static int indexOfPath(List<HTTPIngressPath> paths, String path) {
    for (int i = 0; i < paths.size(); i++) {
      if (path.equals(paths.get(i).getPath())) {
        return i;
      }
    }
    return -1;
  }

  private static IngressRule withPaths(IngressRule rule, List<HTTPIngressPath> paths) {
    return new IngressRuleBuilder(rule).withHttp(new HTTPIngressRuleValue(paths)).build();
  }
}

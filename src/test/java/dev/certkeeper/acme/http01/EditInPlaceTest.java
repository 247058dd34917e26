package dev.certkeeper.acme.http01;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditInPlaceTest {
  private static final String TOKEN = "tok";
  private static final String PATH = "/.well-known/acme-challenge/tok";
  private static final String SOLVER_SERVICE = "cm-acme-http-solver-cb1eb7a7e4";

  private static HTTPIngressPath path(String path, String service) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType("Prefix")
        .withNewBackend().withNewService().withName(service).withNewPort().withNumber(80).endPort().endService().endBackend()
        .build();
  }

  private static IngressRule rule(String host, HTTPIngressPath... paths) {
    return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build();
  }

  private static Ingress ingress(IngressRule... rules) {
    return new IngressBuilder()
        .withNewMetadata().withName("my-app").withNamespace("web").withResourceVersion("7").endMetadata()
        .withNewSpec().withIngressClassName("nginx").withRules(rules).endSpec()
        .build();
  }

  private static List<String> paths(IngressRule rule) {
    return rule.getHttp().getPaths().stream().map(p -> p.getPath() + "->" + p.getBackend().getService().getName()).toList();
  }

  @Test
  void thePathGoesFirstInTheRuleForTheHost() {
    Ingress user = ingress(rule("other.example.com", path("/", "other")), rule("app.example.com", path("/", "app"), path("/api", "api")));
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(edited.getSpec().getRules()).hasSize(2);
    assertThat(paths(edited.getSpec().getRules().get(0))).containsExactly("/->other");
    assertThat(paths(edited.getSpec().getRules().get(1))).containsExactly(PATH + "->" + SOLVER_SERVICE, "/->app", "/api->api");
    HTTPIngressPath added = edited.getSpec().getRules().get(1).getHttp().getPaths().get(0);
    assertThat(added.getPathType()).isEqualTo("Exact");
    assertThat(added.getBackend().getService().getPort().getNumber()).isEqualTo(8089);
    assertThat(edited.getMetadata().getResourceVersion()).as("kept for an optimistic update").isEqualTo("7");
  }

  @Test
  void anEntryWithTheSamePathIsReplacedNotDuplicated() {
    Ingress user = ingress(rule("app.example.com", path("/", "app"), path(PATH, "stale")));
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(paths(edited.getSpec().getRules().get(0))).containsExactly("/->app", PATH + "->" + SOLVER_SERVICE);
  }

  @Test
  void addingTwiceChangesNothingTheSecondTime() {
    Ingress once = EditInPlace.addChallengePath(ingress(rule("app.example.com", path("/", "app"))), "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(EditInPlace.addChallengePath(once, "app.example.com", TOKEN, SOLVER_SERVICE)).isEqualTo(once);
  }

  @Test
  void withoutARuleForTheHostANewRuleIsAppended() {
    Ingress user = ingress(rule("other.example.com", path("/", "other")));
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(edited.getSpec().getRules()).extracting(IngressRule::getHost).containsExactly("other.example.com", "app.example.com");
    assertThat(paths(edited.getSpec().getRules().get(1))).containsExactly(PATH + "->" + SOLVER_SERVICE);
  }

  @Test
  void anIngressWithoutRulesGetsOne() {
    Ingress user = new IngressBuilder().withNewMetadata().withName("my-app").endMetadata().build();
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(edited.getSpec().getRules()).extracting(IngressRule::getHost).containsExactly("app.example.com");
  }

  @Test
  void anIpAddressUsesTheRuleWithoutHost() {
    Ingress user = ingress(rule("app.example.com", path("/", "app")), rule(null, path("/", "default")));
    Ingress edited = EditInPlace.addChallengePath(user, "192.0.2.10", TOKEN, SOLVER_SERVICE);
    assertThat(paths(edited.getSpec().getRules().get(1))).containsExactly(PATH + "->" + SOLVER_SERVICE, "/->default");
    assertThat(EditInPlace.removeChallengePath(edited, "192.0.2.10", TOKEN)).isEqualTo(user);
  }

  @Test
  void theArgumentIsLeftUntouched() {
    Ingress user = ingress(rule("app.example.com", path("/", "app")));
    Ingress before = new IngressBuilder(user).build();
    EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    EditInPlace.removeChallengePath(user, "app.example.com", TOKEN);
    assertThat(user).isEqualTo(before);
  }

  @Test
  void removingTakesOutOnlyThePathAndKeepsTheRule() {
    Ingress user = ingress(rule("app.example.com", path("/", "app")));
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(EditInPlace.removeChallengePath(edited, "app.example.com", TOKEN)).isEqualTo(user);
  }

  @Test
  void removingTheLastPathDropsTheRule() {
    Ingress user = ingress(rule("other.example.com", path("/", "other")));
    Ingress edited = EditInPlace.addChallengePath(user, "app.example.com", TOKEN, SOLVER_SERVICE);
    assertThat(EditInPlace.removeChallengePath(edited, "app.example.com", TOKEN)).isEqualTo(user);
  }

  @Test
  void removingLeavesTheSamePathOfOtherHostsAndOtherTokensAlone() {
    Ingress user = ingress(rule("other.example.com", path(PATH, "theirs")), rule("app.example.com", path("/.well-known/acme-challenge/x", "x")));
    assertThat(EditInPlace.removeChallengePath(user, "app.example.com", TOKEN)).isEqualTo(user);
  }
}

package dev.certkeeper.testing;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.kube.Conditions;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Helpers for ITs that issue through Pebble over HTTP-01: issuer manifests, Orders, Challenges and solver objects. */
public final class AcmeFixture {
  /** Long enough for solver JVMs to start and Pebble to validate several names. */
  public static final Duration ACME_TIMEOUT = Duration.ofSeconds(90);
  private static final int SOLVER_PORT = 8089;
  /** One HTTP-01 solver through the local router's default class, as a {@code solvers:} list item. */
  public static final String NGINX_SOLVER = "    - http01: {ingress: {ingressClassName: nginx}}\n";
  private static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";

  private final Fixture fixture;
  private final LocalEnvironment environment;

  public AcmeFixture(Fixture fixture, LocalEnvironment environment) {
    this.fixture = fixture;
    this.environment = environment;
  }

  /**
   * An Issuer or ClusterIssuer manifest for Pebble with the given {@code solvers:} list items
   * (YAML indented by four spaces, each starting with {@code "    - "}).
   */
  public String issuer(String kind, String name, String solvers) {
    return issuer(kind, name, environment.env("PEBBLE_DIRECTORY"), solvers);
  }

  /** As {@link #issuer(String, String, String)}, for another Pebble's directory (one the test started; same server certificate). */
  public String issuer(String kind, String name, String directory, String solvers) {
    return "apiVersion: cert-manager.io/v1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n  acme:\n    server: " + directory
        + "\n    caBundle: " + environment.env("PEBBLE_CA_BUNDLE")
        + "\n    privateKeySecretRef: {name: " + name + "-account}\n    solvers:\n" + solvers;
  }

  /** Creates a namespaced ACME Issuer for Pebble with these solvers, and waits until its account is registered. */
  public Issuer createIssuer(String name, String solvers) {
    fixture.create(Issuer.class, issuer("Issuer", name, solvers));
    return fixture.awaitIssuer(name, "True");
  }

  /** Creates Certificate {@code name} for {@code <name>.<namespace>.example.com} from a namespaced Issuer, its Secret named as it is. */
  public void createCertificate(String name, String issuer) {
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec:\n  secretName: " + name + "\n  dnsNames: [" + name + "."
            + fixture.namespace + ".example.com]\n  issuerRef: {name: " + issuer + "}\n");
  }

  /** Edits a namespaced Issuer's manifest text, as a user would with kubectl edit. */
  public void editIssuer(String name, String from, String to) {
    Fixture.edit(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName(name), i -> {
      String yaml = fixture.client.getKubernetesSerialization().asYaml(i);
      if (!yaml.contains(from)) {
        throw new AssertionError("Issuer " + name + " has no \"" + from + "\": " + yaml);
      }
      return fixture.client.getKubernetesSerialization().unmarshal(yaml.replace(from, to), Issuer.class);
    });
  }

  public List<Order> orders() {
    return fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems();
  }

  public List<Challenge> challenges() {
    return fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems();
  }

  /** Waits until the Certificate's Ready condition satisfies the test; fails showing the Orders and Challenges. */
  public Certificate awaitCertificate(String name, Duration timeout, String what, Predicate<dev.certkeeper.api.meta.Condition> ready) {
    return Await.until(
        timeout,
        "Certificate " + name + " " + what,
        () -> Optional.ofNullable(fixture.certificate(name))
            .filter(c -> c.getStatus() != null && Conditions.find(c.getStatus().conditions(), "Ready").filter(ready).isPresent()),
        () -> describe(name));
  }

  /** Waits until the Certificate is Ready=True. */
  public Certificate awaitReady(String name) {
    return awaitCertificate(name, ACME_TIMEOUT, "Ready=True", c -> c.status().name().equals("TRUE"));
  }

  /** Waits until some Challenge satisfies the test, and returns it. */
  public Challenge awaitChallenge(Duration timeout, String what, Predicate<Challenge> test) {
    return Await.until(
        timeout, what, () -> challenges().stream().filter(test).findFirst(), () -> "challenges: " + challenges().stream().map(AcmeFixture::describe).toList());
  }

  /** Waits until no solver Pod, Service, Ingress or HTTPRoute is left in the namespace. */
  public void awaitNoSolverObjects() {
    Await.until(Duration.ofSeconds(30), "solver Pods, Services, Ingresses and HTTPRoutes removed", () -> Optional.of(true).filter(x -> solverObjects() == 0),
        () -> solverObjects() + " solver objects left");
  }

  /** How many solver Pods, Services, Ingresses and HTTPRoutes exist in the namespace. */
  public int solverObjects() {
    return fixture.client.pods().inNamespace(fixture.namespace).withLabel(SOLVER_LABEL).list().getItems().size()
        + fixture.client.services().inNamespace(fixture.namespace).withLabel(SOLVER_LABEL).list().getItems().size()
        + fixture.client.network().v1().ingresses().inNamespace(fixture.namespace).withLabel(SOLVER_LABEL).list().getItems().size()
        + fixture.client.resources(HTTPRoute.class).inNamespace(fixture.namespace).withLabel(SOLVER_LABEL).list().getItems().size();
  }

  /** The Certificate's status with every Order's and Challenge's, for failure messages. */
  public String describe(String certificate) {
    Certificate c = fixture.certificate(certificate);
    return (c == null ? "no such Certificate" : String.valueOf(c.getStatus()))
        + "\norders: " + orders().stream().map(o -> o.getMetadata().getName() + " " + o.getStatus()).toList()
        + "\nchallenges: " + challenges().stream().map(AcmeFixture::describe).toList();
  }

  private static String describe(Challenge challenge) {
    return challenge.getMetadata().getName() + " " + challenge.getSpec().dnsName() + " " + challenge.getStatus();
  }

  /**
   * Binds the solver port on every address, so solver processes cannot start until the socket is
   * closed: their Challenges stay presented with a failing self-check. A solver of an earlier test
   * may still be listening for a few seconds after its Pod was deleted (its process gets SIGTERM,
   * then SIGKILL after 5 s), so the bind is retried until that process is gone.
   */
  public static ServerSocket holdSolverPort() {
    return Await.until(Duration.ofSeconds(30), "port " + SOLVER_PORT + " free on every address", AcmeFixture::tryBindSolverPort, () -> "still in use");
  }

  private static Optional<ServerSocket> tryBindSolverPort() {
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress("0.0.0.0", SOLVER_PORT));
        return Optional.of(socket);
      } catch (IOException inUse) {
        socket.close();
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

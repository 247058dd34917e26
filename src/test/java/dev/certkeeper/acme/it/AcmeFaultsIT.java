package dev.certkeeper.acme.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.testing.AcmeFixture;
import dev.certkeeper.testing.Await;
import dev.certkeeper.testing.FaultProxy;
import dev.certkeeper.testing.FaultProxy.Fault;
import dev.certkeeper.testing.FaultProxy.Seen;
import dev.certkeeper.testing.Fixture;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.PebbleProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CA's faults, classified by problem type, against Pebble: a fault-injecting proxy in front of
 * the shared Pebble answers chosen requests with 429 rateLimited, 503 or a refusal, and counts
 * every request, so the tests prove both the outcome and that nothing asked the CA sooner than
 * its back-off allows; a second Pebble of the test's own rejects half the nonces.
 */
@ExtendWith(LocalControlPlane.class)
class AcmeFaultsIT {
  private static final Duration ACME_TIMEOUT = Duration.ofSeconds(90);
  /** The local operator runs with --issuance-backoff-base 5s (e2e/local/operator.sh). */
  private static final Duration BACKOFF_BASE = Duration.ofSeconds(5);
  private static final Pattern RATE_LIMITED_UNTIL = Pattern.compile("rate limited until (\\S+Z)");
  private static LocalEnvironment environment;
  private static Fixture fixture;

  @BeforeAll
  static void setUp(LocalEnvironment env) {
    environment = env;
    fixture = new Fixture(env, "faults");
  }

  @Test
  void rateLimitWaitsExactlyTheRetryAfterThenIssues() {
    Duration retryAfter = Duration.ofSeconds(20);
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("limited", proxy.directory(), proxy.caBundle());
      proxy.inject(proxy.newOrder(), 1, Fault.rateLimited(retryAfter));
      certificate("limited", "limited.faults.example.com");

      Order limited = awaitOrder("the Order to say it is rate limited", o -> o.getStatus() != null && o.getStatus().reason() != null && o.getStatus().reason().contains("rate limited until"));
      Instant until = rateLimitedUntil(limited.getStatus().reason());
      Await.until(
          Fixture.TIMEOUT,
          "the Certificate's Ready message to repeat the rate limit",
          () -> Optional.ofNullable(fixture.certificate("limited")).filter(c -> Fixture.condition(c, "Ready").map(r -> r.message().contains("rate limited until " + timestamp(until))).orElse(false)),
          () -> String.valueOf(fixture.certificate("limited").getStatus()));

      awaitReady("limited");
      List<Seen> newOrders = attempts(proxy, proxy.newOrder());
      assertThat(newOrders).as("one refused new-order, then one that went through").extracting(Seen::status).containsExactly(429, 201);
      Instant refusedAt = newOrders.get(0).at();
      // Retry-After counts from the answer's Date header, which has whole seconds: the time the
      // CA named may be up to a second before the proxy's own clock plus 20 s.
      assertThat(Duration.between(refusedAt, until)).as("the CA's Retry-After is the wait, to the second").isBetween(retryAfter.minusSeconds(1), retryAfter.plusSeconds(1));
      assertThat(newOrders.get(1).at()).as("nothing asked again before the time the CA named").isAfterOrEqualTo(until);
    }
  }

  @Test
  void aRateLimitedChallengeWaitsExactlyTheRetryAfterEvenAcrossARestart() {
    Duration retryAfter = Duration.ofSeconds(25);
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("paused", proxy.directory(), proxy.caBundle());
      proxy.inject(proxy.challengeTrigger(), 1, Fault.rateLimited(retryAfter));
      certificate("paused", "paused.faults.example.com");

      Challenge limited = Await.until(
          ACME_TIMEOUT, "the Challenge to say it is rate limited",
          () -> challenges("paused").stream().filter(c -> c.getStatus() != null && c.getStatus().reason() != null && c.getStatus().reason().contains("rate limited until")).findFirst(),
          () -> "challenges: " + challenges("paused").stream().map(c -> String.valueOf(c.getStatus())).toList());
      Instant until = rateLimitedUntil(limited.getStatus().reason());
      assertThat(limited.getStatus().retryAfter()).as("the wait is recorded where a restarted operator finds it").isEqualTo(timestamp(until));
      // A restart forgets whatever the process held: only the recorded time can keep the CA from being asked at once.
      environment.operator("kill");
      environment.operator("start");

      awaitReady("paused");
      List<Seen> triggers = attempts(proxy, proxy.challengeTrigger());
      assertThat(triggers).as("one refused ask to validate, then one that went through").extracting(Seen::status).containsExactly(429, 200);
      assertThat(triggers.get(1).at()).as("nothing asked again before the time the CA named").isAfterOrEqualTo(until);
    }
  }

  @Test
  void rateLimitedAccountRegistrationWaitsExactlyTheRetryAfterThenRegisters() {
    Duration retryAfter = Duration.ofSeconds(20);
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      proxy.inject(proxy.newAccount(), 1, Fault.rateLimited(retryAfter));
      fixture.create(
          Issuer.class,
          "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: account-limited}\nspec:\n  acme:\n    server: " + proxy.directory()
              + "\n    caBundle: " + proxy.caBundle() + "\n    privateKeySecretRef: {name: account-limited-account}\n    solvers:\n    - http01: {ingress: {}}\n");

      Issuer limited = Await.until(
          Fixture.TIMEOUT, "the Issuer to say the account request is rate limited",
          () -> Optional.ofNullable(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("account-limited").get())
              .filter(i -> i.getStatus() != null && Conditions.find(i.getStatus().conditions(), "Ready").map(r -> r.message().contains("rate limited until")).orElse(false)),
          () -> String.valueOf(fixture.client.resources(Issuer.class).inNamespace(fixture.namespace).withName("account-limited").get()));
      Instant until = rateLimitedUntil(Conditions.find(limited.getStatus().conditions(), "Ready").orElseThrow().message());
      assertThat(Conditions.find(limited.getStatus().conditions(), "Ready").orElseThrow().reason()).isEqualTo("ErrRegisterACMEAccount");

      fixture.awaitIssuer("account-limited", "True");
      List<Seen> newAccounts = attempts(proxy, proxy.newAccount());
      assertThat(newAccounts).as("one refused new-account, then one that went through").extracting(Seen::status).containsExactly(429, 201);
      assertThat(newAccounts.get(1).at()).as("nothing asked again before the time the CA named").isAfterOrEqualTo(until);
    }
  }

  @Test
  void serviceUnavailableBacksOffBrieflyThenIssues() {
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("unavailable", proxy.directory(), proxy.caBundle());
      proxy.inject(proxy.finalizeOrder(), 1, Fault.unavailable());
      certificate("unavailable", "unavailable.faults.example.com");

      awaitOrder("the Order to show the temporary error", o -> o.getStatus() != null && o.getStatus().reason() != null && o.getStatus().reason().contains("temporary error from the ACME server, retrying in 10s"));
      awaitReady("unavailable");
      List<Seen> finalizes = attempts(proxy, proxy.finalizeOrder());
      assertThat(finalizes).as("one finalize answered 503, then one that went through").extracting(Seen::status).containsExactly(503, 200);
      assertThat(Duration.between(finalizes.get(0).at(), finalizes.get(1).at())).as("the brief back-off after a 5xx").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
      assertThat(attempts(proxy, proxy.newOrder())).as("the same order is finalized again, no new one").hasSize(1);
    }
  }

  @Test
  void refusalForGoodWaitsAtTheBackoffCeilingAndSaysSo() {
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("refusing", proxy.directory(), proxy.caBundle());
      proxy.inject(proxy.newOrder(), 1, Fault.problem(400, "rejectedIdentifier", "refused.faults.example.com is forbidden by policy"));
      certificate("refusing", "refused.faults.example.com");

      Certificate failed =
          Await.until(
              ACME_TIMEOUT,
              "the refusal to be recorded on the Certificate",
              () -> Optional.ofNullable(fixture.certificate("refused")).filter(c -> c.getStatus() != null && Integer.valueOf(1).equals(c.getStatus().failedIssuanceAttempts())),
              () -> String.valueOf(fixture.certificate("refused").getStatus()));
      Instant failedAt = Instant.parse(failed.getStatus().lastFailureTime());
      Instant ceiling = failedAt.plus(BACKOFF_BASE.multipliedBy(32));
      assertThat(Fixture.condition(failed, "Ready").orElseThrow().message())
          .contains("the CA refused the order for good: rejectedIdentifier: refused.faults.example.com is forbidden by policy")
          .contains("next attempt at " + timestamp(ceiling) + ", at the back-off ceiling because the issuer refused the request for good");
      assertThat(Fixture.condition(failed, "Issuing").orElseThrow().status()).isEqualTo(ConditionStatus.FALSE);

      List<CertificateRequest> requests = fixture.requests().stream().filter(r -> r.getMetadata().getName().startsWith("refused-")).toList();
      assertThat(requests).singleElement().satisfies(r -> {
        assertThat(Conditions.find(r.getStatus().conditions(), "InvalidRequest")).hasValueSatisfying(c -> {
          assertThat(c.status()).isEqualTo(ConditionStatus.TRUE);
          assertThat(c.reason()).isEqualTo("OrderFailed");
        });
      });
      assertThat(orders("refused")).singleElement().satisfies(o -> assertThat(o.getStatus().state()).isEqualTo(AcmeState.ERRORED));
      assertThat(attempts(proxy, proxy.newOrder())).as("the refused order is not asked for again").hasSize(1);
    }
  }

  @Test
  void aValidationAskWhoseAnswerWasLostIsFollowedNotRepeatedForever() {
    try (FaultProxy proxy = FaultProxy.start(environment.env("PEBBLE_DIRECTORY"), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("lost", proxy.directory(), proxy.caBundle());
      proxy.loseAnswer(proxy.challengeTrigger(), 1, Fault.unavailable());
      certificate("lost", "lost.faults.example.com");
      awaitReady("lost");
      // Asked again, the CA would refuse (the challenge is no longer pending) and nothing would end it.
      assertThat(attempts(proxy, proxy.challengeTrigger()))
          .as("one ask: it reached the CA though its answer was lost, so the challenge is followed, not asked again")
          .extracting(Seen::status)
          .containsExactly(503);
      new AcmeFixture(fixture, environment).awaitNoSolverObjects();
    }
  }

  @Test
  void badNoncesAreRetriedAndIssuanceSucceeds() {
    try (PebbleProcess pebble = PebbleProcess.start(environment, "pebble-badnonce", Map.of("PEBBLE_WFE_NONCEREJECT", "50"));
        FaultProxy proxy = FaultProxy.start(pebble.directory(), environment.env("PEBBLE_CA_BUNDLE"))) {
      issuer("nonces", proxy.directory(), proxy.caBundle());
      certificate("nonces", "nonces.faults.example.com");
      awaitReady("nonces");
      assertThat(proxy.seen(s -> "badNonce".equals(s.problem()))).as("Pebble rejected nonces along the way").isNotEmpty();
    }
  }

  private static void issuer(String name, String directory, String caBundle) {
    fixture.create(
        Issuer.class,
        "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec:\n  acme:\n    server: " + directory
            + "\n    caBundle: " + caBundle
            + "\n    privateKeySecretRef: {name: " + name + "-account}\n    solvers:\n    - http01: {ingress: {ingressClassName: nginx}}\n");
    fixture.awaitIssuer(name, "True");
  }

  private static void certificate(String issuer, String dnsName) {
    String name = dnsName.substring(0, dnsName.indexOf('.'));
    fixture.create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "}\nspec:\n  secretName: " + name + "-tls\n"
            + "  dnsNames: [" + dnsName + "]\n  issuerRef: {name: " + issuer + "}\n");
  }

  private static List<Order> orders(String certificate) {
    return fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().stream()
        .filter(o -> o.getMetadata().getName().startsWith(certificate + "-"))
        .toList();
  }

  private static List<Challenge> challenges(String certificate) {
    return fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream()
        .filter(c -> c.getMetadata().getName().startsWith(certificate + "-"))
        .toList();
  }

  private static Order awaitOrder(String what, java.util.function.Predicate<Order> test) {
    return Await.until(
        ACME_TIMEOUT,
        what,
        () -> fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().stream().filter(test).findFirst(),
        () -> "orders: " + fixture.client.resources(Order.class).inNamespace(fixture.namespace).list().getItems().stream().map(o -> String.valueOf(o.getStatus())).toList());
  }

  private static void awaitReady(String name) {
    Await.until(
        ACME_TIMEOUT,
        "Certificate " + name + " Ready=True",
        () -> Optional.ofNullable(fixture.certificate(name)).filter(c -> Conditions.isTrue(c.getStatus() == null ? null : c.getStatus().conditions(), "Ready")),
        () -> String.valueOf(fixture.certificate(name).getStatus()) + "\norders: " + orders(name).stream().map(o -> String.valueOf(o.getStatus())).toList()
            + "\nchallenges: " + fixture.client.resources(Challenge.class).inNamespace(fixture.namespace).list().getItems().stream().map(c -> String.valueOf(c.getStatus())).toList());
  }

  private static Instant rateLimitedUntil(String reason) {
    Matcher matcher = RATE_LIMITED_UNTIL.matcher(reason);
    assertThat(matcher.find()).as("a time in: " + reason).isTrue();
    return Instant.parse(matcher.group(1));
  }

  private static String timestamp(Instant instant) {
    return Conditions.timestamp(instant);
  }

  /**
   * The operator's attempts among the requests the proxy saw: Pebble rejects a share of nonces
   * (PEBBLE_WFE_NONCEREJECT, 5 % by default) and acme4j sends such a request again at once, so a
   * badNonce answer is the client library's retry, not an attempt of the operator's.
   */
  private static List<Seen> attempts(FaultProxy proxy, Predicate<Seen> which) {
    return proxy.seen(which).stream().filter(s -> !"badNonce".equals(s.problem())).toList();
  }
}

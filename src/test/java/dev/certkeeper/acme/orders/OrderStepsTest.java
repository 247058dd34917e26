package dev.certkeeper.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderSpec;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.testing.FakeAcmeServer;
import dev.certkeeper.testing.TestData;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

/** Sending a new order to a minimal ACME server, and which refusals of one with `replaces` are retried once without it. */
class OrderStepsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final FakeAcmeServer ca = new FakeAcmeServer();

  OrderStepsTest() {
    ca.answer("/order", 201, "application/json",
        "{\"status\":\"pending\",\"identifiers\":[{\"type\":\"dns\",\"value\":\"example.com\"}],\"authorizations\":[\"" + ca.url("/authz/1")
            + "\"],\"finalize\":\"" + ca.url("/order/1/finalize") + "\"}",
        Map.of("Location", ca.url("/order/1")));
  }

  @AfterEach
  void stopServer() {
    ca.close();
  }

  private OrderStep create(String duration) throws Exception {
    return send(order(duration));
  }

  private OrderStep send(Order order) throws Exception {
    return new OrderSteps(null, Clock.fixed(NOW, ZoneOffset.UTC)).create(order, new OrderStatus(null, null, null, null, null, null, null, null), login());
  }

  private static Order order(String duration) {
    return order(List.of("example.com"), null, duration);
  }

  private static Order order(List<String> dnsNames, List<String> ipAddresses, String duration) {
    Order order = new Order();
    order.setMetadata(new ObjectMetaBuilder().withName("order").withNamespace("default").build());
    order.setSpec(new OrderSpec(TestData.csrBase64(), null, null, dnsNames, ipAddresses, duration, null, null));
    return order;
  }

  private Login login() throws Exception {
    return new Session(ca.directory()).login(URI.create(ca.url("/account/1")).toURL(), Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256));
  }

  @Test
  void anInvalidOrderWaitsForItsChallengesVerdictWithoutAskingTheCaEverySecond() throws Exception {
    ca.answer("/order/1", 200, "application/json", "{\"status\":\"invalid\",\"identifiers\":[{\"type\":\"dns\",\"value\":\"example.com\"}],"
        + "\"authorizations\":[\"" + ca.url("/authz/1") + "\"],\"finalize\":\"" + ca.url("/order/1/finalize") + "\"}", Map.of());
    Challenge validating = new Challenge();
    validating.setMetadata(new ObjectMetaBuilder().withName("order-challenge").withNamespace("default").build());
    validating.setSpec(new ChallengeSpec(ca.url("/chall/1"), ca.url("/authz/1"), "example.com", false, ChallengeSpec.Type.HTTP_01, "t", "t.k", null, null));
    validating.setStatus(new ChallengeStatus(true, true, "2026-11-23T09:59:00Z", null, AcmeState.PENDING));
    OrderStatus status = new OrderStatus(ca.url("/order/1"), ca.url("/order/1/finalize"), List.of(), null, AcmeState.PROCESSING, null, null, null);

    OrderStep step = new OrderSteps(null, Clock.fixed(NOW, ZoneOffset.UTC)).advance(order(null), status, login(), null, Set.of(validating));

    assertThat(step.retry()).isEqualTo(OrderSteps.VERDICT_FALLBACK).isGreaterThan(OrderSteps.PROCESSING_POLL);
    assertThat(step.status()).isEqualTo(status);
  }

  @Test
  void keepsTheOrderUrlWhenItsAuthorizationsCannotBeFetched() throws Exception {
    ca.answer("/authz/1", 500, "application/problem+json", "{\"type\":\"urn:ietf:params:acme:error:serverInternal\",\"detail\":\"database down\"}", Map.of());

    OrderStep step = create(null);

    assertThat(step.status().url()).isEqualTo(ca.url("/order/1"));
    assertThat(step.status().authorizations()).isNull();
    assertThat(step.status().reason()).contains("database down");
    assertThat(step.status().retryAfter()).isEqualTo("2026-11-23T10:00:10Z");
  }
  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of("no duration asks for none", null, null),
        Arguments.of("an empty duration asks for none", "", null),
        Arguments.of("a duration asks for that long from now", "2160h", "2027-02-21T10:00:00Z"),
        Arguments.of("a duration of several units adds them all", "1h30m15s", "2026-11-23T11:30:15Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void asksForTheOrdersDurationFromNow(String behaviour, String duration, String notAfter) {
    assertThat(OrderSteps.notAfter(duration, NOW)).isEqualTo(Optional.ofNullable(notAfter).map(Instant::parse));
  }

  @Test
  void sendsNotAfterWithTheOrder() throws Exception {
    ca.answer("/authz/1", 200, "application/json",
        "{\"status\":\"valid\",\"identifier\":{\"type\":\"dns\",\"value\":\"example.com\"},\"challenges\":[]}", Map.of());

    create("2160h");

    assertThat(ca.payload("/order").get("notAfter").asText()).isEqualTo("2027-02-21T10:00:00Z");
  }

  @Test
  void refusesADurationThatIsNotOne() throws Exception {
    OrderStep step = create("90 days");

    assertThat(step.status().state()).isEqualTo(AcmeState.ERRORED);
    assertThat(step.status().reason()).startsWith("spec.duration: invalid duration \"90 days\"");
    assertThat(ca.payload("/order")).isNull();
  }

  static Stream<Arguments> unorderableNames() {
    return Stream.of(
        Arguments.of("an empty label", List.of("ok.example.com", "a..example.com"), null, "\"a..example.com\" is not a DNS name a CA can validate"),
        Arguments.of("a label over 63 characters", List.of("x".repeat(64) + ".example.com"), null, "is not a DNS name a CA can validate"),
        Arguments.of("an address that is none", null, List.of("10.0.0.300"), "\"10.0.0.300\" is not an IP address"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unorderableNames")
  void refusesANameNoCaCouldValidateWithoutAskingTheCa(String behaviour, List<String> dnsNames, List<String> ipAddresses, String reason) throws Exception {
    OrderStep step = send(order(dnsNames, ipAddresses, null));

    assertThat(step.status().state()).as("a final state: the request fails and the Certificate says why").isEqualTo(AcmeState.ERRORED);
    assertThat(step.status().reason()).contains(reason).endsWith("correct it in the Certificate");
    assertThat(ca.payload("/order")).isNull();
  }

  private static Problem problem(String type, String detail) {
    try {
      return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\"" + detail + "\"}"), URI.create("https://ca/").toURL());
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("already replaced", new AcmeServerException(problem("alreadyReplaced", "certificate already has a replacement order")), true),
        Arguments.of("another account's certificate",
            new AcmeServerException(problem("unauthorized", "requester account did not request the certificate being replaced")), true),
        Arguments.of("a certificate the CA does not know (Pebble after a restart)",
            new AcmeServerException(problem("serverInternal", "could not find an order for the given certificate")), true),
        Arguments.of("a malformed CertID", new AcmeServerException(problem("malformed", "parsing ARI CertID failed")), true),
        Arguments.of("a rate limit", new AcmeRateLimitedException(problem("rateLimited", "too many"), Instant.now(), List.of()), false),
        Arguments.of("a stale nonce", new AcmeServerException(problem("badNonce", "bad nonce")), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void retriesWithoutReplacesUnlessTheRefusalIsAboutSomethingElse(String behaviour, AcmeServerException refusal, boolean retried) {
    assertThat(OrderSteps.mayBeAboutReplaces(refusal)).isEqualTo(retried);
  }
}

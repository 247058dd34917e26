package dev.certkeeper.acme.orders;

import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.acme.AcmeLogins;
import dev.certkeeper.acme.AcmeUrls;
import dev.certkeeper.acme.NotBefore;
import dev.certkeeper.acme.http01.ChallengeInputs;
import dev.certkeeper.acme.http01.IngressOverrides;
import dev.certkeeper.acme.solvers.SolverChoice;
import dev.certkeeper.acme.solvers.SolverQuery;
import dev.certkeeper.acme.solvers.SolverSelector;
import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.acme.AcmeAuthorization;
import dev.certkeeper.api.acme.AcmeChallenge;
import dev.certkeeper.api.acme.AcmeChallengeSolver;
import dev.certkeeper.api.acme.Http01Solver;
import dev.certkeeper.api.acme.AcmeIssuer;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeSpec;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderSpec;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.kube.ChildNames;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.kube.Writes;
import dev.certkeeper.pki.Pem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of an Order at the CA, each one request or a few: create it, bring its Challenges into
 * being, finalize, download. Every step returns the status to record and when to look again.
 */
public final class OrderSteps {
  private static final Logger LOG = LoggerFactory.getLogger(OrderSteps.class);
  static final Duration PROCESSING_POLL = Duration.ofSeconds(1);
  /** Orders normally end within minutes; a pending one older than this is asked about at every look. */
  static final Duration ASK_PENDING_AFTER = Duration.ofMinutes(5);
  /**
   * An order the CA invalidated waits for its Challenges' own verdict, whose status change wakes it;
   * looking again at the CA is only a fallback, not a poll every second.
   */
  static final Duration VERDICT_FALLBACK = Duration.ofSeconds(15);

  private final KubernetesClient client;
  private final Clock clock;

  public OrderSteps(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  private boolean olderThan(Order order, Duration age) {
    String created = order.getMetadata().getCreationTimestamp();
    return created == null || !Instant.parse(created).plus(age).isAfter(clock.instant());
  }

  /** Whether the API server holds this very version of the Order (false when it has a newer one, or none). */
  boolean currentOnServer(Order order) {
    Order fresh = client.resource(order).get();
    return fresh != null && Objects.equals(fresh.getMetadata().getResourceVersion(), order.getMetadata().getResourceVersion());
  }

  /** Sends a new order to the CA and records its URL and authorizations; an order for a profile the CA does not offer fails for good. */
  OrderStep create(Order order, OrderStatus status, Login login) throws AcmeException {
    OrderSpec spec = order.getSpec();
    Optional<String> profileRefused = OrderProfiles.refusal(spec.profile(), login.getSession().getMetadata().getProfiles());
    if (profileRefused.isPresent()) {
      return OrderStep.settled(failed(status, AcmeState.ERRORED, AcmeRetries.REFUSED_FOR_GOOD + profileRefused.get(), clock.instant()));
    }
    Optional<Instant> notAfter;
    try {
      notAfter = notAfter(spec.duration(), clock.instant());
    } catch (IllegalArgumentException e) {
      return OrderStep.settled(failed(status, AcmeState.ERRORED, "spec.duration: " + e.getMessage(), clock.instant()));
    }
    List<Identifier> identifiers;
    try {
      identifiers = identifiers(spec);
    } catch (IllegalArgumentException e) {
      // Sent as it is the CA would refuse it too (malformed, rejectedIdentifier): said without asking.
      return OrderStep.settled(failed(status, AcmeState.ERRORED, e.getMessage(), clock.instant()));
    }
    org.shredzone.acme4j.Order created;
    try {
      created = builder(login, identifiers, spec, notAfter, true).create();
    } catch (AcmeServerException e) {
      if (spec.replaces() == null || !mayBeAboutReplaces(e)) {
        throw e;
      }
      // The CA would not let this order replace the old certificate (another account issued it, it
      // was replaced already, or the CA no longer knows it): an order without `replaces` is still a
      // valid renewal. CAs word this refusal differently (Pebble answers an unknown certificate
      // with serverInternal), so every refusal but a rate limit or a stale nonce is retried once.
      LOG.info("Order {}/{}: the CA refused 'replaces' ({}); ordering without it", order.getMetadata().getNamespace(), order.getMetadata().getName(), e.getMessage());
      created = builder(login, identifiers, spec, notAfter, false).create();
    }
    OrderStatus sent = new OrderStatus(created.getLocation().toString(), created.getFinalizeLocation().toString(), null, null, state(created.getStatus()), null, null, null);
    try {
      return OrderStep.retry(sent.withAuthorizations(authorizations(created)), Duration.ZERO);
    } catch (AcmeLazyLoadingException | AcmeProtocolException e) {
      // The order exists at the CA now: its URL is kept, so the next look asks for its
      // authorizations again instead of ordering again.
      return AcmeRetries.after(AcmeErrors.checked(e), sent, clock.instant());
    }
  }

  /** The order's authorizations, each fetched from the CA (acme4j loads them lazily, so failures are unchecked). */
  private static List<AcmeAuthorization> authorizations(org.shredzone.acme4j.Order order) {
    List<AcmeAuthorization> authorizations = new ArrayList<>();
    for (Authorization authorization : order.getAuthorizations()) {
      authorizations.add(describe(authorization));
    }
    return authorizations;
  }

  /** Whether the CA's refusal might be about {@code replaces}: not a rate limit (which a replacement may be exempt from) nor a stale nonce. */
  static boolean mayBeAboutReplaces(AcmeServerException e) {
    return !(e instanceof AcmeRateLimitedException) && !e.getType().toString().endsWith(":badNonce");
  }

  /**
   * When the certificate should expire: the Order's duration from now, sent as cert-manager sends
   * it for an issuer with enableDurationFeature (the Order only has a duration then).
   */
  static Optional<Instant> notAfter(String duration, Instant now) {
    return Optional.ofNullable(duration).filter(d -> !d.isEmpty()).map(d -> now.plus(GoDuration.parse(d)));
  }

  /**
   * The order's identifiers: its DNS names and IP addresses, else its common name. A name no CA
   * could validate (an empty label as in "a..example.com", a label over 63 characters), which the
   * CRD lets through as cert-manager's does, is refused here, saying which and where to correct it.
   */
  static List<Identifier> identifiers(OrderSpec spec) {
    List<Identifier> identifiers = new ArrayList<>();
    Optional.ofNullable(spec.dnsNames()).ifPresent(names -> names.forEach(n -> identifiers.add(dns(n))));
    Optional.ofNullable(spec.ipAddresses()).ifPresent(ips -> ips.forEach(ip -> identifiers.add(ip(ip))));
    if (identifiers.isEmpty() && spec.commonName() != null) {
      identifiers.add(dns(spec.commonName()));
    }
    return identifiers;
  }

  private static Identifier dns(String name) {
    try {
      return Identifier.dns(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a DNS name a CA can validate (" + e.getMessage() + "): correct it in the Certificate", e);
    }
  }

  private static Identifier ip(String address) {
    try {
      return Identifier.ip(address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + address + "\" is not an IP address (" + e.getMessage() + "): correct it in the Certificate", e);
    }
  }

  private static OrderBuilder builder(Login login, List<Identifier> identifiers, OrderSpec spec, Optional<Instant> notAfter, boolean withReplaces) {
    OrderBuilder builder = login.newOrder();
    builder.identifiers(identifiers);
    if (spec.profile() != null && !spec.profile().isEmpty()) {
      builder.profile(spec.profile());
    }
    notAfter.ifPresent(builder::notAfter);
    if (withReplaces && spec.replaces() != null && !spec.replaces().isEmpty()) {
      builder.replaces(spec.replaces());
    }
    return builder;
  }

  /**
   * Moves the order on from wherever the CA says it is. A pending order whose Challenges are still
   * being solved is not fetched again: the Challenges' verdicts are what moves it on. Once it is
   * older than {@link #ASK_PENDING_AFTER}, it is fetched on every look, to notice the CA giving up on it.
   */
  OrderStep advance(Order order, OrderStatus status, Login login, IssuerLookup.Found issuer, Set<Challenge> challenges) throws AcmeException {
    if (status.state() == AcmeState.PENDING && OrderChallenges.stillBeingSolved(status.authorizations(), challenges)
        && !olderThan(order, ASK_PENDING_AFTER)) {
      return challenges(order, status, login, issuer, challenges);
    }
    org.shredzone.acme4j.Order remote = login.bindOrder(AcmeUrls.parse(status.url(), "the Order"));
    Optional<Instant> retryAfter = remote.fetch();
    // Null when the order was created but the CA failed to describe its authorizations then.
    OrderStatus known = status.authorizations() == null ? status.withAuthorizations(authorizations(remote)) : status;
    Instant now = clock.instant();
    Duration poll = retryAfter.map(t -> Duration.between(now, t)).filter(d -> !d.isNegative()).orElse(PROCESSING_POLL);
    return switch (remote.getStatus()) {
      case PENDING -> challenges(order, known.withState(AcmeState.PENDING, null), login, issuer, challenges);
      case READY -> {
        remote.execute(Base64.getDecoder().decode(pemBody(order.getSpec().request())));
        yield OrderStep.retry(known.withState(AcmeState.PROCESSING, null), poll);
      }
      case PROCESSING -> OrderStep.retry(known.withState(AcmeState.PROCESSING, null), poll);
      case VALID -> OrderStep.settled(download(remote, known, issuer.issuer().getSpec().acme()));
      case INVALID -> OrderChallenges.awaitingVerdict(challenges)
          ? OrderStep.retry(known, VERDICT_FALLBACK)
          : OrderStep.settled(failed(known, AcmeState.INVALID, why(remote, challenges), now));
      case EXPIRED, DEACTIVATED, REVOKED, CANCELED -> OrderStep.settled(failed(known, AcmeState.EXPIRED, "the ACME server says the order is " + remote.getStatus().name().toLowerCase(Locale.ROOT), now));
      default -> OrderStep.retry(known.withReason("the ACME server reports the order in an unknown state"), OrderReconciler.RECHECK_PENDING);
    };
  }

  /** Creates the missing Challenges and sums up where they stand in the order's reason. */
  private OrderStep challenges(Order order, OrderStatus status, Login login, IssuerLookup.Found issuer, Set<Challenge> existing) {
    AcmeIssuer acme = issuer.issuer().getSpec().acme();
    Map<String, Challenge> byName = existing.stream().collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c, (a, b) -> a));
    List<String> waiting = new ArrayList<>();
    for (AcmeAuthorization authorization : Objects.requireNonNullElse(status.authorizations(), List.<AcmeAuthorization>of())) {
      if (!OrderChallenges.needsChallenge(authorization)) {
        continue;
      }
      String domain = (Boolean.TRUE.equals(authorization.wildcard()) ? "*." : "") + authorization.identifier();
      SolverChoice choice =
          SolverSelector.select(
              new SolverQuery(
                  issuer.issuer().getKind(), issuer.issuer().getMetadata().getName(), Objects.requireNonNullElse(acme.solvers(), List.of()),
                  Objects.requireNonNullElse(order.getMetadata().getLabels(), Map.of()), authorization.identifier(),
                  Boolean.TRUE.equals(authorization.wildcard()), offeredTypes(authorization)));
      if (choice instanceof SolverChoice.NoMatch noMatch) {
        waiting.add(domain + ": " + noMatch.reason());
        continue;
      }
      SolverChoice.Chosen chosen = (SolverChoice.Chosen) choice;
      AcmeChallengeSolver solver = chosen.solver();
      if (solver.http01() != null && solver.http01().ingress() != null) {
        IngressOverrides.Result overridden =
            IngressOverrides.effectiveIngressSolver(solver.http01().ingress(), Objects.requireNonNullElse(order.getMetadata().getAnnotations(), Map.of()));
        if (!overridden.ok()) {
          waiting.add(domain + ": " + overridden.error());
          continue;
        }
        solver = new AcmeChallengeSolver(
            solver.selector(), new Http01Solver(overridden.solver(), solver.http01().gatewayHTTPRoute()), solver.dns01(), solver.waitInsteadOfSelfCheck());
      }
      // One Challenge per authorization, found again after a restart.
      String name = ChildNames.of(order.getMetadata().getName(), 200, authorization.url());
      Challenge current = byName.get(name);
      if (current == null) {
        Optional<String> created = create(order, authorization, chosen.type(), solver, name, login);
        created.ifPresent(problem -> waiting.add(domain + ": " + problem));
        if (created.isEmpty()) {
          waiting.add(domain + ": challenge created");
        }
        continue;
      }
      AcmeState state = current.getStatus() == null ? null : current.getStatus().state();
      if (state == AcmeState.VALID) {
        continue;
      }
      if (redo(current, solver, clock.instant())) {
        // The issuer's solvers changed while the CA had not been asked yet: answer with the new ones.
        LOG.info("Challenge {}/{}: the issuer's solver changed; redoing it", current.getMetadata().getNamespace(), name);
        client.resource(current).delete();
        waiting.add(domain + ": redoing the challenge with the issuer's new solver");
        continue;
      }
      String reason = current.getStatus() == null || current.getStatus().reason() == null ? "waiting for the challenge to be solved" : current.getStatus().reason();
      waiting.add(domain + ": " + reason);
    }
    String reason = waiting.isEmpty() ? null : "Challenge for " + String.join("; Challenge for ", waiting);
    return OrderStep.retry(status.withReason(reason), OrderReconciler.RECHECK_PENDING);
  }

  /**
   * A Challenge not yet accepted at the CA whose solver is no longer the issuer's choice; not while
   * it waits out a time the CA named (a rate limit), which its replacement would not know of.
   */
  static boolean redo(Challenge challenge, AcmeChallengeSolver solver, Instant now) {
    ChallengeStatus status = challenge.getStatus();
    boolean accepted = status != null && (Boolean.TRUE.equals(status.processing()) || status.state() == AcmeState.PROCESSING);
    boolean waiting = status != null && NotBefore.remaining(status.retryAfter(), now).isPresent();
    return !accepted && !waiting && !ChallengeStatus.isFinal(status) && !Objects.equals(challenge.getSpec().solver(), solver)
        && challenge.getMetadata().getDeletionTimestamp() == null;
  }

  private Optional<String> create(
      Order order, AcmeAuthorization authorization, ChallengeSpec.Type type, AcmeChallengeSolver solver, String name, Login login) {
    String wanted = type == ChallengeSpec.Type.HTTP_01 ? Http01Challenge.TYPE : "dns-01";
    AcmeChallenge offered =
        authorization.challenges().stream().filter(c -> wanted.equals(c.type())).findFirst().orElse(null);
    if (offered == null) {
      return Optional.of("the CA does not offer a " + wanted + " challenge");
    }
    String key = AcmeLogins.keyAuthorization(login, offered.token());
    Optional<String> problem = ChallengeInputs.problem(authorization.identifier(), offered.token(), key);
    if (problem.isPresent()) {
      return problem;
    }
    Challenge challenge = new Challenge();
    challenge.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(order.getMetadata().getNamespace())
            .withLabels(order.getMetadata().getLabels())
            .withOwnerReferences(OwnerReferences.controlledBy(order))
            .build());
    challenge.setSpec(
        new ChallengeSpec(
            offered.url(), authorization.url(), authorization.identifier(), authorization.wildcard(), type, offered.token(), key,
            solver, order.getSpec().issuerRef()));
    Writes.createIfAbsent(client, challenge);
    return Optional.empty();
  }

  private static Set<String> offeredTypes(AcmeAuthorization authorization) {
    return Objects.requireNonNullElse(authorization.challenges(), List.<AcmeChallenge>of()).stream().map(AcmeChallenge::type).collect(Collectors.toSet());
  }


  private static OrderStatus download(org.shredzone.acme4j.Order remote, OrderStatus status, AcmeIssuer acme) throws AcmeException {
    Certificate certificate = remote.getCertificate();
    certificate.download();
    List<X509Certificate> chain =
        PreferredChains.choose(acme.preferredChain(), certificate.getCertificateChain(), certificate.getAlternateCertificates().stream().map(Certificate::getCertificateChain));
    String pem = Pem.encodeCertificates(chain);
    return new OrderStatus(
        status.url(), status.finalizeURL(), status.authorizations(), Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)),
        AcmeState.VALID, null, status.failureTime(), null);
  }

  /** Why the CA invalidated the order: its own error, else the first failed Challenge's reason. */
  private static String why(org.shredzone.acme4j.Order remote, Set<Challenge> challenges) {
    Optional<String> error = remote.getError().map(p -> p.getDetail().orElse(p.toString()));
    Optional<String> challenge =
        challenges.stream()
            .filter(c -> c.getStatus() != null && c.getStatus().state() == AcmeState.INVALID)
            .findFirst()
            .map(c -> "Challenge for " + c.getSpec().dnsName() + " failed: " + c.getStatus().reason());
    return challenge.or(() -> error).orElse("the ACME server invalidated the order");
  }

  /** The order ended without a certificate: the final state, why, and when. */
  static OrderStatus failed(OrderStatus status, AcmeState state, String reason, Instant now) {
    return new OrderStatus(status.url(), status.finalizeURL(), status.authorizations(), null, state, reason, Conditions.timestamp(now), null);
  }

  private static AcmeAuthorization describe(Authorization authorization) {
    List<AcmeChallenge> challenges =
        authorization.getChallenges().stream()
            .map(c -> new AcmeChallenge(c.getLocation().toString(), c.getJSON().get("token").optional().map(v -> v.asString()).orElse(null), c.getType()))
            .toList();
    return new AcmeAuthorization(
        authorization.getLocation().toString(), authorization.getIdentifier().getValue(), authorization.isWildcard(), state(authorization.getStatus()), challenges);
  }

  private static AcmeState state(Status status) {
    return switch (status) {
      case VALID -> AcmeState.VALID;
      case READY -> AcmeState.READY;
      case PROCESSING -> AcmeState.PROCESSING;
      case INVALID, REVOKED, DEACTIVATED -> AcmeState.INVALID;
      case EXPIRED, CANCELED -> AcmeState.EXPIRED;
      default -> AcmeState.PENDING;
    };
  }


  /** The DER of the base64 PEM CSR in spec.request, as base64 text. */
  private static String pemBody(String request) {
    String pem = new String(Base64.getDecoder().decode(request), StandardCharsets.UTF_8);
    return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }
}

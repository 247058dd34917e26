package dev.certkeeper.acme.challenges;

import dev.certkeeper.acme.AccountKey;
import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.acme.AcmeLogins;
import dev.certkeeper.acme.AcmeUrls;
import dev.certkeeper.acme.NotBefore;
import dev.certkeeper.acme.RecordedWaits;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.acme.http01.SolverLabels;
import dev.certkeeper.api.GoDuration;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.StaleCopy;
import dev.certkeeper.kube.Writes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.toolbox.JSONBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The challenges controller for HTTP-01: presents the key through solver objects, checks that the
 * key can be fetched the way the CA will fetch it (and says why not, in words a user can act on),
 * only then asks the CA to validate, follows the validation without waiting, and removes every
 * solver object once the Challenge is final or deleted.
 */
@ControllerConfiguration(name = "challenges")
public final class ChallengeReconciler implements Reconciler<Challenge>, Cleaner<Challenge> {
  private static final Logger LOG = LoggerFactory.getLogger(ChallengeReconciler.class);
  static final Duration VALIDATION_POLL = Duration.ofSeconds(1);
  static final Duration WAIT_FOR_ISSUER = Duration.ofSeconds(10);
  /** After the CA's verdict is recorded: the next pass removes the solver's objects. */
  private static final Duration CLEAN_UP = Duration.ZERO;

  private final IssuerLookup issuers;
  private final AcmeLogins logins;
  private final SolverPresenter presenter;
  private final Propagation propagation;
  private final ChallengeScheduler scheduler;
  private final Duration selfCheckLimit;
  private final EventRecorder events;
  private final Clock clock;
  private final RecordedWaits waits = new RecordedWaits();

  /** @param selfCheckLimit how long a failing self-check holds the CA back (zero: for ever) */
  public ChallengeReconciler(
      IssuerLookup issuers, AcmeLogins logins, SolverPresenter presenter, Propagation propagation, ChallengeScheduler scheduler, Duration selfCheckLimit,
      EventRecorder events, Clock clock) {
    this.issuers = issuers;
    this.logins = logins;
    this.presenter = presenter;
    this.propagation = propagation;
    this.scheduler = scheduler;
    this.selfCheckLimit = selfCheckLimit;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Solver Pods (only those: they carry the solver label) wake their Challenge when they change, so
   * the self-check runs as soon as a Pod is Ready instead of at the next back-off step. Issuers are
   * read from informers, and one becoming Ready wakes the Challenges waiting on it. The scheduler
   * wakes a Challenge waiting for a place as soon as one frees.
   */
  @Override
  public List<EventSource<?, Challenge>> prepareEventSources(EventSourceContext<Challenge> context) {
    var solverPods =
        InformerEventSourceConfiguration.from(Pod.class, Challenge.class)
            .withName("solver-pods")
            .withLabelSelector(SolverLabels.SOLVER + "=true")
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Challenge.class, false))
            .build();
    List<EventSource<?, Challenge>> sources =
        new ArrayList<>(IssuerLookup.informers(context, Challenge.class, c -> c.getSpec().issuerRef(), c -> ChallengeStatus.isFinal(c.getStatus())));
    sources.add(new InformerEventSource<>(solverPods, context));
    sources.add(scheduler.wakeups());
    return sources;
  }

  @Override
  public UpdateControl<Challenge> reconcile(Challenge challenge, Context<Challenge> context) {
    // Decisions rest on the status (presented, asked at the CA): never on a copy older than the cache's.
    if (StaleCopy.behindCache(challenge, context)) {
      return StaleCopy.readAgain();
    }
    ChallengeStatus status = challenge.getStatus() == null ? new ChallengeStatus(false, false, null, null, AcmeState.PENDING) : challenge.getStatus();
    try {
      return reconcile(challenge, status, context);
    } catch (KubernetesClientException e) {
      return solverObjectRefused(challenge, status, e);
    }
  }

  /**
   * The API server refused a solver object (an admission webhook, a quota, a policy engine): said
   * on the Challenge (after the CA's verdict, in an Event only), with an Event when the cause is
   * new, and tried again with a back-off that grows with the Challenge's age, rather than left to
   * the SDK's retries and then hours of silence.
   */
  private UpdateControl<Challenge> solverObjectRefused(Challenge challenge, ChallengeStatus status, KubernetesClientException e) {
    Duration retry = Propagation.backoff(waitingSince(challenge, status), clock.instant());
    if (ChallengeStatus.isFinal(status)) {
      // The reason stays the CA's verdict, which the Order repeats; the Event (counted when it repeats) says what is left.
      String problem = "could not remove the solver's objects: " + ApiErrors.describe(e);
      events.warning(challenge, "CleanUpError", problem);
      LOG.info("Challenge {}/{}: {}", challenge.getMetadata().getNamespace(), challenge.getMetadata().getName(), problem);
      return UpdateControl.<Challenge>noUpdate().rescheduleAfter(retry);
    }
    String problem = "could not present the solver's objects: " + ApiErrors.describe(e);
    if (!problem.equals(status.reason())) {
      events.warning(challenge, "PresentError", problem);
    }
    LOG.info("Challenge {}/{}: {}", challenge.getMetadata().getNamespace(), challenge.getMetadata().getName(), problem);
    return write(challenge, status.withReason(problem), retry);
  }

  /** Since when the Challenge waits on its solver: its presentation, or before that its creation, so the back-off grows either way. */
  private static Instant waitingSince(Challenge challenge, ChallengeStatus status) {
    return Instant.parse(status.presentedAt() != null ? status.presentedAt() : challenge.getMetadata().getCreationTimestamp());
  }

  private UpdateControl<Challenge> reconcile(Challenge challenge, ChallengeStatus status, Context<Challenge> context) {
    if (ChallengeStatus.isFinal(status)) {
      // A pass that ran before the cache had the final status may have presented again: its Pod wakes
      // this Challenge, and the objects go then.
      boolean solverLeft = !context.getSecondaryResources(Pod.class).isEmpty();
      if (Boolean.TRUE.equals(status.presented()) || Boolean.TRUE.equals(status.processing()) || solverLeft) {
        presenter.cleanUp(challenge);
        scheduler.released(challenge, () -> cached(context));
        return write(challenge, new ChallengeStatus(false, false, status.presentedAt(), status.reason(), status.state()), null);
      }
      return UpdateControl.noUpdate();
    }
    if (challenge.getSpec().type() != dev.certkeeper.api.acme.ChallengeSpec.Type.HTTP_01 || challenge.getSpec().solver().http01() == null) {
      return write(challenge, status.withReason("only HTTP-01 challenges are solved by this version of certkeeper"), null);
    }
    IssuerLookup.Found found = issuers.cached(challenge.getSpec().issuerRef(), challenge.getMetadata().getNamespace(), context.eventSourceRetriever());
    String notReady = found.notReadyReason();
    if (notReady != null) {
      // Not in the queue for a place while it could not take one.
      scheduler.withdraw(challenge);
      return write(challenge, status.withReason(notReady), WAIT_FOR_ISSUER);
    }
    Instant now = clock.instant();
    // How the Challenge stands if the CA cannot be asked: once presented, it stays presented, so it
    // is not presented again and its back-off grows from then.
    ChallengeStatus standing = status;
    Optional<Duration> held = waits.remaining(challenge, status.retryAfter(), now);
    if (held.isPresent()) {
      // The CA rate-limited or could not answer: nothing is asked of it, nor changed, before the time recorded then.
      return write(challenge, status, held.get());
    }
    try {
      if (Boolean.TRUE.equals(status.processing())) {
        return follow(challenge, status, logins.login(found), now, context);
      }
      Optional<String> waiting = scheduler.admit(challenge, () -> cached(context));
      if (waiting.isPresent()) {
        return write(challenge, status.withReason(waiting.get()), ChallengeScheduler.RECHECK);
      }
      Optional<String> problem = presenter.present(challenge);
      if (problem.isPresent()) {
        if (!problem.get().equals(status.reason())) {
          events.warning(challenge, "PresentError", problem.get());
        }
        return write(challenge, status.withReason(problem.get()), Propagation.backoff(waitingSince(challenge, status), now));
      }
      String presentedAt = Boolean.TRUE.equals(status.presented()) && status.presentedAt() != null ? status.presentedAt() : Conditions.timestamp(now);
      if (!Boolean.TRUE.equals(status.presented())) {
        events.normal(challenge, "Presented", "Presented challenge using HTTP-01 challenge mechanism");
      }
      ChallengeStatus presented = new ChallengeStatus(false, true, presentedAt, status.reason(), AcmeState.PENDING);
      standing = presented;
      Acceptance.Decision decision = accept(challenge, Instant.parse(presentedAt), now);
      if (decision instanceof Acceptance.Wait wait) {
        return write(challenge, presented.withReason(wait.reason()), wait.retry());
      }
      String asked = ((Acceptance.Ask) decision).reason();
      org.shredzone.acme4j.challenge.Challenge remote = logins.login(found).bindChallenge(AcmeUrls.parse(challenge.getSpec().url(), "the Challenge"));
      ChallengeStatus processing = new ChallengeStatus(true, true, presentedAt, asked, AcmeState.PENDING);
      if (!askToValidate(remote)) {
        LOG.info("Challenge {}/{}: the CA had already been asked to validate (its challenge is {}); following it", challenge.getMetadata().getNamespace(),
            challenge.getMetadata().getName(), remote.getStatus().name().toLowerCase(Locale.ROOT));
        return settle(challenge, processing, remote, Optional.empty(), now, context);
      }
      LOG.info("Challenge {}/{}: asked the CA to validate. {}", challenge.getMetadata().getNamespace(), challenge.getMetadata().getName(), asked);
      events.normal(challenge, "Started", "Challenge scheduled for processing");
      return write(challenge, processing, VALIDATION_POLL);
    } catch (AccountKey.Unavailable e) {
      return write(challenge, status.withReason(e.getMessage()), WAIT_FOR_ISSUER);
    } catch (AcmeException e) {
      return unanswered(challenge, standing, e, now);
    } catch (AcmeLazyLoadingException | AcmeProtocolException e) {
      return unanswered(challenge, standing, AcmeErrors.checked(e), now);
    }
  }

  /** Records the wait in the status, so that neither another event nor a restart asks the CA sooner. */
  private UpdateControl<Challenge> unanswered(Challenge challenge, ChallengeStatus standing, AcmeException e, Instant now) {
    ChallengeRetries.Retry retry = ChallengeRetries.after(e, standing, now);
    Instant notBefore = NotBefore.after(now, retry.after());
    String reason = Boolean.TRUE.equals(standing.processing()) ? ChallengeRetries.lookFailed(standing.reason(), retry.reason()) : retry.reason();
    return write(challenge, standing.withReason(reason).withRetryAfter(Conditions.timestamp(notBefore)), Duration.between(now, notBefore));
  }

  /** Whether the CA may be asked now: after the self-check (or the solver's fixed wait instead of it). */
  private Acceptance.Decision accept(Challenge challenge, Instant presentedAt, Instant now) {
    String domain = challenge.getSpec().dnsName();
    String wait = challenge.getSpec().solver().waitInsteadOfSelfCheck();
    if (wait != null && !wait.isEmpty()) {
      return Acceptance.afterFixedWait(domain, presentedAt, now, GoDuration.parse(wait));
    }
    return Acceptance.afterSelfCheck(domain, presentedAt, now, propagation.check(challenge), selfCheckLimit);
  }

  /**
   * Asks the CA to validate; false when it had been asked before. A crash after asking, before
   * {@code processing} was recorded, leaves the CA's challenge past pending: binding it has just
   * fetched its state, and a CA may also refuse a second ask (Pebble does, as RFC 8555 lets it)
   * when it moved on meanwhile. Such a challenge is followed as asked, for nothing else would end it.
   */
  private static boolean askToValidate(org.shredzone.acme4j.challenge.Challenge remote) throws AcmeException {
    if (remote.getStatus() != Status.PENDING) {
      return false;
    }
    try {
      remote.trigger();
      return true;
    } catch (AcmeException refused) {
      if (refused instanceof AcmeRateLimitedException) {
        // Not taken: the CA asks not to be asked anything before its Retry-After.
        throw refused;
      }
      try {
        remote.fetch();
      } catch (AcmeException unknown) {
        refused.addSuppressed(unknown);
        throw refused;
      }
      if (remote.getStatus() == Status.PENDING) {
        throw refused;
      }
      return false;
    }
  }

  /** Follows the CA's validation; a final state ends the Challenge and removes its solver. */
  private UpdateControl<Challenge> follow(Challenge challenge, ChallengeStatus status, Login login, Instant now, Context<Challenge> context)
      throws AcmeException {
    // Made from what the Challenge records rather than bound, which would fetch it a second time:
    // one signed request per poll (each an RSA signature with the account key, the operator's
    // largest CPU cost under load), not two.
    org.shredzone.acme4j.challenge.Challenge remote = login.createChallenge(new JSONBuilder()
        .put("type", Http01Challenge.TYPE)
        .put("url", AcmeUrls.parse(challenge.getSpec().url(), "the Challenge").toString())
        .put("token", challenge.getSpec().token())
        .toJSON());
    return settle(challenge, status, remote, remote.fetch(), now, context);
  }

  /** What the CA's challenge, just fetched, means for the Challenge: valid, failed, or poll again. */
  private UpdateControl<Challenge> settle(
      Challenge challenge, ChallengeStatus status, org.shredzone.acme4j.challenge.Challenge remote, Optional<Instant> retryAfter, Instant now,
      Context<Challenge> context) {
    Status state = remote.getStatus();
    String domain = challenge.getSpec().dnsName();
    // The CA's verdict is recorded first, with the solver's objects still there (presented): the
    // pass that follows removes them, and a removal the API server refuses is said as such there,
    // without holding the Order back or repeating the verdict's Event.
    if (state == Status.VALID) {
      scheduler.released(challenge, () -> cached(context));
      events.normal(challenge, "DomainVerified", "Domain \"" + domain + "\" verified with \"HTTP-01\" validation");
      return write(challenge, new ChallengeStatus(false, true, status.presentedAt(), "Successfully authorized domain", AcmeState.VALID), CLEAN_UP);
    }
    if (state == Status.INVALID || state == Status.DEACTIVATED || state == Status.EXPIRED || state == Status.REVOKED) {
      String why = remote.getError().map(p -> p.getDetail().orElse(p.toString())).orElse("the CA says the challenge is " + state.name().toLowerCase(Locale.ROOT));
      String reason = Acceptance.invalid(domain, why, ChallengeRetries.asked(status.reason()));
      LOG.info("Challenge {}/{} for {} failed: {}", challenge.getMetadata().getNamespace(), challenge.getMetadata().getName(), domain, why);
      events.warning(challenge, "Failed", reason);
      scheduler.released(challenge, () -> cached(context));
      return write(challenge, new ChallengeStatus(false, true, status.presentedAt(), reason, AcmeState.INVALID), CLEAN_UP);
    }
    Duration poll = retryAfter.map(t -> Duration.between(now, t)).filter(d -> !d.isNegative() && !d.isZero()).orElse(VALIDATION_POLL);
    return write(challenge, status.withReason(ChallengeRetries.asked(status.reason())).withRetryAfter(null), poll);
  }

  @Override
  public DeleteControl cleanup(Challenge challenge, Context<Challenge> context) {
    presenter.cleanUp(challenge);
    scheduler.released(challenge, () -> cached(context));
    return DeleteControl.defaultDelete();
  }

  private static List<Challenge> cached(Context<Challenge> context) {
    return context.getPrimaryCache().list().toList();
  }

  private UpdateControl<Challenge> write(Challenge resource, ChallengeStatus status, Duration retry) {
    waits.written(resource, status.retryAfter());
    return Writes.statusIfChanged(resource, status, retry);
  }


}

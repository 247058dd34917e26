package dev.certkeeper.acme.orders;

import dev.certkeeper.acme.AccountKey;
import dev.certkeeper.acme.AcmeErrors;
import dev.certkeeper.acme.AcmeLogins;
import dev.certkeeper.acme.RecordedWaits;
import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.kube.StaleCopy;
import dev.certkeeper.kube.Writes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders controller: sends an Order to the CA, creates one Challenge per pending
 * authorization, finalizes with the request's CSR once every Challenge is valid, and downloads
 * the chain. It never waits for the CA: each step records what it learnt and reschedules.
 */
@ControllerConfiguration(name = "orders")
public final class OrderReconciler implements Reconciler<Order> {
  private static final Logger LOG = LoggerFactory.getLogger(OrderReconciler.class);
  /** How often a pending order is looked at even without a Challenge event, to notice the CA giving up. */
  static final Duration RECHECK_PENDING = Duration.ofSeconds(30);
  static final Duration WAIT_FOR_ISSUER = Duration.ofSeconds(10);
  /** How soon to look again when the cache is behind the API server. */
  static final Duration CACHE_LAG = Duration.ofMillis(500);

  private final IssuerLookup issuers;
  private final AcmeLogins logins;
  private final OrderSteps steps;
  private final EventRecorder events;
  private final Clock clock;
  private final RecordedWaits waits = new RecordedWaits();

  public OrderReconciler(IssuerLookup issuers, AcmeLogins logins, OrderSteps steps, EventRecorder events, Clock clock) {
    this.issuers = issuers;
    this.logins = logins;
    this.steps = steps;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Order>> prepareEventSources(EventSourceContext<Order> context) {
    var challenges =
        InformerEventSourceConfiguration.from(Challenge.class, Order.class)
            .withName("challenges")
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Order.class))
            .build();
    // A changed solver configuration redoes the Challenges not yet accepted at the CA, at once.
    List<EventSource<?, Order>> sources = new ArrayList<>(IssuerLookup.informers(context, Order.class, o -> o.getSpec().issuerRef(), OrderReconciler::isFinal));
    sources.add(new InformerEventSource<>(challenges, context));
    return sources;
  }

  private static boolean isFinal(Order order) {
    return order.getStatus() != null && order.getStatus().state() != null && order.getStatus().state().isFinal();
  }

  @Override
  public UpdateControl<Order> reconcile(Order order, Context<Order> context) {
    // Never decide (nor announce a state again) on a copy older than the cache's.
    if (StaleCopy.behindCache(order, context)) {
      return StaleCopy.readAgain();
    }
    OrderStatus status = order.getStatus() == null ? new OrderStatus(null, null, null, null, null, null, null, null) : order.getStatus();
    if (status.state() != null && status.state().isFinal()) {
      // Challenges the CA no longer needs (another one failed, or the order expired) stop here.
      try {
        for (Challenge leftOver : OrderChallenges.leftOver(context.getSecondaryResources(Challenge.class))) {
          LOG.info("Order {}/{} is {}: deleting its unfinished Challenge {}", order.getMetadata().getNamespace(), order.getMetadata().getName(),
              status.state().name().toLowerCase(java.util.Locale.ROOT), leftOver.getMetadata().getName());
          context.getClient().resource(leftOver).delete();
        }
      } catch (KubernetesClientException e) {
        // The Challenges stay (their solvers too) until the delete goes through; the Order's verdict is already recorded.
        events.warning(order, ApiErrors.REASON, "cannot delete this Order's unfinished Challenges: " + ApiErrors.describe(e));
        return UpdateControl.<Order>noUpdate().rescheduleAfter(ApiErrors.RETRY);
      }
      return UpdateControl.noUpdate();
    }
    boolean current;
    try {
      current = status.url() != null || steps.currentOnServer(order);
    } catch (KubernetesClientException e) {
      return write(order, status.withReason(apiFailure(order, status, e)), ApiErrors.RETRY);
    }
    if (!current) {
      // A new order is the one CA call that cannot be repeated safely (a second one would be left
      // behind at the CA, and count against its rate limits), so it is decided on the Order as the
      // API server has it: the cache may not have seen our own write of the order's URL yet.
      return UpdateControl.<Order>noUpdate().rescheduleAfter(CACHE_LAG);
    }
    Optional<Duration> backingOff = waits.remaining(order, status.retryAfter(), clock.instant());
    if (backingOff.isPresent()) {
      // Woken early (a Challenge changed, a restart): the CA's Retry-After or the back-off still holds.
      return UpdateControl.<Order>noUpdate().rescheduleAfter(backingOff.get());
    }
    IssuerLookup.Found found = issuers.cached(order.getSpec().issuerRef(), order.getMetadata().getNamespace(), context.eventSourceRetriever());
    String notReady = found.notReadyReason();
    if (notReady == null && found.issuer().getSpec().acme() == null) {
      notReady = found.described() + " is not an ACME issuer";
    }
    if (notReady != null) {
      return write(order, status.withReason(notReady), WAIT_FOR_ISSUER);
    }
    Set<Challenge> challenges = context.getSecondaryResources(Challenge.class);
    OrderStep step;
    try {
      Login login = logins.login(found);
      // The wait is over; a step that fails again records a new one.
      OrderStatus asking = status.withRetryAfter(null);
      step = asking.url() == null
          ? steps.create(order, asking, login)
          : steps.advance(order, asking, login, found, challenges);
    } catch (AccountKey.Unavailable e) {
      step = OrderStep.retry(status.withReason(e.getMessage()), WAIT_FOR_ISSUER);
    } catch (AcmeException e) {
      step = AcmeRetries.after(e, status, clock.instant());
    } catch (AcmeLazyLoadingException | AcmeProtocolException e) {
      step = AcmeRetries.after(AcmeErrors.checked(e), status, clock.instant());
    } catch (KubernetesClientException e) {
      if (ApiErrors.isConflict(e)) {
        throw e;
      }
      // A Challenge the API server refuses (a quota, an admission policy): said on the Order, and so
      // on its request and Certificate, rather than left to the SDK's few retries and then silence.
      step = OrderStep.retry(status.withReason(apiFailure(order, status, e)), ApiErrors.RETRY);
    }
    if (step.status().state() != null && step.status().state() != status.state()) {
      announce(order, step.status());
    }
    return write(order, step.status(), step.retry());
  }

  /** The Order's reason for an API request that failed, with a Warning when the cause is new. */
  private String apiFailure(Order order, OrderStatus status, KubernetesClientException e) {
    String reason = "an API request for this Order failed: " + ApiErrors.describe(e);
    if (!reason.equals(status.reason())) {
      events.warning(order, ApiErrors.REASON, reason);
    }
    return reason;
  }

  private void announce(Order order, OrderStatus status) {
    String name = order.getMetadata().getNamespace() + "/" + order.getMetadata().getName();
    String state = status.state().name().toLowerCase(java.util.Locale.ROOT);
    LOG.info("Order {} is {}{}", name, state, status.reason() == null ? "" : ": " + status.reason());
    if (status.state() == AcmeState.INVALID || status.state() == AcmeState.ERRORED || status.state() == AcmeState.EXPIRED) {
      events.warning(order, "Failed", "Order is " + state + (status.reason() == null ? "" : ": " + status.reason()));
    } else if (status.state() == AcmeState.VALID) {
      events.normal(order, "Complete", "Order completed successfully");
    }
  }

  private UpdateControl<Order> write(Order resource, OrderStatus status, Duration retry) {
    waits.written(resource, status.retryAfter());
    return Writes.statusIfChanged(resource, status, retry);
  }

}

package dev.certkeeper.issuers;

import dev.certkeeper.acme.AccountRegistrar;
import dev.certkeeper.acme.WaitedBackoff;
import dev.certkeeper.api.acme.AcmeIssuerStatus;
import dev.certkeeper.api.certmanager.IssuerSpec;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.kube.ApiErrors;
import dev.certkeeper.kube.Conditions;
import dev.certkeeper.kube.EventRecorder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Ready condition of Issuers and ClusterIssuers (one reconciler for each kind delegates here). CA Secrets are read directly rather than
 * watched (only labelled Secrets are cached), so readiness is re-checked on a schedule: soon while
 * not Ready, every few minutes once Ready, which also notices a CA Secret that is replaced. ACME
 * issuers are Ready once their account is registered; the CA is asked again only when the server,
 * account key or email changed.
 *
 * @param <I> Issuer or ClusterIssuer
 */
public final class IssuerReadinessLoop<I extends CustomResource<IssuerSpec, IssuerStatus>> {
  private static final Logger LOG = LoggerFactory.getLogger(IssuerReadinessLoop.class);
  static final Duration RECHECK_READY = Duration.ofMinutes(5);
  static final Duration RECHECK_NOT_READY = Duration.ofSeconds(10);
  static final Duration REGISTRATION_BACKOFF_LIMIT = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;
  private final Function<I, String> secretNamespace;
  private final AccountRegistrar accounts;

  /**
   * @param secretNamespace where an issuer's Secrets live: its own namespace for an Issuer, the
   *     cluster resource namespace for a ClusterIssuer
   */
  public IssuerReadinessLoop(
      KubernetesClient client, EventRecorder events, Clock clock, Function<I, String> secretNamespace, AccountRegistrar accounts) {
    this.client = client;
    this.accounts = accounts;
    this.events = events;
    this.clock = clock;
    this.secretNamespace = secretNamespace;
  }

  /** Checks the issuer and returns its new status to patch, rescheduled for the next check. */
  public UpdateControl<I> reconcile(I issuer) {
    Instant now = clock.instant();
    String namespace = secretNamespace.apply(issuer);
    AcmeIssuerStatus acme = issuer.getStatus() == null ? null : issuer.getStatus().acme();
    IssuerReadiness readiness;
    Instant notBefore = null;
    if (issuer.getSpec().acme() != null) {
      AccountRegistrar.Result result = accounts.ensure(namespace, issuer.getSpec().acme(), acme, now);
      if (result instanceof AccountRegistrar.Registered registered) {
        acme = registered.status();
        readiness = new IssuerReadiness(ConditionStatus.TRUE, AccountRegistrar.REGISTERED, "The ACME account was registered with the ACME server");
      } else {
        AccountRegistrar.Failed failed = (AccountRegistrar.Failed) result;
        readiness = new IssuerReadiness(ConditionStatus.FALSE, failed.reason(), failed.message());
        notBefore = failed.notBefore() != null ? failed.notBefore() : now.plus(registrationBackoff(notReadySince(issuer), now));
      }
    } else {
      readiness =
          IssuerReadiness.of(
              issuer.getSpec(),
              () -> {
                String name = issuer.getSpec().ca().secretName();
                if (name == null || name.isEmpty()) {
                  return CaKeyPair.unnamed();
                }
                Optional<Secret> secret;
                try {
                  secret = Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
                } catch (KubernetesClientException e) {
                  // No read access to the namespace (a ClusterIssuer's Secret outside the cluster resource namespace), or no API server.
                  return CaKeyPair.unreadable(namespace, name, ApiErrors.describe(e));
                }
                return CaKeyPair.read(namespace, name, secret, now);
              });
    }

    List<Condition> before = issuer.getStatus() == null ? null : issuer.getStatus().conditions();
    List<Condition> after =
        Conditions.set(before, "Ready", readiness.status(), readiness.reason(), readiness.message(), issuer.getMetadata().getGeneration(), now);
    Duration recheck = recheck(readiness.status(), notBefore, now);
    AcmeIssuerStatus acmeBefore = issuer.getStatus() == null ? null : issuer.getStatus().acme();
    if (after.equals(before) && Objects.equals(acme, acmeBefore)) {
      return UpdateControl.<I>noUpdate().rescheduleAfter(recheck);
    }
    if (!Conditions.find(before, "Ready").map(c -> Objects.equals(c.reason(), readiness.reason())).orElse(false)) {
      LOG.info("{} {} is {}: {} {}", issuer.getKind(), name(issuer), readiness.status(), readiness.reason(), readiness.message());
      if (readiness.status() == ConditionStatus.TRUE) {
        events.normal(issuer, readiness.reason(), readiness.message().isEmpty() ? "Issuer is ready" : readiness.message());
      } else {
        events.warning(issuer, readiness.reason(), readiness.message());
      }
    }
    issuer.setStatus(new IssuerStatus(after, acme));
    return UpdateControl.patchStatus(issuer).rescheduleAfter(recheck);
  }

  /**
   * How long to wait before asking the CA again for an account it would not register (a refused
   * email or EAB key, terms, an unreachable server): a quarter of the time the issuer has not been
   * Ready, from {@link #RECHECK_NOT_READY} to {@link #REGISTRATION_BACKOFF_LIMIT}, so a fix at the CA
   * or in a Secret is noticed soon and a refusal that stands costs a few requests an hour rather
   * than one every ten seconds. An edit of the issuer is looked at at once.
   */
  static Duration registrationBackoff(Optional<Instant> notReadySince, Instant now) {
    return WaitedBackoff.of(notReadySince.orElse(now), now, RECHECK_NOT_READY, REGISTRATION_BACKOFF_LIMIT);
  }

  /** Since when the issuer's Ready condition has been False, if it is. */
  private static Optional<Instant> notReadySince(CustomResource<IssuerSpec, IssuerStatus> issuer) {
    return Conditions.find(issuer.getStatus() == null ? null : issuer.getStatus().conditions(), "Ready")
        .filter(c -> c.status() == ConditionStatus.FALSE && c.lastTransitionTime() != null)
        .map(c -> Instant.parse(c.lastTransitionTime()));
  }

  /**
   * When to check the issuer again: a while after it became Ready, soon after it did not, and, when
   * the CA rate limited the account request, exactly when the CA said it may be asked again.
   */
  static Duration recheck(ConditionStatus status, Instant notBefore, Instant now) {
    if (status == ConditionStatus.TRUE) {
      return RECHECK_READY;
    }
    if (notBefore == null) {
      return RECHECK_NOT_READY;
    }
    Duration wait = Duration.between(now, notBefore);
    return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
  }

  private static String name(CustomResource<?, ?> resource) {
    String namespace = resource.getMetadata().getNamespace();
    return namespace == null ? resource.getMetadata().getName() : namespace + "/" + resource.getMetadata().getName();
  }
}

package dev.certkeeper.operator;

import dev.certkeeper.acme.AccountRegistrar;
import dev.certkeeper.acme.AcmeLogins;
import dev.certkeeper.acme.AcmeRenewalInfo;
import dev.certkeeper.acme.AcmeSessions;
import dev.certkeeper.acme.challenges.ChallengeReconciler;
import dev.certkeeper.acme.challenges.ChallengeScheduler;
import dev.certkeeper.acme.challenges.SelfCheckPropagation;
import dev.certkeeper.acme.challenges.SolverPresenter;
import dev.certkeeper.acme.dns.HostResolver;
import dev.certkeeper.acme.dns.Nameservers;
import dev.certkeeper.acme.orders.OrderReconciler;
import dev.certkeeper.acme.orders.OrderSteps;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.certificates.CertificateReconciler;
import dev.certkeeper.ingressshim.IngressShimReconciler;
import dev.certkeeper.issuers.ClusterIssuerReconciler;
import dev.certkeeper.issuers.IssuerReadinessLoop;
import dev.certkeeper.issuers.IssuerLookup;
import dev.certkeeper.issuers.IssuerReconciler;
import dev.certkeeper.kube.EventRecorder;
import dev.certkeeper.requests.CertificateRequestReconciler;
import dev.certkeeper.requests.RequestSigner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.Controller;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/** Wires certkeeper's controllers into a JOSDK operator. */
public final class Controllers {
  private Controllers() {}

  /**
   * Registers every controller; the operator still has to be started. ACME HTTP clients are passed
   * through {@code acmeHttpClients} (for metrics). Returns the certificates controller, whose cache
   * {@link #cachedCertificates} reads.
   */
  public static RegisteredController<Certificate> register(
      Operator operator, KubernetesClient client, OperatorSettings settings, Clock clock, UnaryOperator<HttpClient> acmeHttpClients) {
    EventRecorder events = new EventRecorder(client, clock);
    AcmeSessions sessions = new AcmeSessions(acmeHttpClients);
    AccountRegistrar accounts = new AccountRegistrar(client, sessions);
    IssuerLookup issuers = new IssuerLookup(settings.clusterResourceNamespace());
    operator.register(
        new IssuerReconciler(new IssuerReadinessLoop<Issuer>(client, events, clock, issuer -> issuer.getMetadata().getNamespace(), accounts)));
    operator.register(
        new ClusterIssuerReconciler(
            new IssuerReadinessLoop<ClusterIssuer>(client, events, clock, issuer -> settings.clusterResourceNamespace(), accounts),
            settings.clusterResourceNamespace()));
    operator.register(new CertificateRequestReconciler(new RequestSigner(client), issuers, events, clock));
    AcmeLogins logins = new AcmeLogins(client, sessions);
    RegisteredController<Certificate> certificates =
        operator.register(new CertificateReconciler(client, settings, events, clock, issuers, new AcmeRenewalInfo(logins)));
    operator.register(new OrderReconciler(issuers, logins, new OrderSteps(client, clock), events, clock));
    operator.register(
        new ChallengeReconciler(
            issuers, logins, new SolverPresenter(client, settings.acmeSolver()),
            new SelfCheckPropagation(client, HostResolver.of(Nameservers.parse(String.join(",", settings.selfCheckNameservers())))),
            new ChallengeScheduler(settings.maxConcurrentChallenges(), clock), settings.selfCheckLimit(), events, clock));
    IngressShimReconciler ingressShim = new IngressShimReconciler(client, settings.ingressShim(), events);
    operator.register(ingressShim, config -> config.withGenericFilter(ingressShim::asksForCertificates));
    return certificates;
  }

  /** The Certificates in the certificates controller's informer cache; call only once the operator has started. */
  public static List<Certificate> cachedCertificates(RegisteredController<Certificate> certificates) {
    // Operator.register returns the Controller itself; its primary cache is the informer's store.
    return ((Controller<Certificate>) certificates).getEventSourceManager().getControllerEventSource().list(certificate -> true).toList();
  }
}

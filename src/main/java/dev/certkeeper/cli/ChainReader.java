package dev.certkeeper.cli;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.cli.report.ChainLinks;
import dev.certkeeper.cli.report.ChainObjects;
import dev.certkeeper.kube.ApiErrors;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Reads one Certificate's chain from the API server: the objects {@code status certificate} reports on. */
final class ChainReader {
  private final KubernetesClient client;

  ChainReader(KubernetesClient client) {
    this.client = client;
  }

  /** The Certificate and the objects it led to; fails when there is no such Certificate. */
  ChainObjects read(String namespace, String name) {
    Certificate certificate = client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
    if (certificate == null) {
      throw new CliFailure("Certificate " + name + " not found in namespace " + namespace);
    }
    Readable<Secret> secret = readable(() -> client.secrets().inNamespace(namespace).withName(certificate.getSpec().secretName()).get());
    CertificateRequest request =
        ChainLinks.request(certificate, client.resources(CertificateRequest.class).inNamespace(namespace).list().getItems()).orElse(null);
    Order order = request == null
        ? null
        : ChainLinks.order(request, client.resources(Order.class).inNamespace(namespace).list().getItems()).orElse(null);
    List<Challenge> challenges = order == null
        ? List.of()
        : ChainLinks.challenges(order, client.resources(Challenge.class).inNamespace(namespace).list().getItems());
    List<HasMetadata> chain = new ArrayList<>();
    Stream.of(certificate, secret.object(), request, order).filter(Objects::nonNull).forEach(chain::add);
    chain.addAll(challenges);
    Readable<HasMetadata> issuer = readable(() -> issuer(certificate.getSpec().issuerRef(), namespace));
    return new ChainObjects(
        certificate, issuer.object(), secret.object(), request, order, challenges, events(namespace, chain), issuer.forbidden(), secret.forbidden());
  }

  /** An object read, or why the user's role may not read it. */
  private record Readable<T>(T object, String forbidden) {}

  /**
   * As cmctl, an issuer or Secret the user may not read (a namespace's role cannot reach a
   * ClusterIssuer; the view role excludes Secrets) is reported in its section, not as the whole command's failure.
   */
  private static <T> Readable<T> readable(Supplier<T> read) {
    try {
      return new Readable<>(read.get(), null);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return new Readable<>(null, ApiErrors.describe(e));
    }
  }

  /** The Issuer or ClusterIssuer the reference names; null when absent or external. */
  private HasMetadata issuer(IssuerReference ref, String namespace) {
    if (ref.external()) {
      return null;
    }
    return IssuerReference.CLUSTER_ISSUER.equals(ref.effectiveKind())
        ? client.resources(ClusterIssuer.class).withName(ref.name()).get()
        : client.resources(Issuer.class).inNamespace(namespace).withName(ref.name()).get();
  }

  /** The Events about the objects, asked for by uid so a busy namespace's other Events are not read. */
  private List<Event> events(String namespace, List<HasMetadata> objects) {
    List<Event> events = new ArrayList<>();
    for (HasMetadata object : objects) {
      events.addAll(client.v1().events().inNamespace(namespace).withField("involvedObject.uid", object.getMetadata().getUid()).list().getItems());
    }
    return events;
  }
}

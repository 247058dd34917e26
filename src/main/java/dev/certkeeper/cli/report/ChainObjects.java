package dev.certkeeper.cli.report;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * The objects of one Certificate's chain as read from the API server. Absent ones are null:
 * {@code issuer} (an Issuer or ClusterIssuer) also when the issuerRef names an external issuer.
 * {@code events} are the Events about any of them. {@code issuerUnreadable} and
 * {@code secretUnreadable} say why the issuer or the Secret could not be read (a user whose role
 * does not reach them), null when it was read or is absent.
 */
public record ChainObjects(
    Certificate certificate,
    HasMetadata issuer,
    Secret secret,
    CertificateRequest request,
    Order order,
    List<Challenge> challenges,
    List<Event> events,
    String issuerUnreadable,
    String secretUnreadable) {

  public ChainObjects {
    challenges = challenges == null ? List.of() : List.copyOf(challenges);
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** The objects, all of which could be read. */
  public ChainObjects(
      Certificate certificate, HasMetadata issuer, Secret secret, CertificateRequest request, Order order, List<Challenge> challenges, List<Event> events) {
    this(certificate, issuer, secret, request, order, challenges, events, null, null);
  }
}

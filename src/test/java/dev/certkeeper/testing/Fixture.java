package dev.certkeeper.testing;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.kube.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** One test class's namespace on the local control plane, with the operator running, and helpers to drive it. */
public final class Fixture {
  public static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int EDIT_ATTEMPTS = 10;

  public final KubernetesClient client;
  public final String namespace;

  public Fixture(LocalEnvironment environment, String prefix) {
    this.client = environment.client();
    this.namespace = environment.createNamespace(prefix);
  }

  /** Creates an object from YAML in this namespace (ClusterIssuers cluster-wide). */
  public <T extends HasMetadata> T create(Class<T> type, String yaml) {
    T object = client.getKubernetesSerialization().unmarshal(yaml, type);
    return object instanceof ClusterIssuer ? client.resource(object).create() : client.resource(object).inNamespace(namespace).create();
  }

  /**
   * A CA Issuer named {@code name} on a self-signed root (Issuer {@code name}-selfsigned, root
   * Certificate and Secret {@code name}-root), once it is Ready.
   */
  public Issuer caIssuer(String name) {
    create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "-selfsigned}\nspec: {selfSigned: {}}");
    create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "-root}\nspec: {isCA: true, commonName: " + name
            + " test root, secretName: " + name + "-root, privateKey: {algorithm: ECDSA, size: 256}, issuerRef: {name: " + name + "-selfsigned}}");
    awaitCertificate(name + "-root", "True");
    create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec: {ca: {secretName: " + name + "-root}}");
    return awaitIssuer(name, "True");
  }

  /**
   * A ResourceQuota in this namespace that admits {@code allowed} more objects counted as
   * {@code resource} (such as {@code pods} or {@code count/orders.acme.cert-manager.io}).
   */
  public ResourceQuota quota(String name, String resource, int allowed) {
    Quantity hard = new Quantity(Integer.toString(allowed));
    ResourceQuota quota = client.resource(new ResourceQuotaBuilder()
            .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
            .withNewSpec().addToHard(resource, hard).endSpec()
            .build())
        .create();
    // Admission enforces the quota's status, which no quota controller writes here: write it as one would.
    quota.setStatus(new ResourceQuotaStatusBuilder().addToHard(resource, hard).addToUsed(resource, new Quantity("0")).build());
    return client.resource(quota).updateStatus();
  }

  public Certificate certificate(String name) {
    return client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Secret> secret(String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  public List<CertificateRequest> requests() {
    return client.resources(CertificateRequest.class).inNamespace(namespace).list().getItems();
  }

  /** Waits until the Certificate's Ready condition has the status, and returns the Certificate. */
  public Certificate awaitCertificate(String name, String status) {
    return Await.until(
        TIMEOUT,
        "Certificate " + name + " Ready=" + status,
        () -> Optional.ofNullable(certificate(name)).filter(c -> condition(c, "Ready").map(r -> r.status().name().equalsIgnoreCase(status)).orElse(false)),
        () -> describe(certificate(name)));
  }

  /** Waits until the Certificate has a condition of the type that matches, and returns the Certificate. */
  public Certificate awaitCondition(String name, String type, String what, Predicate<Condition> matches) {
    return Await.until(
        TIMEOUT,
        "Certificate " + name + ": " + what,
        () -> Optional.ofNullable(certificate(name)).filter(c -> condition(c, type).map(matches::test).orElse(false)),
        () -> describe(certificate(name)));
  }

  /** Waits until the Certificate reaches the revision with Ready=True. */
  public Certificate awaitRevision(String name, int revision) {
    return Await.until(
        TIMEOUT,
        "Certificate " + name + " at revision " + revision + " and Ready",
        () -> Optional.ofNullable(certificate(name))
            .filter(c -> c.getStatus() != null && Integer.valueOf(revision).equals(c.getStatus().revision()))
            .filter(c -> Conditions.isTrue(c.getStatus().conditions(), "Ready")),
        () -> describe(certificate(name)));
  }

  public Issuer awaitIssuer(String name, String status) {
    return Await.until(
        TIMEOUT,
        "Issuer " + name + " Ready=" + status,
        () -> Optional.ofNullable(client.resources(Issuer.class).inNamespace(namespace).withName(name).get())
            .filter(i -> i.getStatus() != null && Conditions.find(i.getStatus().conditions(), "Ready").map(r -> r.status().name().equalsIgnoreCase(status)).orElse(false)),
        () -> String.valueOf(client.resources(Issuer.class).inNamespace(namespace).withName(name).get()));
  }

  /** Waits until the ClusterIssuer is Ready=True. */
  public ClusterIssuer awaitClusterIssuer(String name) {
    return Await.until(
        TIMEOUT,
        "ClusterIssuer " + name + " Ready",
        () -> Optional.ofNullable(client.resources(ClusterIssuer.class).withName(name).get())
            .filter(i -> i.getStatus() != null && Conditions.isTrue(i.getStatus().conditions(), "Ready")),
        () -> String.valueOf(client.resources(ClusterIssuer.class).withName(name).get()));
  }

  /**
   * Changes an object as {@code kubectl edit} does, reading it again and retrying when the write conflicts:
   * the operator may write the object (its status, or a Lease's renewal) between the read and the write.
   */
  public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return resource.edit(change);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == EDIT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  public static Optional<Condition> condition(Certificate certificate, String type) {
    return certificate.getStatus() == null ? Optional.empty() : Conditions.find(certificate.getStatus().conditions(), type);
  }

  /** The decoded value of a Secret key. */
  public static byte[] data(Secret secret, String key) {
    String value = secret.getData().get(key);
    if (value == null) {
      throw new AssertionError("Secret " + secret.getMetadata().getName() + " has no " + key + "; keys: " + secret.getData().keySet());
    }
    return Base64.getDecoder().decode(value);
  }

  public static String text(Secret secret, String key) {
    return new String(data(secret, key), StandardCharsets.UTF_8);
  }

  /** Waits until the Events recorded on an object (written in the background) include every reason given; returns all their reasons. */
  public List<String> awaitEventReasons(HasMetadata object, String... reasons) {
    return Await.until(
        TIMEOUT, "Events " + String.join(", ", reasons) + " on " + object.getKind() + " " + object.getMetadata().getName(),
        () -> Optional.of(eventReasons(object)).filter(recorded -> recorded.containsAll(List.of(reasons))),
        () -> "events: " + eventReasons(object));
  }

  /** The reasons of the Events recorded on an object. */
  public List<String> eventReasons(HasMetadata object) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(object.getMetadata().getName()) && e.getInvolvedObject().getKind().equals(object.getKind()))
        .map(Event::getReason)
        .toList();
  }

  /**
   * A CA Issuer named {@code name} whose root (ECDSA P-256, common name as given) is issued by a
   * SelfSigned Issuer {@code <name>-selfsigned} into the Secret {@code <name>-root}; waits until it is Ready.
   */
  public Issuer caIssuer(String name, String commonName) {
    create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "-selfsigned}\nspec: {selfSigned: {}}");
    create(
        Certificate.class,
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: " + name + "-root}\n"
            + "spec: {isCA: true, commonName: " + commonName + ", secretName: " + name + "-root, privateKey: {algorithm: ECDSA, size: 256},"
            + " issuerRef: {name: " + name + "-selfsigned}}\n");
    awaitCertificate(name + "-root", "True");
    create(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: " + name + "}\nspec: {ca: {secretName: " + name + "-root}}");
    return awaitIssuer(name, "True");
  }

  private static String describe(Certificate certificate) {
    return certificate == null ? "no such Certificate" : String.valueOf(certificate.getStatus());
  }
}

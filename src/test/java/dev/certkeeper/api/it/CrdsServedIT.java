package dev.certkeeper.api.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.AcmeState;
import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.ChallengeStatus;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.acme.OrderStatus;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.CertificateRequestCondition;
import dev.certkeeper.api.certmanager.CertificateRequestStatus;
import dev.certkeeper.api.certmanager.CertificateStatus;
import dev.certkeeper.api.certmanager.ClusterIssuer;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.certmanager.IssuerStatus;
import dev.certkeeper.api.crd.CrdWriter;
import dev.certkeeper.api.meta.Condition;
import dev.certkeeper.api.meta.ConditionStatus;
import dev.certkeeper.testing.LocalControlPlane;
import dev.certkeeper.testing.LocalEnvironment;
import dev.certkeeper.testing.TestData;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The six CRDs are installed, established and served as cert-manager's are, with a status subresource. */
@ExtendWith(LocalControlPlane.class)
class CrdsServedIT {
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void connect(LocalEnvironment environment) {
    client = environment.client();
    namespace = environment.createNamespace("crds");
  }

  static Stream<Arguments> crds() {
    return Stream.of(
        Arguments.of("issuers.cert-manager.io", "Namespaced", List.of("iss"), List.of("cert-manager")),
        Arguments.of("clusterissuers.cert-manager.io", "Cluster", List.of("ciss"), List.of("cert-manager")),
        Arguments.of("certificates.cert-manager.io", "Namespaced", List.of("cert", "certs"), List.of("cert-manager")),
        Arguments.of("certificaterequests.cert-manager.io", "Namespaced", List.of("cr", "crs"), List.of("cert-manager")),
        Arguments.of("orders.acme.cert-manager.io", "Namespaced", List.of(), List.of("cert-manager", "cert-manager-acme")),
        Arguments.of("challenges.acme.cert-manager.io", "Namespaced", List.of(), List.of("cert-manager", "cert-manager-acme")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crds")
  void crdIsEstablishedWithCertManagerNames(String name, String scope, List<String> shortNames, List<String> categories) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    assertThat(crd).as(name + " installed").isNotNull();
    assertThat(crd.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True"));
    assertThat(crd.getSpec().getScope()).isEqualTo(scope);
    assertThat(crd.getSpec().getVersions()).singleElement().satisfies(v -> {
      assertThat(v.getName()).isEqualTo("v1");
      assertThat(v.getServed()).isTrue();
      assertThat(v.getStorage()).isTrue();
      assertThat(v.getSubresources().getStatus()).isNotNull();
    });

    String group = crd.getSpec().getGroup();
    APIResource served =
        client.getApiResources(group + "/v1").getResources().stream()
            .filter(r -> r.getName().equals(crd.getSpec().getNames().getPlural()))
            .findFirst()
            .orElseThrow();
    assertThat(served.getShortNames() == null ? List.of() : served.getShortNames()).containsExactlyElementsOf(shortNames);
    assertThat(served.getCategories()).containsExactlyElementsOf(categories);
    assertThat(served.getNamespaced()).isEqualTo(scope.equals("Namespaced"));
  }

  @Test
  void everyModelKindHasItsCrdInstalled() {
    for (Class<? extends HasMetadata> kind : CrdWriter.KINDS) {
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName(HasMetadata.getFullResourceName(kind)).get())
          .as(kind.getSimpleName())
          .isNotNull();
    }
  }

  @Test
  void issuerStatusRoundTripsThroughTheStatusSubresource() {
    Issuer issuer = load(Issuer.class, "apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: selfsigned}\nspec: {selfSigned: {}}");
    roundTrip(issuer, i -> {
      i.setStatus(new IssuerStatus(List.of(readyCondition("IsReady", "")), null));
      return i;
    });
  }

  @Test
  void clusterIssuerStatusRoundTripsThroughTheStatusSubresource() {
    ClusterIssuer issuer =
        load(ClusterIssuer.class, "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: " + namespace + "-ca}\nspec: {ca: {secretName: ca-key-pair}}");
    roundTrip(issuer, i -> {
      i.setStatus(new IssuerStatus(List.of(readyCondition("KeyPairVerified", "Signing CA verified")), null));
      return i;
    });
  }

  @Test
  void certificateStatusRoundTripsThroughTheStatusSubresource() {
    Certificate certificate =
        load(
            Certificate.class,
            "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec: {secretName: web-tls, dnsNames: [web.example.com], issuerRef: {name: ca}}");
    roundTrip(certificate, c -> {
      c.setStatus(
          new CertificateStatus(
              List.of(readyCondition("Ready", "Certificate is up to date and has not expired")),
              null, "2026-11-23T09:00:00Z", "2027-02-21T09:00:00Z", "2027-01-22T09:00:00Z", 1, null, null, null));
      return c;
    });
  }

  @Test
  void certificateRequestStatusRoundTripsThroughTheStatusSubresource() {
    CertificateRequest request =
        load(
            CertificateRequest.class,
            "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata: {name: roundtrip-1}\nspec: {request: " + CSR_BASE64 + ", issuerRef: {name: ca}}");
    roundTrip(request, r -> {
      r.setStatus(
          new CertificateRequestStatus(
              List.of(new CertificateRequestCondition("Approved", ConditionStatus.TRUE, "2026-11-23T09:00:00Z", "cert-manager.io", "Certificate request has been approved by cert-manager.io")),
              null, null, null));
      return r;
    });
  }

  @Test
  void orderStatusRoundTripsThroughTheStatusSubresource() {
    Order order =
        load(Order.class, "apiVersion: acme.cert-manager.io/v1\nkind: Order\nmetadata: {name: web-1-123}\nspec: {request: " + CSR_BASE64 + ", issuerRef: {name: le}, dnsNames: [example.com]}");
    roundTrip(order, o -> {
      o.setStatus(new OrderStatus("https://127.0.0.1:14000/my-order/1", "https://127.0.0.1:14000/finalize-order/1", null, null, AcmeState.PENDING, null, null, "2026-11-23T11:00:00Z"));
      return o;
    });
  }

  @Test
  void challengeStatusRoundTripsThroughTheStatusSubresource() {
    Challenge challenge =
        load(
            Challenge.class,
            """
            apiVersion: acme.cert-manager.io/v1
            kind: Challenge
            metadata: {name: web-1-123-456}
            spec:
              url: https://127.0.0.1:14000/chalZ/1
              authorizationURL: https://127.0.0.1:14000/authZ/1
              dnsName: example.com
              type: HTTP-01
              token: tok
              key: tok.thumb
              solver: {http01: {ingress: {ingressClassName: nginx}}}
              issuerRef: {name: le}
            """);
    roundTrip(challenge, c -> {
      c.setStatus(new ChallengeStatus(true, true, "2026-11-23T09:00:00Z", "Waiting for HTTP-01 challenge propagation", AcmeState.PENDING));
      return c;
    });
  }

  /**
   * Creates the object and writes its status through /status: the API server keeps the status as
   * written and the spec unchanged. The operator may write the same objects meanwhile, so a write
   * that loses the race (409) is retried on the latest version, and what is checked is the answer
   * to the status write itself.
   */
  private static <T extends CustomResource<?, ?>> void roundTrip(T object, Function<T, T> withStatus) {
    T created = Scoped.resource(client, object, namespace).create();
    for (int attempt = 1; ; attempt++) {
      T latest = Scoped.resource(client, created, namespace).get();
      T wanted = withStatus.apply(latest);
      Object status = wanted.getStatus();
      try {
        T updated = client.resource(wanted).updateStatus();
        assertThat(updated.getStatus()).isEqualTo(status);
        assertThat(updated.getSpec()).isEqualTo(created.getSpec());
        assertThat(updated.getMetadata().getGeneration()).as("status writes do not bump the generation").isEqualTo(created.getMetadata().getGeneration());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static Condition readyCondition(String reason, String message) {
    return new Condition("Ready", ConditionStatus.TRUE, "2026-11-23T09:00:00Z", reason, message, 1L);
  }

  private static <T extends HasMetadata> T load(Class<T> type, String yaml) {
    return client.getKubernetesSerialization().unmarshal(yaml, type);
  }

  private static final String CSR_BASE64 = TestData.csrBase64();
}

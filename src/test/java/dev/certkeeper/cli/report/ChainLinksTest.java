package dev.certkeeper.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.testing.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainLinksTest {
  private static Certificate certificate(Integer revision) {
    return Manifests.typed(
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps, uid: cert-uid}\n"
            + "spec: {secretName: web-tls, issuerRef: {name: ca}}\n"
            + (revision == null ? "" : "status: {revision: " + revision + "}\n"),
        Certificate.class);
  }

  static CertificateRequest request(String name, int revision, String ownerUid) {
    return Manifests.typed(
        "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata:\n  name: " + name + "\n  namespace: apps\n  uid: " + name + "-uid\n"
            + "  creationTimestamp: '2026-12-05T10:00:00Z'\n"
            + "  annotations: {cert-manager.io/certificate-revision: '" + revision + "'}\n"
            + "  ownerReferences: [{apiVersion: cert-manager.io/v1, kind: Certificate, name: web, uid: " + ownerUid + ", controller: true}]\n"
            + "spec: {request: cmVx, issuerRef: {name: ca}}\n",
        CertificateRequest.class);
  }

  static Order order(String name, String ownerUid, String created) {
    return Manifests.typed(
        "apiVersion: acme.cert-manager.io/v1\nkind: Order\nmetadata:\n  name: " + name + "\n  namespace: apps\n  uid: " + name + "-uid\n"
            + "  creationTimestamp: '" + created + "'\n"
            + "  ownerReferences: [{apiVersion: cert-manager.io/v1, kind: CertificateRequest, name: r, uid: " + ownerUid + ", controller: true}]\n"
            + "spec: {request: cmVx, issuerRef: {name: acme}}\n",
        Order.class);
  }

  static Challenge challenge(String name, String domain, String ownerUid) {
    return Manifests.typed(
        "apiVersion: acme.cert-manager.io/v1\nkind: Challenge\nmetadata:\n  name: " + name + "\n  namespace: apps\n  uid: " + name + "-uid\n"
            + "  ownerReferences: [{apiVersion: acme.cert-manager.io/v1, kind: Order, name: o, uid: " + ownerUid + ", controller: true}]\n"
            + "spec: {url: 'https://ca/chal', authorizationURL: 'https://ca/authz', dnsName: " + domain + ", type: HTTP-01, token: t, key: k,"
            + " solver: {http01: {ingress: {}}}, issuerRef: {name: acme}}\n",
        Challenge.class);
  }

  @Test
  void showsTheNextRevisionsRequestWhileOneExists() {
    List<CertificateRequest> requests = List.of(request("web-1", 1, "cert-uid"), request("web-2", 2, "cert-uid"));
    assertThat(ChainLinks.request(certificate(1), requests)).hasValueSatisfying(r -> assertThat(r.getMetadata().getName()).isEqualTo("web-2"));
  }

  @Test
  void fallsBackToTheCurrentRevisionsRequest() {
    assertThat(ChainLinks.request(certificate(1), List.of(request("web-1", 1, "cert-uid"))))
        .hasValueSatisfying(r -> assertThat(r.getMetadata().getName()).isEqualTo("web-1"));
  }

  @Test
  void aCertificateNeverIssuedLooksForRevisionOne() {
    assertThat(ChainLinks.request(certificate(null), List.of(request("web-1", 1, "cert-uid")))).isPresent();
  }

  @Test
  void ignoresRequestsOfANamesakeCertificate() {
    assertThat(ChainLinks.request(certificate(1), List.of(request("web-2", 2, "other-uid")))).isEmpty();
  }

  @Test
  void picksTheNewestOrderOfTheRequest() {
    CertificateRequest request = request("web-2", 2, "cert-uid");
    List<Order> orders = List.of(
        order("old", "web-2-uid", "2026-12-05T10:00:00Z"), order("new", "web-2-uid", "2026-12-05T11:00:00Z"), order("other", "x-uid", "2026-12-05T12:00:00Z"));
    assertThat(ChainLinks.order(request, orders)).hasValueSatisfying(o -> assertThat(o.getMetadata().getName()).isEqualTo("new"));
  }

  @Test
  void listsTheOrdersChallengesByDomain() {
    Order order = order("o", "r-uid", "2026-12-05T10:00:00Z");
    List<Challenge> challenges = List.of(challenge("c2", "b.example.com", "o-uid"), challenge("c1", "a.example.com", "o-uid"), challenge("c3", "c.example.com", "x-uid"));
    assertThat(ChainLinks.challenges(order, challenges)).extracting(c -> c.getMetadata().getName()).containsExactly("c1", "c2");
  }
}

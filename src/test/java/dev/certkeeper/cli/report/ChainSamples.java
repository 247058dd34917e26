package dev.certkeeper.cli.report;

import dev.certkeeper.api.acme.Challenge;
import dev.certkeeper.api.acme.Order;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateRequest;
import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PrivateKeys;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import dev.certkeeper.testing.Manifests;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** A Certificate's chain as the API server returns it: an ACME issuance in progress, revision 1 issued. */
final class ChainSamples {
  static final Fixtures.Issued CA = Fixtures.selfSignedCa("sample root", PrivateKeyAlgorithm.ECDSA, 256, Duration.ofDays(365));
  static final Fixtures.Issued LEAF = Fixtures.leaf(Fixtures.spec("dnsNames: [web.example.com]\nipAddresses: [192.0.2.1]\nprivateKey: {algorithm: ECDSA, size: 384}"), CA);

  private ChainSamples() {}

  static Certificate certificate() {
    return Manifests.typed(
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: web, namespace: apps, uid: cert-uid, creationTimestamp: '2026-12-01T12:00:00Z'}
        spec: {secretName: web-tls, dnsNames: [web.example.com], ipAddresses: [192.0.2.1], issuerRef: {name: pebble}}
        status:
          revision: 1
          notBefore: '2026-12-01T12:00:00Z'
          notAfter: '2027-03-01T12:00:00Z'
          renewalTime: '2027-01-30T12:00:00Z'
          conditions:
          - {type: Ready, status: 'True', reason: Ready, message: Certificate is up to date and has not expired, lastTransitionTime: '2026-12-01T12:01:00Z'}
          - {type: Issuing, status: 'True', reason: ManuallyTriggered, message: Certificate re-issuance manually triggered, lastTransitionTime: '2026-12-05T11:55:00Z'}
        """,
        Certificate.class);
  }

  static Issuer issuer() {
    return Manifests.typed(
        """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {name: pebble, namespace: apps, uid: issuer-uid}
        spec: {acme: {server: 'https://pebble/dir', privateKeySecretRef: {name: acct}, solvers: [{http01: {ingress: {}}}]}}
        status:
          conditions:
          - {type: Ready, status: 'True', reason: ACMEAccountRegistered, message: The ACME account was registered with the ACME server}
        """,
        Issuer.class);
  }

  static Secret secret() {
    return Manifests.typed(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: apps, uid: secret-uid,"
            + " annotations: {cert-manager.io/certificate-name: web, cert-manager.io/issuer-name: pebble, kubectl.kubernetes.io/last-applied-configuration: x}}\n"
            + "type: kubernetes.io/tls\ndata:\n"
            + "  tls.crt: " + base64(Pem.encodeCertificates(List.of(LEAF.certificate(), CA.certificate()))) + "\n"
            + "  tls.key: " + base64(PrivateKeys.toPem(LEAF.keyPair().getPrivate(), PrivateKeyEncoding.PKCS8)) + "\n"
            + "  ca.crt: " + base64(Pem.encodeCertificates(List.of(CA.certificate()))) + "\n",
        Secret.class);
  }

  static CertificateRequest request() {
    return Manifests.typed(
        """
        apiVersion: cert-manager.io/v1
        kind: CertificateRequest
        metadata:
          name: web-2
          namespace: apps
          uid: web-2-uid
          creationTimestamp: '2026-12-05T11:55:01Z'
          annotations: {cert-manager.io/certificate-revision: '2'}
          ownerReferences: [{apiVersion: cert-manager.io/v1, kind: Certificate, name: web, uid: cert-uid, controller: true}]
        spec: {request: cmVx, issuerRef: {name: pebble}}
        status:
          conditions:
          - {type: Approved, status: 'True', reason: cert-manager.io, message: Certificate request has been approved by cert-manager.io, lastTransitionTime: '2026-12-05T11:55:02Z'}
          - {type: Ready, status: 'False', reason: Pending, message: 'Waiting on certificate issuance from order apps/web-2-1234: "pending"', lastTransitionTime: '2026-12-05T11:55:03Z'}
        """,
        CertificateRequest.class);
  }

  static Order order() {
    return Manifests.typed(
        """
        apiVersion: acme.cert-manager.io/v1
        kind: Order
        metadata:
          name: web-2-1234
          namespace: apps
          uid: order-uid
          ownerReferences: [{apiVersion: cert-manager.io/v1, kind: CertificateRequest, name: web-2, uid: web-2-uid, controller: true}]
        spec: {request: cmVx, issuerRef: {name: pebble}}
        status: {state: pending, url: 'https://pebble/order/1'}
        """,
        Order.class);
  }

  static Challenge challenge() {
    return Manifests.typed(
        """
        apiVersion: acme.cert-manager.io/v1
        kind: Challenge
        metadata:
          name: web-2-1234-5678
          namespace: apps
          uid: challenge-uid
          ownerReferences: [{apiVersion: acme.cert-manager.io/v1, kind: Order, name: web-2-1234, uid: order-uid, controller: true}]
        spec: {url: 'https://pebble/chal/1', authorizationURL: 'https://pebble/authz/1', dnsName: web.example.com, type: HTTP-01, token: t, key: k,
          solver: {http01: {ingress: {}}}, issuerRef: {name: pebble}}
        status: {state: pending, presented: true, processing: true, reason: "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'"}
        """,
        Challenge.class);
  }

  static Event event(String uid, String type, String reason, String message, String lastSeen) {
    return Manifests.typed(
        "apiVersion: v1\nkind: Event\nmetadata: {name: e, namespace: apps}\ninvolvedObject: {uid: " + uid + "}\ntype: " + type + "\nreason: " + reason
            + "\nmessage: \"" + message + "\"\ncount: 1\nlastTimestamp: '" + lastSeen + "'\nsource: {component: certkeeper}\n",
        Event.class);
  }

  /** The whole chain, with Events on the Certificate, the request and the Challenge, and one about an unrelated object. */
  static ChainObjects chain() {
    return new ChainObjects(
        certificate(),
        issuer(),
        secret(),
        request(),
        order(),
        List.of(challenge()),
        List.of(
            event("cert-uid", "Normal", "Issuing", "Certificate re-issuance manually triggered", "2026-12-05T11:55:00Z"),
            event("cert-uid", "Normal", "Requested", "Created new CertificateRequest resource web-2", "2026-12-05T11:55:01Z"),
            event("web-2-uid", "Normal", "OrderCreated", "Created Order resource apps/web-2-1234", "2026-12-05T11:55:02Z"),
            event("challenge-uid", "Normal", "Presented", "Presented challenge using HTTP-01 challenge mechanism", "2026-12-05T11:56:00Z"),
            event("unrelated-uid", "Warning", "Unrelated", "not about this chain", "2026-12-05T11:56:00Z")));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

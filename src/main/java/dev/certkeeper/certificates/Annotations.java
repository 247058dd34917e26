package dev.certkeeper.certificates;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/** The annotation and label keys cert-manager puts on the objects of a Certificate. */
public final class Annotations {
  public static final String CERTIFICATE_NAME = "cert-manager.io/certificate-name";
  public static final String CERTIFICATE_REVISION = "cert-manager.io/certificate-revision";
  public static final String PRIVATE_KEY_SECRET_NAME = "cert-manager.io/private-key-secret-name";
  public static final String ISSUER_NAME = "cert-manager.io/issuer-name";
  public static final String ISSUER_KIND = "cert-manager.io/issuer-kind";
  public static final String ISSUER_GROUP = "cert-manager.io/issuer-group";
  public static final String COMMON_NAME = "cert-manager.io/common-name";
  public static final String ALT_NAMES = "cert-manager.io/alt-names";
  public static final String IP_SANS = "cert-manager.io/ip-sans";
  public static final String URI_SANS = "cert-manager.io/uri-sans";
  public static final String EMAIL_SANS = "cert-manager.io/email-sans";
  public static final String ISSUE_TEMPORARY_CERTIFICATE = "cert-manager.io/issue-temporary-certificate";
  /** Marks a Secret holding the temporary certificate, so it is never taken for the real one. */
  public static final String TEMPORARY_CERTIFICATE = "certkeeper.dev/temporary-certificate";
  /** certkeeper's own: the ACME profile to order with for one Certificate (cert-manager has only the Issuer's). */
  public static final String ACME_PROFILE = "certkeeper.dev/acme-profile";
  /**
   * certkeeper's own, on a CertificateRequest: the ARI CertID (RFC 9773) of the certificate it
   * renews, which the request's ACME Order sends as {@code replaces}.
   */
  public static final String ACME_REPLACES = "certkeeper.dev/acme-replaces";
  /** On a CertificateRequest: the issuer's metadata.generation when it was made, so a later edit of the issuer can end a back-off early. */
  public static final String ISSUER_GENERATION = "certkeeper.dev/issuer-generation";
  /**
   * On a CertificateRequest: which issuance attempt of its revision it is (1 + the failures before
   * it), so that a failure already counted is never taken for the answer to a later attempt.
   */
  public static final String ISSUANCE_ATTEMPT = "certkeeper.dev/issuance-attempt";
  /** Label on Secrets certkeeper caches: its target Secrets and next-private-key Secrets. */
  public static final String FAO_LABEL = "controller.cert-manager.io/fao";
  /** Label of the Secret holding the private key for the next issuance. */
  public static final String NEXT_PRIVATE_KEY_LABEL = "cert-manager.io/next-private-key";

  private Annotations() {}

  /** The value of one annotation on an object, if it has it. */
  public static Optional<String> value(HasMetadata object, String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
  }
}

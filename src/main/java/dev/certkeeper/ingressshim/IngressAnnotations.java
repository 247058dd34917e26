package dev.certkeeper.ingressshim;

/**
 * The annotation keys the ingress-shim reads on an Ingress and writes on its Certificates, as
 * cert-manager spells them. Keys defined elsewhere are used from there: those shared with the
 * Secret's annotations (common-name, alt-names, ip-sans, email-sans, issue-temporary-certificate)
 * in {@link dev.certkeeper.certificates.Annotations}, http01-edit-in-place and the HTTP-01
 * overrides in {@link dev.certkeeper.acme.http01.Http01Annotations}.
 */
public final class IngressAnnotations {
  public static final String ISSUER = "cert-manager.io/issuer";
  public static final String CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";
  public static final String ISSUER_KIND = "cert-manager.io/issuer-kind";
  public static final String ISSUER_GROUP = "cert-manager.io/issuer-group";
  /** The default auto-certificate annotation: a true value asks for the operator's default issuer. */
  public static final String TLS_ACME = "kubernetes.io/tls-acme";

  public static final String SUBJECT_ORGANIZATIONS = "cert-manager.io/subject-organizations";
  public static final String SUBJECT_ORGANIZATIONAL_UNITS = "cert-manager.io/subject-organizationalunits";
  public static final String SUBJECT_COUNTRIES = "cert-manager.io/subject-countries";
  public static final String SUBJECT_PROVINCES = "cert-manager.io/subject-provinces";
  public static final String SUBJECT_LOCALITIES = "cert-manager.io/subject-localities";
  public static final String SUBJECT_POSTAL_CODES = "cert-manager.io/subject-postalcodes";
  public static final String SUBJECT_STREET_ADDRESSES = "cert-manager.io/subject-streetaddresses";
  public static final String SUBJECT_SERIAL_NUMBER = "cert-manager.io/subject-serialnumber";
  public static final String DURATION = "cert-manager.io/duration";
  public static final String RENEW_BEFORE = "cert-manager.io/renew-before";
  public static final String RENEW_BEFORE_PERCENTAGE = "cert-manager.io/renew-before-percentage";
  public static final String USAGES = "cert-manager.io/usages";
  public static final String REVISION_HISTORY_LIMIT = "cert-manager.io/revision-history-limit";
  public static final String PRIVATE_KEY_ALGORITHM = "cert-manager.io/private-key-algorithm";
  public static final String PRIVATE_KEY_ENCODING = "cert-manager.io/private-key-encoding";
  public static final String PRIVATE_KEY_SIZE = "cert-manager.io/private-key-size";
  public static final String PRIVATE_KEY_ROTATION_POLICY = "cert-manager.io/private-key-rotation-policy";
  public static final String SECRET_TEMPLATE = "cert-manager.io/secret-template";

  /** Becomes {@link dev.certkeeper.acme.http01.Http01Annotations#OVERRIDE_INGRESS_CLASS} on the Certificate. */
  public static final String HTTP01_INGRESS_CLASS = "acme.cert-manager.io/http01-ingress-class";
  /** Becomes {@link dev.certkeeper.acme.http01.Http01Annotations#OVERRIDE_INGRESS_CLASS_NAME} on the Certificate. */
  public static final String HTTP01_INGRESS_CLASS_NAME = "acme.cert-manager.io/http01-ingress-ingressclassname";

  /** Label left off the Certificates: kubectl's applyset would prune them as its own (cert-manager#7306). */
  public static final String APPLYSET_PART_OF_LABEL = "applyset.kubernetes.io/part-of";

  private IngressAnnotations() {}
}

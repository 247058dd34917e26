package dev.certkeeper.acme.http01;

import java.util.List;

/**
 * The annotations that steer HTTP-01 solving, as cert-manager names them. Ingress-shim writes the
 * override annotations on the Certificate; they travel to the CertificateRequest and the Order and
 * are applied when the Challenge is created ({@link IngressOverrides}).
 */
public final class Http01Annotations {
  /** On an Ingress: solve in that Ingress instead of a new one; ingress-shim turns it into {@link #OVERRIDE_INGRESS_NAME}. */
  public static final String EDIT_IN_PLACE = "acme.cert-manager.io/http01-edit-in-place";
  /** Solve by adding the path to this existing Ingress (the solver's {@code name}). */
  public static final String OVERRIDE_INGRESS_NAME = "acme.cert-manager.io/http01-override-ingress-name";
  /** Solve with a new Ingress carrying this {@code kubernetes.io/ingress.class} (the solver's {@code class}). */
  public static final String OVERRIDE_INGRESS_CLASS = "acme.cert-manager.io/http01-override-ingress-class";
  /** Solve with a new Ingress of this {@code spec.ingressClassName} (the solver's {@code ingressClassName}). */
  public static final String OVERRIDE_INGRESS_CLASS_NAME = "acme.cert-manager.io/http01-override-ingress-ingressclassname";
  /** The three overrides; at most one may be set, and they travel from the Certificate down to the Order. */
  public static final List<String> OVERRIDES = List.of(OVERRIDE_INGRESS_NAME, OVERRIDE_INGRESS_CLASS, OVERRIDE_INGRESS_CLASS_NAME);
  /** The legacy way to pick an ingress controller, still read by most of them. */
  public static final String INGRESS_CLASS = "kubernetes.io/ingress.class";

  private Http01Annotations() {}
}

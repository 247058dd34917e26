package dev.certkeeper.ingressshim;

import dev.certkeeper.acme.http01.Http01Annotations;
import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.pki.IpAddresses;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ingress-shim's decision, a pure function of the Ingress and the operator's settings: which
 * Certificates the Ingress asks for (one per {@code spec.tls} entry, named after its Secret), or
 * why it cannot ask for any. It follows cert-manager's certificate-shim: an incomplete TLS entry
 * is skipped and the others are served; a wrong annotation, or two entries sharing a Secret, is
 * the whole Ingress's problem, and every such problem is reported at once.
 */
public final class IngressCertificates {
  /** The finalizer of an Ingress being deleted in the foreground: its Certificates are about to go. */
  private static final String FOREGROUND_DELETION = "foregroundDeletion";

  private IngressCertificates() {}

  /**
   * Whether the Ingress asks the ingress-shim for Certificates: it names an issuer, or carries an
   * auto-certificate annotation set to a value Go reads as true.
   */
  public static boolean requested(Ingress ingress, IngressShimOptions options) {
    Map<String, String> annotations = annotations(ingress);
    return annotations.containsKey(IngressAnnotations.ISSUER)
        || annotations.containsKey(IngressAnnotations.CLUSTER_ISSUER)
        || options.autoCertificateAnnotations().stream()
            .anyMatch(key -> Optional.ofNullable(annotations.get(key)).flatMap(GoValues::parseBool).orElse(false));
  }

  /** Whether the Ingress is being deleted, in the background or the foreground; it then asks for nothing new. */
  public static boolean beingDeleted(Ingress ingress) {
    return ingress.getMetadata().getDeletionTimestamp() != null
        || Optional.ofNullable(ingress.getMetadata().getFinalizers()).orElse(List.of()).contains(FOREGROUND_DELETION);
  }

  /** The Secret names of the Ingress's TLS entries: its Certificates are named after them. */
  public static List<String> secretNames(Ingress ingress) {
    return tls(ingress).stream().map(IngressTLS::getSecretName).filter(name -> name != null && !name.isEmpty()).toList();
  }

  /**
   * The annotations of a Certificate that the ingress-shim decides, set or removed to follow the
   * Ingress; any other annotation on the Certificate is left as it is.
   */
  public static Set<String> managedAnnotations(IngressShimOptions options) {
    Set<String> keys =
        new HashSet<>(
            List.of(
                Http01Annotations.OVERRIDE_INGRESS_NAME,
                Annotations.ISSUE_TEMPORARY_CERTIFICATE,
                Http01Annotations.OVERRIDE_INGRESS_CLASS,
                Http01Annotations.OVERRIDE_INGRESS_CLASS_NAME,
                Annotations.ACME_PROFILE));
    keys.addAll(options.extraCertificateAnnotations());
    return Set.copyOf(keys);
  }

  /** The Certificates the Ingress asks for and the warnings that do not stop them, or every problem that keeps it from asking for any. */
  public static DesiredCertificates derive(Ingress ingress, IngressShimOptions options) {
    Map<String, String> annotations = annotations(ingress);
    List<String> problems = new ArrayList<>();
    IssuerReference issuer = IssuerAnnotations.read(annotations, options, problems);
    CertificateSpec fromAnnotations = SpecAnnotations.read(annotations, problems);
    List<String> warnings = new ArrayList<>();
    Map<String, String> certificateAnnotations = certificateAnnotations(ingress, annotations, options, warnings, problems);
    List<IngressTLS> entries = checkedTls(ingress, warnings, problems);
    if (!problems.isEmpty()) {
      return DesiredCertificates.bad(warnings, problems);
    }
    return DesiredCertificates.of(
        entries.stream().map(entry -> certificate(ingress, entry, issuer, fromAnnotations, certificateAnnotations)).toList(), warnings);
  }

  private static Certificate certificate(
      Ingress ingress, IngressTLS entry, IssuerReference issuer, CertificateSpec fromAnnotations, Map<String, String> annotations) {
    List<String> hosts = entry.getHosts();
    List<String> dnsNames =
        distinct(Stream.concat(hosts.stream().filter(h -> !IpAddresses.isValid(h)), orEmpty(fromAnnotations.dnsNames()).stream()), h -> h);
    // Two spellings of one address (2001:db8::1, 2001:DB8:0::1) are one address.
    List<String> ipAddresses =
        distinct(Stream.concat(hosts.stream().filter(IpAddresses::isValid), orEmpty(fromAnnotations.ipAddresses()).stream()), IpAddresses::normalise);
    CertificateSpec spec =
        new CertificateSpec(
            fromAnnotations.subject(),
            null,
            fromAnnotations.commonName(),
            fromAnnotations.duration(),
            fromAnnotations.renewBefore(),
            fromAnnotations.renewBeforePercentage(),
            dnsNames.isEmpty() ? null : dnsNames,
            ipAddresses.isEmpty() ? null : ipAddresses,
            fromAnnotations.uris(),
            null,
            fromAnnotations.emailAddresses(),
            entry.getSecretName(),
            fromAnnotations.secretTemplate(),
            null,
            issuer,
            null,
            fromAnnotations.usages() == null ? KeyUsage.DEFAULTS : fromAnnotations.usages(),
            fromAnnotations.privateKey(),
            null,
            null,
            fromAnnotations.revisionHistoryLimit(),
            null,
            null,
            null);
    Certificate certificate = new Certificate();
    certificate.setMetadata(
        new ObjectMetaBuilder()
            .withName(entry.getSecretName())
            .withNamespace(ingress.getMetadata().getNamespace())
            .withLabels(labels(ingress))
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .withOwnerReferences(OwnerReferences.controlledBy(ingress))
            .build());
    certificate.setSpec(spec);
    return certificate;
  }

  /** The Ingress's labels, but for kubectl's applyset label, with which kubectl would prune the Certificates as its own. */
  private static Map<String, String> labels(Ingress ingress) {
    Map<String, String> labels = new LinkedHashMap<>(Optional.ofNullable(ingress.getMetadata().getLabels()).orElse(Map.of()));
    labels.remove(IngressAnnotations.APPLYSET_PART_OF_LABEL);
    return labels.isEmpty() ? null : labels;
  }

  /**
   * The Certificate annotations: those listed by --extra-certificate-annotations, then the HTTP-01
   * overrides (cert-manager's {@code setIssuerSpecificConfig}) and certkeeper's ACME profile.
   */
  private static Map<String, String> certificateAnnotations(
      Ingress ingress, Map<String, String> annotations, IngressShimOptions options, List<String> warnings, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    options.extraCertificateAnnotations().stream().filter(annotations::containsKey).forEach(key -> out.put(key, annotations.get(key)));
    String editInPlace = annotations.get(Http01Annotations.EDIT_IN_PLACE);
    if ("true".equals(editInPlace)) {
      out.put(Http01Annotations.OVERRIDE_INGRESS_NAME, ingress.getMetadata().getName());
      // The solver path then lives on this Ingress, whose controller may not start without a certificate.
      out.put(Annotations.ISSUE_TEMPORARY_CERTIFICATE, "true");
    } else if (editInPlace != null && !editInPlace.isEmpty() && !"false".equals(editInPlace)) {
      // cert-manager reads anything but "true" as false, and so does certkeeper, so an Ingress it
      // served is served the same; said, rather than leave the Ingress silently not edited.
      warnings.add(
          "annotation \"" + Http01Annotations.EDIT_IN_PLACE + "\" " + GoValues.quote(editInPlace)
              + " is neither \"true\" nor \"false\" and is read as \"false\", as cert-manager reads it: write \"true\" to solve HTTP-01 challenges on this Ingress");
    }
    Optional.ofNullable(annotations.get(IngressAnnotations.HTTP01_INGRESS_CLASS))
        .filter(c -> !c.isEmpty())
        .ifPresent(c -> out.put(Http01Annotations.OVERRIDE_INGRESS_CLASS, c));
    Optional.ofNullable(annotations.get(IngressAnnotations.HTTP01_INGRESS_CLASS_NAME))
        .filter(c -> !c.isEmpty())
        .ifPresent(c -> out.put(Http01Annotations.OVERRIDE_INGRESS_CLASS_NAME, c));
    Optional.ofNullable(annotations.get(Annotations.ACME_PROFILE)).ifPresent(p -> out.put(Annotations.ACME_PROFILE, p));
    // Each of these picks the Ingress that serves HTTP-01 challenges; with two, every Order would wait on the conflict.
    List<String> choosers =
        Stream.of(Http01Annotations.EDIT_IN_PLACE, IngressAnnotations.HTTP01_INGRESS_CLASS, IngressAnnotations.HTTP01_INGRESS_CLASS_NAME)
            .filter(key -> key.equals(Http01Annotations.EDIT_IN_PLACE) ? "true".equals(editInPlace) : !annotations.getOrDefault(key, "").isEmpty())
            .toList();
    if (choosers.size() > 1) {
      problems.add(
          "annotations " + choosers.stream().map(key -> "\"" + key + "\"").collect(Collectors.joining(" and "))
              + " each choose the Ingress that serves HTTP-01 challenges: keep one of them");
    }
    return out;
  }

  /**
   * The TLS entries to serve: those with hosts and a valid Secret name. The others are skipped, as
   * cert-manager skips them (an entry without secretName may be meant for the ingress controller's
   * default certificate); two entries naming one Secret are a problem of the whole Ingress.
   */
  private static List<IngressTLS> checkedTls(Ingress ingress, List<String> skipped, List<String> problems) {
    List<IngressTLS> entries = tls(ingress);
    List<IngressTLS> served = new ArrayList<>();
    Map<String, Integer> firstUse = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      IngressTLS entry = entries.get(i);
      String path = "spec.tls[" + i + "]";
      String secretName = entry.getSecretName();
      if (secretName != null && !secretName.isEmpty()) {
        Integer first = firstUse.putIfAbsent(secretName, i);
        if (first != null) {
          problems.add(
              path + ".secretName " + GoValues.quote(secretName) + " is also used by spec.tls[" + first
                  + "]: each Secret gets one Certificate, so give each TLS entry its own secretName or merge their hosts into one entry");
          continue;
        }
      }
      List<String> incomplete = new ArrayList<>();
      if (entry.getHosts() == null || entry.getHosts().isEmpty()) {
        incomplete.add(path + " has no hosts: list the host names its certificate is for");
      }
      if (secretName == null || secretName.isEmpty()) {
        incomplete.add(path + " has no secretName: name the Secret for certkeeper to store its certificate in");
      } else if (!KubeNames.isSubdomain(secretName)) {
        incomplete.add(
            path + ".secretName " + GoValues.quote(secretName)
                + " is not a valid Secret name: use lowercase letters, digits, '-' and '.', at most 253 characters");
      }
      if (incomplete.isEmpty()) {
        served.add(entry);
      } else {
        skipped.add("Skipped a TLS block: " + String.join("; ", incomplete));
      }
    }
    return served;
  }

  private static List<IngressTLS> tls(Ingress ingress) {
    return ingress.getSpec() == null || ingress.getSpec().getTls() == null ? List.of() : ingress.getSpec().getTls();
  }

  private static Map<String, String> annotations(Ingress ingress) {
    return Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of());
  }

  /** The values in order of first appearance, two being the same when their keys are. */
  private static List<String> distinct(Stream<String> values, Function<String, String> key) {
    Set<String> seen = new HashSet<>();
    return values.filter(value -> seen.add(key.apply(value))).toList();
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}

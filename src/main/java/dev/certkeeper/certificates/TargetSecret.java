package dev.certkeeper.certificates;

import dev.certkeeper.api.certmanager.Certificate;
import dev.certkeeper.api.certmanager.CertificateKeystores;
import dev.certkeeper.api.certmanager.CertificateOutputFormat;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.Pkcs12Profile;
import dev.certkeeper.api.meta.IssuerReference;
import dev.certkeeper.kube.OwnerReferences;
import dev.certkeeper.pki.CertificateInfo;
import dev.certkeeper.pki.Keystores;
import dev.certkeeper.pki.Pem;
import dev.certkeeper.pki.PrivateKeys;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of a Certificate's Secret that certkeeper owns, as a server-side apply object: the
 * keys, annotations and labels it writes. Applying it leaves everything else on the Secret (keys,
 * labels and annotations someone else wrote) alone, and drops what certkeeper wrote before but no
 * longer writes (a keystore that was switched off).
 */
public final class TargetSecret {
  /** cert-manager's type for the Secrets it creates; an existing Secret keeps its type. */
  public static final String TLS_TYPE = "kubernetes.io/tls";

  private TargetSecret() {}

  /**
   * The Secret to apply.
   *
   * @param issuerRef the issuer of the request that produced the material, defaults applied
   * @param keystorePasswords the keystore passwords, for the keystores asked for
   * @param type the Secret's type: kubernetes.io/tls for a new Secret, else the one it has, since
   *     the type cannot change and an apply without it would default it to Opaque
   * @param ownerReference whether the Certificate owns the Secret (--enable-certificate-owner-ref)
   */
  public static Secret build(
      Certificate certificate,
      IssuedMaterial material,
      IssuerReference issuerRef,
      KeystorePasswords keystorePasswords,
      String type,
      boolean ownerReference) {
    CertificateSpec spec = certificate.getSpec();
    Map<String, String> data = new LinkedHashMap<>();
    String chainPem = Pem.encodeCertificates(material.chain());
    data.put("tls.crt", chainPem);
    data.put("tls.key", material.privateKeyPem());
    if (material.caPem() != null) {
      data.put("ca.crt", material.caPem());
    }
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, base64(v.getBytes(StandardCharsets.UTF_8))));
    for (CertificateOutputFormat format : Optional.ofNullable(spec.additionalOutputFormats()).orElse(List.of())) {
      switch (format.type()) {
        // As cert-manager: the DER inside tls.key's PEM block, so PKCS#1 or SEC 1 unless the spec asks for PKCS#8.
        case DER -> encoded.put("key.der", base64(PrivateKeys.toDer(material.privateKey(), spec.effectivePrivateKey().effectiveEncoding())));
        case COMBINED_PEM -> encoded.put("tls-combined.pem", base64((material.privateKeyPem() + "\n" + chainPem).getBytes(StandardCharsets.UTF_8)));
      }
    }
    keystores(spec, material, keystorePasswords, encoded);

    ObjectMetaBuilder metadata =
        new ObjectMetaBuilder()
            .withName(spec.secretName())
            .withNamespace(certificate.getMetadata().getNamespace())
            .withAnnotations(annotations(certificate, material, issuerRef))
            .withLabels(labels(spec));
    if (ownerReference) {
      metadata.withOwnerReferences(
          OwnerReferences.controlledBy(certificate));
    }
    return new SecretBuilder().withMetadata(metadata.build()).withType(type).withData(encoded).build();
  }

  /** The keys of the keystores the spec asks for, when the issuer gave a CA certificate or not. */
  static Set<String> keystoreKeys(CertificateSpec spec, boolean withCa) {
    Set<String> keys = new HashSet<>();
    CertificateKeystores keystores = spec.keystores();
    if (keystores != null && keystores.pkcs12() != null && Boolean.TRUE.equals(keystores.pkcs12().create())) {
      keys.add("keystore.p12");
      if (withCa) {
        keys.add("truststore.p12");
      }
    }
    if (keystores != null && keystores.jks() != null && Boolean.TRUE.equals(keystores.jks().create())) {
      keys.add("keystore.jks");
      if (withCa) {
        keys.add("truststore.jks");
      }
    }
    return keys;
  }

  private static void keystores(CertificateSpec spec, IssuedMaterial material, KeystorePasswords passwords, Map<String, String> out) {
    // A set, as cert-manager's: a CA given twice is trusted once.
    List<X509Certificate> cas = material.cas().stream().distinct().toList();
    passwords.pkcs12().ifPresent(password -> {
      Pkcs12Profile profile = spec.keystores().pkcs12().effectiveProfile();
      out.put("keystore.p12", base64(Keystores.pkcs12(material.privateKey(), material.chain(), cas, password, profile, "certificate")));
      if (!cas.isEmpty()) {
        out.put("truststore.p12", base64(Keystores.pkcs12Truststore(cas, password, profile)));
      }
    });
    passwords.jks().ifPresent(password -> {
      out.put("keystore.jks", base64(Keystores.jks(material.privateKey(), material.chain(), cas, password, spec.keystores().jks().effectiveAlias())));
      if (!cas.isEmpty()) {
        out.put("truststore.jks", base64(Keystores.jksTruststore(cas, password)));
      }
    });
  }

  /** cert-manager's annotations, with the names read from the issued certificate, not the spec. */
  static Map<String, String> annotations(Certificate certificate, IssuedMaterial material, IssuerReference issuerRef) {
    CertificateInfo info = CertificateInfo.of(material.leaf());
    Map<String, String> annotations = new LinkedHashMap<>();
    CertificateSpec spec = certificate.getSpec();
    if (spec.secretTemplate() != null && spec.secretTemplate().annotations() != null) {
      annotations.putAll(spec.secretTemplate().annotations());
    }
    annotations.put(Annotations.CERTIFICATE_NAME, certificate.getMetadata().getName());
    if (material.temporary()) {
      annotations.put(Annotations.TEMPORARY_CERTIFICATE, "true");
    }
    annotations.put(Annotations.ISSUER_NAME, issuerRef.name());
    annotations.put(Annotations.ISSUER_KIND, issuerRef.effectiveKind());
    annotations.put(Annotations.ISSUER_GROUP, issuerRef.effectiveGroup());
    annotations.put(Annotations.COMMON_NAME, Optional.ofNullable(info.commonName()).orElse(""));
    annotations.put(Annotations.ALT_NAMES, csv(info.dnsNames()));
    annotations.put(Annotations.IP_SANS, csv(info.ipAddresses()));
    annotations.put(Annotations.URI_SANS, csv(info.uris()));
    putIfNotEmpty(annotations, Annotations.EMAIL_SANS, csv(info.emailAddresses()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-organizations", csv(info.organizations()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-organizationalunits", csv(info.organizationalUnits()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-countries", csv(info.countries()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-provinces", csv(info.provinces()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-localities", csv(info.localities()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-postalcodes", csv(info.postalCodes()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-streetaddresses", csv(info.streetAddresses()));
    putIfNotEmpty(annotations, "cert-manager.io/subject-serialnumber", Optional.ofNullable(info.serialNumber()).orElse(""));
    return annotations;
  }

  private static Map<String, String> labels(CertificateSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (spec.secretTemplate() != null && spec.secretTemplate().labels() != null) {
      labels.putAll(spec.secretTemplate().labels());
    }
    labels.put(Annotations.FAO_LABEL, "true");
    return labels;
  }

  private static void putIfNotEmpty(Map<String, String> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  /** Comma-separated values quoted as Go's encoding/csv does, as cert-manager writes them. */
  static String csv(List<String> values) {
    return values.stream()
        .map(v -> v.contains(",") || v.contains("\"") || v.contains("\n") || v.startsWith(" ") ? "\"" + v.replace("\"", "\"\"") + "\"" : v)
        .collect(Collectors.joining(","));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

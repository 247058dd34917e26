package dev.certkeeper.cli.report;

import dev.certkeeper.cli.report.SecretReport.PrivateKeyDetails;
import java.time.Instant;
import java.util.List;

/** {@code certkeeper inspect secret} as text: the Secret's certificates, key and annotations. */
public final class SecretText {
  private SecretText() {}

  /** The report as text, validity counted relative to {@code now}. */
  public static String render(SecretReport report, Instant now) {
    TextWriter out = new TextWriter();
    out.heading("Secret " + report.name() + " in namespace " + report.namespace())
        .field("Type", report.type())
        .field("Keys", String.join(", ", report.keys()));
    if (report.chainCheck() != null) {
      out.field("Chain", (report.chainCheck().linked() ? "" : "BROKEN: ") + report.chainCheck().description());
    }
    if (report.annotations().isEmpty()) {
      out.field("Annotations", null);
    } else {
      out.table("Annotations", List.of("KEY", "VALUE"), report.annotations().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
    }
    if (report.chainProblem() != null) {
      out.heading("tls.crt").field("Problem", report.chainProblem());
    }
    certificates(out, "tls.crt certificate", report.chain(), now);
    privateKey(out, report.privateKey());
    if (report.caProblem() != null) {
      out.heading("ca.crt").field("Problem", report.caProblem());
    }
    certificates(out, "ca.crt certificate", report.ca(), now);
    return out.toString();
  }

  private static void certificates(TextWriter out, String what, List<CertificateDetails> certificates, Instant now) {
    for (int i = 0; i < certificates.size(); i++) {
      String role = what.startsWith("tls.crt") ? (i == 0 ? " (leaf)" : " (chain)") : "";
      out.heading(what + " " + (i + 1) + " of " + certificates.size() + role);
      certificate(out, certificates.get(i), now);
    }
  }

  /** The fields of one certificate, in the order openssl's text lists them. */
  private static void certificate(TextWriter out, CertificateDetails certificate, Instant now) {
    out.field("Subject", certificate.subject())
        .field("Issuer", certificate.issuer())
        .field("Serial number", certificate.serialNumber())
        .field("Not before", certificate.notBefore() + " (" + Ages.relative(certificate.notBefore(), now) + ")")
        .field("Not after", certificate.notAfter() + " (" + Ages.relative(certificate.notAfter(), now) + ")")
        .listIfPresent("DNS names", certificate.dnsNames())
        .listIfPresent("IP addresses", certificate.ipAddresses())
        .listIfPresent("URIs", certificate.uris())
        .listIfPresent("Email addresses", certificate.emailAddresses())
        .field("Key usages", String.join(", ", certificate.keyUsages()))
        .field("Extended key usages", String.join(", ", certificate.extendedKeyUsages()))
        .field("CA", certificate.isCA() ? "yes" : "no")
        .field("Public key", certificate.publicKey())
        .field("Signature algorithm", certificate.signatureAlgorithm())
        .field("SHA-256 fingerprint", certificate.sha256Fingerprint())
        .field("SHA-1 fingerprint", certificate.sha1Fingerprint());
  }

  private static void privateKey(TextWriter out, PrivateKeyDetails key) {
    out.heading("tls.key private key");
    if (key.problem() != null) {
      out.field("Problem", key.problem());
      return;
    }
    out.field("Algorithm", key.algorithm())
        .field("Matches the leaf", key.matchesLeaf() == null ? "unknown (no leaf certificate)" : key.matchesLeaf() ? "yes" : "NO: tls.crt is for another key");
  }
}

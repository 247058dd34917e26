package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.KeyUsage;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;

/** What a certificate signing request asks for (its signature checked when it came through {@code parse}). */
public record ParsedRequest(X500Name subject, PublicKey publicKey, AlgorithmIdentifier signatureAlgorithm, Extensions extensions) {

  public ParsedRequest {
    extensions = Der.orNone(extensions);
  }

  /** The requested common name, "" when there is none. */
  public String commonName() {
    return DistinguishedNames.commonName(subject);
  }

  /** The requested subject alternative names. */
  public AlternativeNames alternativeNames() {
    return AlternativeNames.of(GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName));
  }

  /** The requested key usages and extended key usages, canonical; empty when the request names none. */
  public List<KeyUsage> usages() {
    return KeyUsages.of(extensions);
  }

  /** The requested basic constraints, if the request carries them. */
  public Optional<BasicConstraints> basicConstraints() {
    return Optional.ofNullable(BasicConstraints.fromExtensions(extensions));
  }

  /** One requested extension, such as {@link Extension#nameConstraints}. */
  public Optional<Extension> extension(ASN1ObjectIdentifier oid) {
    return Optional.ofNullable(extensions.getExtension(oid));
  }
}

package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.OtherName;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * What an issued certificate says, in the terms of a Certificate spec, for comparing the two:
 * names as text (IP addresses normalised), usages canonical as {@link KeyUsages#canonical} names
 * them, times as instants.
 */
public record CertificateInfo(
    X500Name subject,
    X500Name issuer,
    AlternativeNames alternativeNames,
    boolean isCA,
    List<KeyUsage> usages,
    Instant notBefore,
    Instant notAfter,
    PublicKey publicKey) {

  /** The facts of one certificate. */
  public static CertificateInfo of(X509Certificate certificate) {
    X509CertificateHolder holder;
    try {
      holder = new JcaX509CertificateHolder(certificate);
    } catch (CertificateEncodingException e) {
      throw new PkiException("the certificate cannot be read", e);
    }
    Extensions extensions = Der.orNone(holder.getExtensions());
    BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
    return new CertificateInfo(
        holder.getSubject(),
        holder.getIssuer(),
        AlternativeNames.of(GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName)),
        constraints != null && constraints.isCA(),
        KeyUsages.of(extensions),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(),
        certificate.getPublicKey());
  }

  /** The subject's common name as Go reads it (the last CN), "" when there is none. */
  public String commonName() {
    return DistinguishedNames.commonName(subject);
  }

  /** The issuer's common name, "" when there is none. */
  public String issuerCommonName() {
    return DistinguishedNames.commonName(issuer);
  }

  /** The subject's O values. */
  public List<String> organizations() {
    return DistinguishedNames.values(subject, BCStyle.O);
  }

  /** The subject's OU values. */
  public List<String> organizationalUnits() {
    return DistinguishedNames.values(subject, BCStyle.OU);
  }

  /** The subject's C values. */
  public List<String> countries() {
    return DistinguishedNames.values(subject, BCStyle.C);
  }

  /** The subject's L values. */
  public List<String> localities() {
    return DistinguishedNames.values(subject, BCStyle.L);
  }

  /** The subject's ST values. */
  public List<String> provinces() {
    return DistinguishedNames.values(subject, BCStyle.ST);
  }

  /** The subject's STREET values. */
  public List<String> streetAddresses() {
    return DistinguishedNames.values(subject, BCStyle.STREET);
  }

  /** The subject's postalCode values. */
  public List<String> postalCodes() {
    return DistinguishedNames.values(subject, BCStyle.POSTAL_CODE);
  }

  /** The subject's SERIALNUMBER (not the certificate's serial number), "" when there is none. */
  public String serialNumber() {
    return DistinguishedNames.serialNumber(subject);
  }

  /** The DNS names among the subject alternative names. */
  public List<String> dnsNames() {
    return alternativeNames.dnsNames();
  }

  /** The IP addresses among the subject alternative names, normalised. */
  public List<String> ipAddresses() {
    return alternativeNames.ipAddresses();
  }

  /** The URIs among the subject alternative names. */
  public List<String> uris() {
    return alternativeNames.uris();
  }

  /** The email addresses among the subject alternative names. */
  public List<String> emailAddresses() {
    return alternativeNames.emailAddresses();
  }

  /** The otherNames among the subject alternative names. */
  public List<OtherName> otherNames() {
    return alternativeNames.otherNames();
  }
}

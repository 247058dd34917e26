package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.KeyUsage;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/** Signs certificate requests into certificates, as cert-manager's SelfSigned and CA issuers do. */
public final class CertificateSigner {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateSigner() {}

  /**
   * The certificate for the request: its subject, public key and subject alternative names, with
   * the validity, CA flag, usages, issuer and URLs of the parameters. Usages the request carries
   * must agree with those of the parameters, as must a requested CA flag.
   */
  public static X509Certificate sign(ParsedRequest request, SigningParameters parameters) {
    PublicKey issuerPublicKey = parameters.isSelfSigned() ? request.publicKey() : parameters.issuerCertificate().getPublicKey();
    if (!PrivateKeys.matches(parameters.issuerKey(), issuerPublicKey)) {
      throw new PkiException(parameters.isSelfSigned()
          ? "the private key does not match the public key of the certificate request"
          : "the CA certificate and private key do not match");
    }
    boolean requestedCA = request.basicConstraints().map(BasicConstraints::isCA).orElse(parameters.isCA());
    if (requestedCA != parameters.isCA()) {
      throw new PkiException("the certificate request asks for isCA " + requestedCA + " but the CertificateRequest has isCA " + parameters.isCA());
    }
    if (!parameters.isSelfSigned()) {
      checkIssuerMaySign(parameters.issuerCertificate(), request, parameters.isCA());
    }
    List<KeyUsage> usages = usages(request, parameters);
    SubjectPublicKeyInfo subjectKey = SubjectPublicKeyInfo.getInstance(request.publicKey().getEncoded());
    X500Name subject = parameters.isSelfSigned() ? selfSignedSubject(request) : request.subject();
    X500Name issuer = parameters.isSelfSigned()
        ? subject
        : X500Name.getInstance(parameters.issuerCertificate().getSubjectX500Principal().getEncoded());

    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
        issuer, serialNumber(), Date.from(parameters.notBefore()), Date.from(notAfter(parameters)), subject, subjectKey);
    try {
      for (Extension extension : extensions(request, parameters, usages, subjectKey)) {
        builder.addExtension(extension);
      }
    } catch (CertIOException e) {
      throw new IllegalStateException("an extension built in memory cannot be added", e);
    }
    ContentSigner signer =
        SignatureAlgorithms.signer(SignatureAlgorithms.forSigning(request.signatureAlgorithm(), issuerPublicKey), parameters.issuerKey());
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (CertificateException e) {
      throw new PkiException("the signed certificate cannot be read back", e);
    }
  }

  /**
   * Refuses what the CA could sign but no client would accept: names outside the CA's name
   * constraints, or a CA certificate under a CA whose path length is 0.
   */
  private static void checkIssuerMaySign(X509Certificate ca, ParsedRequest request, boolean isCA) {
    if (isCA && ca.getBasicConstraints() == 0) {
      throw new PkiException("the CA certificate has path length 0, so it cannot sign another CA certificate (isCA: true)");
    }
    byte[] encoded = ca.getExtensionValue(Extension.nameConstraints.getId());
    if (encoded == null) {
      return;
    }
    NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(encoded).getOctets());
    PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    if (constraints.getPermittedSubtrees() != null) {
      validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
    }
    if (constraints.getExcludedSubtrees() != null) {
      for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
        validator.addExcludedSubtree(excluded);
      }
    }
    List<GeneralName> names = new ArrayList<>();
    if (request.subject().getRDNs().length > 0) {
      names.add(new GeneralName(request.subject()));
    }
    request.extension(Extension.subjectAlternativeName).ifPresent(san -> names.addAll(List.of(GeneralNames.getInstance(san.getParsedValue()).getNames())));
    for (GeneralName name : names) {
      try {
        validator.checkPermitted(name);
        validator.checkExcluded(name);
      } catch (NameConstraintValidatorException e) {
        throw new PkiException("the CA's name constraints do not allow " + X509NameConstraints.describe(name) + " (the CA's constraints: "
            + X509NameConstraints.describe(constraints) + ")");
      }
    }
  }

  /**
   * The subject of a self-signed certificate: the request's, or, when that is empty (a Certificate
   * with only alternative names), a common name taken from the first of them. RFC 5280 forbids an
   * empty issuer, and a self-signed certificate's issuer is its subject, so an empty one cannot be
   * issued.
   */
  private static X500Name selfSignedSubject(ParsedRequest request) {
    if (request.subject().getRDNs().length > 0) {
      return request.subject();
    }
    AlternativeNames names = request.alternativeNames();
    String first =
        Stream.of(names.dnsNames(), names.ipAddresses(), names.uris(), names.emailAddresses())
            .flatMap(List::stream)
            .findFirst()
            .orElseThrow(() -> new PkiException("a self-signed certificate needs a subject or at least one alternative name"));
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, first).build();
  }

  /**
   * The parameters' usages; without them, what the request asks for; without either, cert-manager's
   * default. A CA always gains cert sign.
   */
  private static List<KeyUsage> usages(ParsedRequest request, SigningParameters parameters) {
    List<KeyUsage> requested = request.usages();
    if (parameters.usages().isEmpty()) {
      return KeyUsages.canonical(requested.isEmpty() ? KeyUsage.DEFAULTS : requested, parameters.isCA());
    }
    List<KeyUsage> expected = KeyUsages.canonical(parameters.usages(), parameters.isCA());
    if (!requested.isEmpty() && !requested.equals(expected)) {
      throw new PkiException("the certificate request asks for usages " + KeyUsages.names(requested) + " but the CertificateRequest lists "
          + KeyUsages.names(expected) + ": the usages in the request and in spec.usages must be the same");
    }
    return expected;
  }

  /**
   * Starts at notBefore and lasts the duration, but never past the issuing CA's own notAfter: a CA
   * cannot vouch for a certificate beyond its own expiry, and clients would reject the chain.
   */
  private static Instant notAfter(SigningParameters parameters) {
    Instant notAfter = parameters.notBefore().plus(parameters.duration());
    if (parameters.isSelfSigned()) {
      return notAfter;
    }
    Instant caNotAfter = parameters.issuerCertificate().getNotAfter().toInstant();
    if (!caNotAfter.isAfter(parameters.notBefore())) {
      throw new PkiException("the CA certificate expired at " + caNotAfter + ": renew the CA before it can issue certificates");
    }
    return notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter;
  }

  private static List<Extension> extensions(
      ParsedRequest request, SigningParameters parameters, List<KeyUsage> usages, SubjectPublicKeyInfo subjectKey) {
    List<Extension> extensions = new ArrayList<>();
    extensions.add(Der.extension(Extension.basicConstraints, true, new BasicConstraints(parameters.isCA())));
    int bits = KeyUsages.bits(usages);
    if (bits != 0) {
      extensions.add(Der.extension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(bits)));
    }
    List<KeyPurposeId> purposes = KeyUsages.purposes(usages);
    if (!purposes.isEmpty()) {
      extensions.add(Der.extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new))));
    }
    extensions.add(Der.extension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectKey))));
    // RFC 5280 lets a self-signed certificate omit the authority key identifier, and Go omits it.
    if (!parameters.isSelfSigned()) {
      AuthorityKeyIdentifier authority = new AuthorityKeyIdentifier(issuerKeyIdentifier(parameters.issuerCertificate()));
      extensions.add(Der.extension(Extension.authorityKeyIdentifier, false, authority));
    }
    // RFC 5280 4.2.1.6: with an empty subject, the names live only here and the extension must be critical.
    request.extension(Extension.subjectAlternativeName).ifPresent(names ->
        extensions.add(new Extension(Extension.subjectAlternativeName, DistinguishedNames.isEmpty(request.subject()), names.getExtnValue())));
    if (parameters.isCA()) {
      request.extension(Extension.nameConstraints).ifPresent(extensions::add);
    }
    if (!parameters.crlDistributionPoints().isEmpty()) {
      DistributionPoint[] points = parameters.crlDistributionPoints().stream()
          .map(url -> new DistributionPoint(new DistributionPointName(new GeneralNames(uri(url))), null, null))
          .toArray(DistributionPoint[]::new);
      extensions.add(Der.extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points)));
    }
    List<AccessDescription> access = new ArrayList<>();
    parameters.ocspServers().forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(url))));
    parameters.issuingCertificateUrls().forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(url))));
    if (!access.isEmpty()) {
      extensions.add(Der.extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(access.toArray(AccessDescription[]::new))));
    }
    return extensions;
  }

  /** The issuer's own subject key identifier, so chains link up even when the CA computed it another way. */
  private static byte[] issuerKeyIdentifier(X509Certificate issuer) {
    try {
      SubjectKeyIdentifier identifier = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(issuer).getExtensions());
      return identifier != null ? identifier.getKeyIdentifier() : keyIdentifier(SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded()));
    } catch (CertificateEncodingException e) {
      throw new PkiException("the CA certificate cannot be read", e);
    }
  }

  /** RFC 5280 4.2.1.2 method 1, as Go computes it: SHA-1 of the subject public key bits. */
  private static byte[] keyIdentifier(SubjectPublicKeyInfo key) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /** 128 random bits with the top bit set, so that the serial is positive, never zero, and always 128 bits long. */
  private static BigInteger serialNumber() {
    return new BigInteger(128, RANDOM).setBit(127);
  }

  private static GeneralName uri(String url) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, url);
  }
}

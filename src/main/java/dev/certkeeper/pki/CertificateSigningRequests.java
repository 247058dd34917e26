package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certificate signing requests, built from a Certificate's spec exactly as cert-manager builds them. */
public final class CertificateSigningRequests {
  private CertificateSigningRequests() {}

  /**
   * The PEM request for the spec, signed with the key pair: the subject, the subject alternative
   * names (critical when the subject is empty), key usages and extended key usages unless
   * encodeUsagesInRequest is false, basic constraints for a CA, and name constraints.
   */
  public static String create(CertificateSpec spec, KeyPair keyPair) {
    Contents contents = Contents.of(spec);
    JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(contents.subject(), keyPair.getPublic());
    contents.extensions().ifPresent(extensions -> builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions));
    PKCS10CertificationRequest request = builder.build(SignatureAlgorithms.signer(SignatureAlgorithms.forSpec(spec), keyPair.getPrivate()));
    return Pem.encode("CERTIFICATE REQUEST", Der.encode(request.toASN1Structure()));
  }

  /**
   * What a request that {@link #create} builds for the spec and this public key says, without
   * building and signing one: deciding whether an existing request still fits costs no signature.
   */
  public static ParsedRequest expected(CertificateSpec spec, PublicKey publicKey) {
    Contents contents = Contents.of(spec);
    SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    return new ParsedRequest(
        contents.subject(), JdkKeys.publicKey(key), SignatureAlgorithms.identifier(SignatureAlgorithms.forSpec(spec), publicKey), contents.extensions().orElse(null));
  }

  /** The request in the PEM text, after checking that it is signed by the key it carries. */
  public static ParsedRequest parse(String pem) {
    PKCS10CertificationRequest request = decode(pem);
    PublicKey publicKey = JdkKeys.publicKey(request.getSubjectPublicKeyInfo());
    try {
      JcaContentVerifierProviderBuilder verifier = new JcaContentVerifierProviderBuilder();
      if (CryptoProviders.ellipticCurve(publicKey)) {
        verifier.setProvider(CryptoProviders.BOUNCY_CASTLE);
      }
      if (!request.isSignatureValid(verifier.build(publicKey))) {
        throw new PkiException("the certificate request's signature does not verify: it was not signed by the key it carries");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new PkiException("the certificate request's signature cannot be checked", e);
    }
    return new ParsedRequest(request.getSubject(), publicKey, request.getSignatureAlgorithm(), request.getRequestedExtensions());
  }

  /**
   * The request in the PEM text, its signature not checked: for a request certkeeper built itself
   * and reads back from its CertificateRequest, where checking it again would only cost time.
   */
  public static ParsedRequest read(String pem) {
    PKCS10CertificationRequest request = decode(pem);
    return new ParsedRequest(
        request.getSubject(), JdkKeys.publicKey(request.getSubjectPublicKeyInfo()), request.getSignatureAlgorithm(), request.getRequestedExtensions());
  }

  private static PKCS10CertificationRequest decode(String pem) {
    Pem.Block block = Pem.blocks(pem).stream()
        .filter(candidate -> candidate.type().equals("CERTIFICATE REQUEST") || candidate.type().equals("NEW CERTIFICATE REQUEST"))
        .findFirst()
        .orElseThrow(() -> new PkiException("no PEM certificate request found: expected a -----BEGIN CERTIFICATE REQUEST----- block"));
    try {
      return new PKCS10CertificationRequest(block.der());
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new PkiException("PEM block " + block.number() + " (" + block.type() + ") is not a valid PKCS#10 request", e);
    }
  }

  /** The subject and requested extensions a request for the spec carries. */
  private record Contents(X500Name subject, Optional<Extensions> extensions) {
    static Contents of(CertificateSpec spec) {
      X500Name subject = DistinguishedNames.of(spec);
      AlternativeNames names = AlternativeNames.of(spec);
      if (DistinguishedNames.commonName(subject).isEmpty() && names.isEmpty()) {
        throw new PkiException(
            "the Certificate names no identity: set commonName (or a CN in literalSubject), dnsNames, ipAddresses, uris, emailAddresses or otherNames");
      }
      List<Extension> extensions = new ArrayList<>();
      if (!names.isEmpty()) {
        extensions.add(Der.extension(Extension.subjectAlternativeName, DistinguishedNames.isEmpty(subject), names.toGeneralNames()));
      }
      if (spec.effectiveEncodeUsagesInRequest()) {
        extensions.addAll(usageExtensions(spec.effectiveUsages(), spec.effectiveIsCA()));
      }
      if (spec.effectiveIsCA()) {
        extensions.add(Der.extension(Extension.basicConstraints, true, new BasicConstraints(true)));
      }
      X509NameConstraints.of(spec.nameConstraints()).ifPresent(extensions::add);
      return new Contents(subject, extensions.isEmpty() ? Optional.empty() : Optional.of(new Extensions(extensions.toArray(Extension[]::new))));
    }
  }

  /** keyUsage (critical, as Go marks it) when any usage is a key usage; extKeyUsage when any is an extended one. */
  private static List<Extension> usageExtensions(List<KeyUsage> usages, boolean isCA) {
    List<Extension> extensions = new ArrayList<>();
    int bits = KeyUsages.bits(KeyUsages.canonical(usages, isCA));
    if (bits != 0) {
      extensions.add(Der.extension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(bits)));
    }
    List<KeyPurposeId> purposes = KeyUsages.purposes(usages);
    if (!purposes.isEmpty()) {
      extensions.add(Der.extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new))));
    }
    return extensions;
  }
}

package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.SignatureAlgorithm;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Which signature algorithm a request or certificate is signed with, and the signer for it. */
final class SignatureAlgorithms {
  private record Algorithm(ASN1ObjectIdentifier oid, String jcaName, PrivateKeyAlgorithm keyAlgorithm) {}

  private static final Map<SignatureAlgorithm, Algorithm> ALGORITHMS = new EnumMap<>(SignatureAlgorithm.class);
  /** BouncyCastle's own table, the one its content signers take their identifiers from. */
  private static final DefaultSignatureAlgorithmIdentifierFinder IDENTIFIERS = new DefaultSignatureAlgorithmIdentifierFinder();

  static {
    ALGORITHMS.put(SignatureAlgorithm.SHA256_WITH_RSA, new Algorithm(PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA", PrivateKeyAlgorithm.RSA));
    ALGORITHMS.put(SignatureAlgorithm.SHA384_WITH_RSA, new Algorithm(PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA", PrivateKeyAlgorithm.RSA));
    ALGORITHMS.put(SignatureAlgorithm.SHA512_WITH_RSA, new Algorithm(PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA", PrivateKeyAlgorithm.RSA));
    ALGORITHMS.put(SignatureAlgorithm.ECDSA_WITH_SHA256, new Algorithm(X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA", PrivateKeyAlgorithm.ECDSA));
    ALGORITHMS.put(SignatureAlgorithm.ECDSA_WITH_SHA384, new Algorithm(X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA", PrivateKeyAlgorithm.ECDSA));
    ALGORITHMS.put(SignatureAlgorithm.ECDSA_WITH_SHA512, new Algorithm(X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA", PrivateKeyAlgorithm.ECDSA));
    ALGORITHMS.put(SignatureAlgorithm.PURE_ED25519, new Algorithm(EdECObjectIdentifiers.id_Ed25519, "Ed25519", PrivateKeyAlgorithm.ED25519));
  }

  private SignatureAlgorithms() {}

  /** The spec's signatureAlgorithm, else cert-manager's default for the key it asks for. */
  static SignatureAlgorithm forSpec(CertificateSpec spec) {
    return spec.signatureAlgorithm() != null ? spec.signatureAlgorithm() : forKey(KeyDescription.of(spec.effectivePrivateKey()));
  }

  /**
   * The request's own algorithm when the issuer's key can sign with it, else the default for the
   * issuer's key: an RSA CA answers an ECDSA request with an RSA signature.
   */
  static SignatureAlgorithm forSigning(AlgorithmIdentifier requested, PublicKey issuerKey) {
    KeyDescription issuer = PrivateKeys.describe(issuerKey);
    return of(requested).filter(algorithm -> keyAlgorithm(algorithm) == issuer.algorithm()).orElseGet(() -> forKey(issuer));
  }

  /** cert-manager's choice for a key: SHA-256 up to RSA 3071 bits, SHA-384 up to 4095, SHA-512 above; the curve's own hash for ECDSA. */
  static SignatureAlgorithm forKey(KeyDescription key) {
    return switch (key.algorithm()) {
      case RSA -> key.size() >= 4096 ? SignatureAlgorithm.SHA512_WITH_RSA
          : key.size() >= 3072 ? SignatureAlgorithm.SHA384_WITH_RSA
          : SignatureAlgorithm.SHA256_WITH_RSA;
      case ECDSA -> key.size() == 521 ? SignatureAlgorithm.ECDSA_WITH_SHA512
          : key.size() == 384 ? SignatureAlgorithm.ECDSA_WITH_SHA384
          : SignatureAlgorithm.ECDSA_WITH_SHA256;
      case ED25519 -> SignatureAlgorithm.PURE_ED25519;
    };
  }

  static PrivateKeyAlgorithm keyAlgorithm(SignatureAlgorithm algorithm) {
    return ALGORITHMS.get(algorithm).keyAlgorithm();
  }

  static Optional<SignatureAlgorithm> of(AlgorithmIdentifier identifier) {
    return Arrays.stream(SignatureAlgorithm.values())
        .filter(algorithm -> ALGORITHMS.get(algorithm).oid().equals(identifier.getAlgorithm()))
        .findFirst();
  }

  /** A signer with the key, which must be of the algorithm's kind. */
  static ContentSigner signer(SignatureAlgorithm algorithm, PrivateKey key) {
    requireFits(algorithm, PrivateKeys.publicKey(key));
    try {
      JcaContentSignerBuilder builder = new JcaContentSignerBuilder(ALGORITHMS.get(algorithm).jcaName());
      if (CryptoProviders.ellipticCurve(key.getAlgorithm())) {
        builder.setProvider(CryptoProviders.BOUNCY_CASTLE);
      }
      return builder.build(key);
    } catch (OperatorCreationException e) {
      throw new PkiException("cannot sign with " + ALGORITHMS.get(algorithm).jcaName(), e);
    }
  }

  /** The identifier a signature of the algorithm carries, as a signer with a key of this kind would write it. */
  static AlgorithmIdentifier identifier(SignatureAlgorithm algorithm, PublicKey key) {
    requireFits(algorithm, key);
    return IDENTIFIERS.find(ALGORITHMS.get(algorithm).jcaName());
  }

  private static void requireFits(SignatureAlgorithm algorithm, PublicKey key) {
    KeyDescription actual = PrivateKeys.describe(key);
    if (actual.algorithm() != keyAlgorithm(algorithm)) {
      throw new PkiException(
          "signature algorithm " + ALGORITHMS.get(algorithm).jcaName() + " is for " + keyAlgorithm(algorithm) + " keys, but the private key is "
              + actual + ": make signatureAlgorithm fit privateKey.algorithm");
    }
  }
}

package dev.certkeeper.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Turns ASN.1 key structures into the JDK's own key objects, so that every key in certkeeper,
 * whatever PEM or certificate it came from, signs and compares through the same providers.
 */
final class JdkKeys {
  private JdkKeys() {}

  static PrivateKey privateKey(PrivateKeyInfo info) {
    String algorithm = algorithm(info.getPrivateKeyAlgorithm().getAlgorithm());
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Der.encode(info)));
    } catch (GeneralSecurityException e) {
      throw new PkiException("the " + algorithm + " private key cannot be read", e);
    }
  }

  static PublicKey publicKey(SubjectPublicKeyInfo info) {
    String algorithm = algorithm(info.getAlgorithm().getAlgorithm());
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Der.encode(info)));
    } catch (GeneralSecurityException e) {
      throw new PkiException("the " + algorithm + " public key cannot be read", e);
    }
  }

  private static String algorithm(ASN1ObjectIdentifier oid) {
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new PkiException("unsupported key algorithm " + oid + ": certkeeper handles RSA, ECDSA and Ed25519 keys");
  }
}

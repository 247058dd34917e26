package dev.certkeeper.certificates.policy;

import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.util.IPAddress;

/**
 * Facts read from parsed certificates and keys, mostly with the JDK API (Bouncy Castle for subject
 * attributes). It belongs with the PKI code and is meant to move into {@code dev.certkeeper.pki}.
 */
final class X509Facts {
  /** The algorithm and size of a key as a Certificate spec names them; size 0 for Ed25519. */
  record KeyType(PrivateKeyAlgorithm algorithm, int size) {}

  // GeneralName tags (RFC 5280) as getSubjectAlternativeNames reports them.
  private static final int SAN_EMAIL = 1;
  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;
  private static final int SAN_IP = 7;

  // KeyUsage bit positions as getKeyUsage() reports them (RFC 5280 4.2.1.3).
  private static final int KU_CERT_SIGN = 5;
  private static final Map<KeyUsage, Integer> KEY_USAGE_BITS = new EnumMap<>(KeyUsage.class);
  private static final Map<KeyUsage, String> EXTENDED_KEY_USAGE_OIDS = new EnumMap<>(KeyUsage.class);

  static {
    // cert-manager's mapping (pkg/util/pki/keyusage.go): "signing" is digitalSignature and
    // "s/mime" is emailProtection.
    KEY_USAGE_BITS.put(KeyUsage.SIGNING, 0);
    KEY_USAGE_BITS.put(KeyUsage.DIGITAL_SIGNATURE, 0);
    KEY_USAGE_BITS.put(KeyUsage.CONTENT_COMMITMENT, 1);
    KEY_USAGE_BITS.put(KeyUsage.KEY_ENCIPHERMENT, 2);
    KEY_USAGE_BITS.put(KeyUsage.DATA_ENCIPHERMENT, 3);
    KEY_USAGE_BITS.put(KeyUsage.KEY_AGREEMENT, 4);
    KEY_USAGE_BITS.put(KeyUsage.CERT_SIGN, KU_CERT_SIGN);
    KEY_USAGE_BITS.put(KeyUsage.CRL_SIGN, 6);
    KEY_USAGE_BITS.put(KeyUsage.ENCIPHER_ONLY, 7);
    KEY_USAGE_BITS.put(KeyUsage.DECIPHER_ONLY, 8);
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.ANY, "2.5.29.37.0");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.SERVER_AUTH, "1.3.6.1.5.5.7.3.1");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.CLIENT_AUTH, "1.3.6.1.5.5.7.3.2");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.CODE_SIGNING, "1.3.6.1.5.5.7.3.3");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.EMAIL_PROTECTION, "1.3.6.1.5.5.7.3.4");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.S_MIME, "1.3.6.1.5.5.7.3.4");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.IPSEC_END_SYSTEM, "1.3.6.1.5.5.7.3.5");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.IPSEC_TUNNEL, "1.3.6.1.5.5.7.3.6");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.IPSEC_USER, "1.3.6.1.5.5.7.3.7");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.TIMESTAMPING, "1.3.6.1.5.5.7.3.8");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.OCSP_SIGNING, "1.3.6.1.5.5.7.3.9");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.MICROSOFT_SGC, "1.3.6.1.4.1.311.10.3.3");
    EXTENDED_KEY_USAGE_OIDS.put(KeyUsage.NETSCAPE_SGC, "2.16.840.1.113730.4.1");
  }

  private static final byte[] PROBE = "certkeeper key pair check".getBytes(StandardCharsets.US_ASCII);

  private X509Facts() {}

  static List<String> dnsNames(X509Certificate certificate) {
    return subjectAltNames(certificate, SAN_DNS);
  }

  static List<String> ipAddresses(X509Certificate certificate) {
    return subjectAltNames(certificate, SAN_IP);
  }

  static List<String> uris(X509Certificate certificate) {
    return subjectAltNames(certificate, SAN_URI);
  }

  static List<String> emailAddresses(X509Certificate certificate) {
    return subjectAltNames(certificate, SAN_EMAIL);
  }

  /**
   * One text form per IP address, so "::ffff:192.0.2.1", "192.0.2.1" and the JDK's uncompressed
   * IPv6 form compare as Go's net.IP.Equal does. Text that is no IP literal is kept as it is:
   * resolving it would be a DNS lookup.
   */
  static String normalizeIpAddress(String text) {
    if (!IPAddress.isValid(text)) {
      return text;
    }
    try {
      return InetAddress.getByName(text).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an IP literal did not parse: " + text, e);
    }
  }

  static X500Name subject(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  /** The last common name, as Go's pkix.Name keeps it; "" for none. */
  static String commonName(X500Name name) {
    List<String> values = attributeValues(name, BCStyle.CN);
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  /** The values of one attribute type in the order they appear, multi-valued RDNs included. */
  static List<String> attributeValues(X500Name name, ASN1ObjectIdentifier type) {
    List<String> values = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        if (attribute.getType().equals(type)) {
          values.add(text(attribute.getValue()));
        }
      }
    }
    return values;
  }

  /** Every attribute as "oid=value", so two names can be compared regardless of string types. */
  static List<String> attributes(X500Name name) {
    List<String> attributes = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        attributes.add(attribute.getType().getId() + "=" + text(attribute.getValue()));
      }
    }
    return attributes;
  }

  /** An RFC 4514 name such as a literalSubject; empty when it cannot be read. */
  static Optional<X500Name> parseDistinguishedName(String text) {
    try {
      return Optional.of(new X500Name(BCStyle.INSTANCE, text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isCA(X509Certificate certificate) {
    return certificate.getBasicConstraints() != -1;
  }

  static Set<Integer> keyUsageBits(X509Certificate certificate) {
    Set<Integer> bits = new HashSet<>();
    boolean[] keyUsage = certificate.getKeyUsage();
    for (int bit = 0; keyUsage != null && bit < keyUsage.length; bit++) {
      if (keyUsage[bit]) {
        bits.add(bit);
      }
    }
    return bits;
  }

  /** The key usage bits a spec asks for; a CA also signs certificates, as cert-manager adds. */
  static Set<Integer> keyUsageBits(List<KeyUsage> usages, boolean isCA) {
    Set<Integer> bits = new HashSet<>();
    usages.stream().map(KEY_USAGE_BITS::get).filter(bit -> bit != null).forEach(bits::add);
    if (isCA) {
      bits.add(KU_CERT_SIGN);
    }
    return bits;
  }

  static Set<String> extendedKeyUsages(X509Certificate certificate) {
    try {
      List<String> oids = certificate.getExtendedKeyUsage();
      return oids == null ? Set.of() : Set.copyOf(oids);
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("the certificate's extendedKeyUsage extension is unreadable", e);
    }
  }

  static Set<String> extendedKeyUsages(List<KeyUsage> usages) {
    Set<String> oids = new HashSet<>();
    usages.stream().map(EXTENDED_KEY_USAGE_OIDS::get).filter(oid -> oid != null).forEach(oids::add);
    return oids;
  }

  /** The spec's name for a key's algorithm and size; empty for a kind of key a spec cannot ask for. */
  static Optional<KeyType> keyType(Key key) {
    if (key instanceof RSAKey rsa) {
      return Optional.of(new KeyType(PrivateKeyAlgorithm.RSA, rsa.getModulus().bitLength()));
    }
    if (key instanceof ECKey ec) {
      return Optional.of(new KeyType(PrivateKeyAlgorithm.ECDSA, ec.getParams().getCurve().getField().getFieldSize()));
    }
    boolean ed25519 =
        key instanceof EdECKey edec ? "Ed25519".equalsIgnoreCase(edec.getParams().getName()) : "Ed25519".equals(key.getAlgorithm());
    return ed25519 ? Optional.of(new KeyType(PrivateKeyAlgorithm.ED25519, 0)) : Optional.empty();
  }

  /**
   * Whether the private key belongs to the public key. RSA compares the modulus (and exponent);
   * ECDSA and Ed25519 sign a probe and verify it, since the JDK cannot derive their public key.
   *
   * @throws GeneralSecurityException when a key is of an unsupported kind or the JDK rejects it
   */
  static boolean keysMatch(PublicKey publicKey, PrivateKey privateKey) throws GeneralSecurityException {
    KeyType publicType = keyType(publicKey).orElseThrow(() -> unsupported(publicKey));
    KeyType privateType = keyType(privateKey).orElseThrow(() -> unsupported(privateKey));
    if (!publicType.equals(privateType)) {
      return false;
    }
    return switch (publicType.algorithm()) {
      case RSA -> ((RSAKey) privateKey).getModulus().equals(((RSAKey) publicKey).getModulus())
          && (!(privateKey instanceof RSAPrivateCrtKey crt)
              || crt.getPublicExponent().equals(((RSAPublicKey) publicKey).getPublicExponent()));
      case ECDSA -> signatureVerifies("SHA256withECDSA", publicKey, privateKey);
      case ED25519 -> signatureVerifies("Ed25519", publicKey, privateKey);
    };
  }

  private static boolean signatureVerifies(String algorithm, PublicKey publicKey, PrivateKey privateKey)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(privateKey);
    signer.update(PROBE);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(PROBE);
    return verifier.verify(signature);
  }

  private static GeneralSecurityException unsupported(Key key) {
    return new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
  }

  private static List<String> subjectAltNames(X509Certificate certificate, int tag) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("the certificate's subjectAltName extension is unreadable", e);
    }
    List<String> values = new ArrayList<>();
    for (List<?> name : names == null ? List.<List<?>>of() : names) {
      if (((Integer) name.get(0)) == tag) {
        values.add((String) name.get(1));
      }
    }
    return values;
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
  }
}

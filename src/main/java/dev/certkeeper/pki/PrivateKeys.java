package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** Private keys as cert-manager keeps them: generated per spec, stored as PEM, compared with certificates. */
public final class PrivateKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<Integer, String> CURVES = Map.of(256, "secp256r1", 384, "secp384r1", 521, "secp521r1");

  /**
   * Public halves already derived, by the private key's encoding, least recently used dropped
   * first: deriving an EC public key is a scalar multiplication, and every reconciliation compares
   * the same few keys with their certificates and requests again.
   */
  private static final Map<ByteBuffer, SubjectPublicKeyInfo> DERIVED = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, SubjectPublicKeyInfo> eldest) {
      return size() > 4096;
    }
  });

  private PrivateKeys() {}

  /** A new key pair of the algorithm and size the spec asks for, defaults applied. */
  public static KeyPair generate(CertificatePrivateKey spec) {
    KeyDescription wanted = KeyDescription.of(spec);
    try {
      return switch (wanted.algorithm()) {
        case RSA -> {
          if (wanted.size() < 2048 || wanted.size() > 8192) {
            throw new PkiException("privateKey.size " + wanted.size() + " is not valid for RSA: use 2048 to 8192 bits");
          }
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(wanted.size(), RANDOM);
          yield generator.generateKeyPair();
        }
        case ECDSA -> {
          String curve = CURVES.get(wanted.size());
          if (curve == null) {
            throw new PkiException("privateKey.size " + wanted.size() + " is not valid for ECDSA: use 256, 384 or 521");
          }
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.BOUNCY_CASTLE);
          generator.initialize(new ECGenParameterSpec(curve), RANDOM);
          KeyPair generated = generator.generateKeyPair();
          // Handed on as the JDK's own key objects, as every key read from a Secret is.
          yield new KeyPair(
              JdkKeys.publicKey(SubjectPublicKeyInfo.getInstance(generated.getPublic().getEncoded())),
              JdkKeys.privateKey(PrivateKeyInfo.getInstance(generated.getPrivate().getEncoded())));
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      };
    } catch (GeneralSecurityException e) {
      throw new PkiException("cannot generate a " + wanted + " key", e);
    }
  }

  /**
   * The key as PEM: PKCS#1 writes RSA as "RSA PRIVATE KEY" and ECDSA as SEC 1 "EC PRIVATE KEY";
   * PKCS#8 writes "PRIVATE KEY". Ed25519 has no PKCS#1 form and is always PKCS#8.
   */
  public static String toPem(PrivateKey key, PrivateKeyEncoding encoding) {
    PrivateKeyInfo info = info(key);
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (encoding == PrivateKeyEncoding.PKCS1 && algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Pem.encode("RSA PRIVATE KEY", Der.encode(parse(info)));
    }
    if (encoding == PrivateKeyEncoding.PKCS1 && algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return Pem.encode("EC PRIVATE KEY", Der.encode(sec1(info)));
    }
    return Pem.encode("PRIVATE KEY", Der.encode(info));
  }

  /**
   * The DER inside {@link #toPem}'s block: a Secret's {@code key.der} (cert-manager decodes tls.key's
   * block) and, as PKCS#1, what cert-manager hashes to fingerprint an ACME account key.
   */
  public static byte[] toDer(PrivateKey key, PrivateKeyEncoding encoding) {
    return Pem.blocks(toPem(key, encoding)).get(0).der();
  }

  /**
   * The first private key in the PEM text, in any form {@link #toPem} writes; other blocks, such
   * as the EC PARAMETERS block OpenSSL writes before an EC key, are skipped.
   */
  public static PrivateKey parsePem(String pem) {
    for (Pem.Block block : Pem.blocks(pem)) {
      switch (block.type()) {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
          if (block.encrypted()) {
            throw encrypted();
          }
          return usable(JdkKeys.privateKey(keyInfo(block)));
        }
        case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
        default -> {
          // not a key: keep looking
        }
      }
    }
    throw new PkiException("no PEM private key found: expected a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
  }

  /** The public half of the key, computed from the private key alone. */
  public static PublicKey publicKey(PrivateKey key) {
    return JdkKeys.publicKey(publicKeyInfo(info(key)));
  }

  /**
   * The key, if its public half can be derived: an RSA key stored without its CRT parameters
   * parses but cannot be used, and is refused here as Go refuses it, with a reason to read.
   */
  private static PrivateKey usable(PrivateKey key) {
    try {
      publicKey(key);
      return key;
    } catch (IllegalArgumentException e) {
      throw new PkiException("the private key is malformed: " + e.getMessage());
    }
  }

  /** Whether the public key belongs to the private key. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    return Arrays.equals(Der.encode(publicKeyInfo(info(privateKey))), Der.encode(canonical(publicKey)));
  }

  /** The algorithm and size of the key. */
  public static KeyDescription describe(PublicKey key) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
    if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return new KeyDescription(PrivateKeyAlgorithm.RSA, rsaModulusBits(info));
    }
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return new KeyDescription(PrivateKeyAlgorithm.ECDSA, curve(info.getAlgorithm()).getCurve().getFieldSize());
    }
    if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return new KeyDescription(PrivateKeyAlgorithm.ED25519, 0);
    }
    throw new PkiException("unsupported key algorithm " + algorithm + ": certkeeper handles RSA, ECDSA and Ed25519 keys");
  }

  /** Whether the key has the algorithm and size the spec asks for, as cert-manager checks a stored key. */
  public static boolean satisfies(PublicKey key, CertificatePrivateKey spec) {
    return describe(key).equals(KeyDescription.of(spec));
  }

  private static PrivateKeyInfo info(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      throw new PkiException("the " + key.getAlgorithm() + " private key cannot be exported, so certkeeper cannot use it");
    }
    return PrivateKeyInfo.getInstance(encoded);
  }

  private static PrivateKeyInfo keyInfo(Pem.Block block) {
    try {
      return switch (block.type()) {
        case "RSA PRIVATE KEY" -> new PrivateKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(block.der()));
        case "EC PRIVATE KEY" -> {
          ECPrivateKey sec1 = ECPrivateKey.getInstance(block.der());
          if (sec1.getParametersObject() == null) {
            throw new PkiException("the EC PRIVATE KEY names no curve; write it with its curve parameters (openssl ec -param_enc named_curve)");
          }
          yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()), sec1);
        }
        default -> PrivateKeyInfo.getInstance(block.der());
      };
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new PkiException("PEM block " + block.number() + " (" + block.type() + ") is not a valid private key", e);
    }
  }

  private static SubjectPublicKeyInfo publicKeyInfo(PrivateKeyInfo info) {
    ByteBuffer privateKey = ByteBuffer.wrap(Der.encode(info));
    SubjectPublicKeyInfo known = DERIVED.get(privateKey);
    if (known != null) {
      return known;
    }
    SubjectPublicKeyInfo derived = derivePublicKeyInfo(info);
    DERIVED.put(privateKey, derived);
    return derived;
  }

  private static SubjectPublicKeyInfo derivePublicKeyInfo(PrivateKeyInfo info) {
    try {
      AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
      if (key instanceof RSAPrivateCrtKeyParameters rsa) {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof ECPrivateKeyParameters ec) {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
            new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters()));
      }
      if (key instanceof Ed25519PrivateKeyParameters ed25519) {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ed25519.generatePublicKey());
      }
    } catch (IOException e) {
      throw new PkiException("the private key cannot be read", e);
    }
    throw new PkiException(
        "the public key cannot be derived from this private key: certkeeper handles RSA (with CRT parameters), ECDSA and Ed25519 keys");
  }

  private static SubjectPublicKeyInfo canonical(PublicKey key) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(PublicKeyFactory.createKey(key.getEncoded()));
    } catch (IOException e) {
      throw new PkiException("the " + key.getAlgorithm() + " public key cannot be read", e);
    }
  }

  private static RSAPrivateKey parse(PrivateKeyInfo info) {
    try {
      return RSAPrivateKey.getInstance(info.parsePrivateKey());
    } catch (IOException e) {
      throw new PkiException("the RSA private key cannot be read", e);
    }
  }

  /** SEC 1 with the curve and public key included, as Go and OpenSSL write it, so the PEM stands alone. */
  private static ECPrivateKey sec1(PrivateKeyInfo info) {
    try {
      ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
      X9ECParameters curve = curve(info.getPrivateKeyAlgorithm());
      DERBitString publicKey = new DERBitString(publicKeyInfo(info).getPublicKeyData().getBytes());
      return new ECPrivateKey(curve.getN().bitLength(), inner.getKey(), publicKey, info.getPrivateKeyAlgorithm().getParameters());
    } catch (IOException e) {
      throw new PkiException("the EC private key cannot be read", e);
    }
  }

  private static X9ECParameters curve(AlgorithmIdentifier algorithm) {
    X962Parameters parameters = X962Parameters.getInstance(algorithm.getParameters());
    if (parameters.isNamedCurve()) {
      X9ECParameters named = ECNamedCurveTable.getByOID((ASN1ObjectIdentifier) parameters.getParameters());
      if (named == null) {
        throw new PkiException("unknown elliptic curve " + parameters.getParameters() + ": use P-256, P-384 or P-521");
      }
      return named;
    }
    if (parameters.isImplicitlyCA()) {
      throw new PkiException("the EC key names no curve: use P-256, P-384 or P-521");
    }
    return X9ECParameters.getInstance(parameters.getParameters());
  }

  private static int rsaModulusBits(SubjectPublicKeyInfo info) {
    try {
      return RSAPublicKey.getInstance(info.parsePublicKey()).getModulus().bitLength();
    } catch (IOException e) {
      throw new PkiException("the RSA public key cannot be read", e);
    }
  }

  private static PkiException encrypted() {
    return new PkiException("the private key is encrypted; certkeeper needs it unencrypted, as in a kubernetes.io/tls Secret");
  }
}

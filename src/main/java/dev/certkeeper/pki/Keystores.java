package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.Pkcs12Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * The keystores of a Secret ({@code keystore.p12}, {@code truststore.p12}, {@code keystore.jks},
 * {@code truststore.jks}) laid out as cert-manager lays them out. The PKCS#12 profiles use the
 * algorithms of go-pkcs12's encoders of the same name, with 2048 KDF iterations throughout:
 *
 * <ul>
 *   <li>LegacyRC2: certificates PBE-SHA1-RC2-40, key PBE-SHA1-3DES, MAC HMAC-SHA-1;
 *   <li>LegacyDES: certificates and key PBE-SHA1-3DES, MAC HMAC-SHA-1;
 *   <li>Modern2023: certificates and key PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC), MAC HMAC-SHA-256;
 *   <li>Modern2026: as Modern2023, with a PBMAC1 MAC (RFC 9579, PBKDF2-HMAC-SHA-256 and HMAC-SHA-256),
 *       which OpenSSL reads from 3.4 and Java from 26, or with Bouncy Castle.
 * </ul>
 */
public final class Keystores {
  private static final int ITERATIONS = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AlgorithmIdentifier HMAC_SHA256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
  /** Java's trusted-certificate attribute: Java reads a certificate bag carrying it as a trusted entry. */
  private static final ASN1ObjectIdentifier JAVA_TRUSTED_KEY_USAGE = new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

  private Keystores() {}

  /**
   * A PKCS#12 keystore: the key (named {@code alias}, tied to its certificate by localKeyId), the
   * chain and then the CA certificates, all protected by the password as the profile says.
   */
  public static byte[] pkcs12(
      PrivateKey key, List<X509Certificate> chain, List<X509Certificate> cas, char[] password, Pkcs12Profile profile, String alias) {
    if (chain.isEmpty()) {
      throw new PkiException("a keystore needs the certificate of its key, but the chain is empty");
    }
    try {
      DEROctetString localKeyId = new DEROctetString(MessageDigest.getInstance("SHA-1").digest(chain.get(0).getEncoded()));
      List<PKCS12SafeBag> certificates = new ArrayList<>();
      certificates.add(
          named(new JcaPKCS12SafeBagBuilder(chain.get(0)), alias).addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId).build());
      for (X509Certificate certificate : concat(chain.subList(1, chain.size()), cas)) {
        certificates.add(new JcaPKCS12SafeBagBuilder(certificate).build());
      }
      PKCS12SafeBag keyBag = named(new JcaPKCS12SafeBagBuilder(key, encryptor(keyAlgorithm(profile), password)), alias)
          .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
          .build();
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(encryptor(certificateAlgorithm(profile), password), certificates.toArray(PKCS12SafeBag[]::new));
      pfx.addData(keyBag);
      return pfx.build(mac(profile), password).getEncoded(ASN1Encoding.DER);
    } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException e) {
      throw new PkiException("cannot write the PKCS#12 keystore", e);
    }
  }

  /** A PKCS#12 truststore of the CA certificates, each a Java trusted entry named by its subject. */
  public static byte[] pkcs12Truststore(List<X509Certificate> cas, char[] password, Pkcs12Profile profile) {
    try {
      List<PKCS12SafeBag> certificates = new ArrayList<>();
      for (X509Certificate ca : cas) {
        certificates.add(new JcaPKCS12SafeBagBuilder(ca)
            .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(ca.getSubjectX500Principal().getName()))
            .addBagAttribute(JAVA_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage.toOID())
            .build());
      }
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(encryptor(certificateAlgorithm(profile), password), certificates.toArray(PKCS12SafeBag[]::new));
      return pfx.build(mac(profile), password).getEncoded(ASN1Encoding.DER);
    } catch (IOException | OperatorCreationException | PKCSException e) {
      throw new PkiException("cannot write the PKCS#12 truststore", e);
    }
  }

  /** A JKS keystore: the key and its chain under {@code alias}, and the CA certificates as "ca", "ca-1", …. */
  public static byte[] jks(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> cas, char[] password, String alias) {
    if (chain.isEmpty()) {
      throw new PkiException("a keystore needs the certificate of its key, but the chain is empty");
    }
    try {
      KeyStore store = emptyJks();
      store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
      addCas(store, cas);
      return store(store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new PkiException("cannot write the JKS keystore", e);
    }
  }

  /** A JKS truststore of the CA certificates as "ca", "ca-1", …. */
  public static byte[] jksTruststore(List<X509Certificate> cas, char[] password) {
    try {
      KeyStore store = emptyJks();
      addCas(store, cas);
      return store(store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new PkiException("cannot write the JKS truststore", e);
    }
  }

  private static PKCS12SafeBagBuilder named(PKCS12SafeBagBuilder bag, String alias) {
    return alias == null ? bag : bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
  }

  private static ASN1ObjectIdentifier certificateAlgorithm(Pkcs12Profile profile) {
    return switch (profile) {
      case LEGACY_RC2 -> PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC;
      case LEGACY_DES -> PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC;
      case MODERN_2023, MODERN_2026 -> NISTObjectIdentifiers.id_aes256_CBC;
    };
  }

  private static ASN1ObjectIdentifier keyAlgorithm(Pkcs12Profile profile) {
    return switch (profile) {
      case LEGACY_RC2, LEGACY_DES -> PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC;
      case MODERN_2023, MODERN_2026 -> NISTObjectIdentifiers.id_aes256_CBC;
    };
  }

  private static OutputEncryptor encryptor(ASN1ObjectIdentifier algorithm, char[] password) throws OperatorCreationException {
    JcePKCSPBEOutputEncryptorBuilder builder =
        new JcePKCSPBEOutputEncryptorBuilder(algorithm).setProvider(CryptoProviders.BOUNCY_CASTLE).setRandom(RANDOM).setIterationCount(ITERATIONS);
    if (algorithm.equals(NISTObjectIdentifiers.id_aes256_CBC)) {
      builder.setPRF(HMAC_SHA256);
    }
    return builder.build(password);
  }

  private static PKCS12MacCalculatorBuilder mac(Pkcs12Profile profile) throws IOException {
    return switch (profile) {
      // go-pkcs12 derives the legacy MAC key with a single iteration, as OpenSSL did before 3.0.
      case LEGACY_RC2, LEGACY_DES -> new JcePKCS12MacCalculatorBuilder(OIWObjectIdentifiers.idSHA1).setProvider(CryptoProviders.BOUNCY_CASTLE).setIterationCount(1);
      case MODERN_2023 -> new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(CryptoProviders.BOUNCY_CASTLE).setIterationCount(ITERATIONS);
      case MODERN_2026 -> {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        PBKDF2Params kdf = new PBKDF2Params(salt, ITERATIONS, 32, HMAC_SHA256);
        yield new BcPKCS12PBMac1CalculatorBuilder(new PBMAC1Params(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBKDF2, kdf), HMAC_SHA256));
      }
    };
  }

  private static KeyStore emptyJks() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("JKS");
    store.load(null, null);
    return store;
  }

  private static void addCas(KeyStore store, List<X509Certificate> cas) throws GeneralSecurityException {
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry(i == 0 ? "ca" : "ca-" + i, cas.get(i));
    }
  }

  private static byte[] store(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, password);
    return out.toByteArray();
  }

  private static List<X509Certificate> concat(List<X509Certificate> first, List<X509Certificate> second) {
    List<X509Certificate> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}

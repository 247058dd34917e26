package dev.certkeeper.certificates.policy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates built with Bouncy Castle, and cached test keys. */
final class TestPki {
  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
  private static final X500Name ISSUER = new X500Name("O=certkeeper tests");

  private TestPki() {}

  /**
   * A key of a kind ("RSA-2048", "RSA-3072", "EC-256", "EC-384", "Ed25519"); the same number gives
   * the same key, another number another key of that kind.
   */
  static KeyPair key(String kind, int number) {
    return KEYS.computeIfAbsent(kind + "#" + number, ignored -> generate(kind));
  }

  static KeyPair key(String kind) {
    return key(kind, 0);
  }

  static Builder certificate(KeyPair keys) {
    return new Builder(keys);
  }

  private static KeyPair generate(String kind) {
    try {
      String[] parts = kind.split("-");
      KeyPairGenerator generator;
      switch (parts[0]) {
        case "RSA" -> {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(Integer.parseInt(parts[1]));
        }
        case "EC" -> {
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp" + parts[1] + "r1"));
        }
        case "Ed25519" -> generator = KeyPairGenerator.getInstance("Ed25519");
        default -> throw new IllegalArgumentException("unknown key kind " + kind);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate signed with its own key under a fixed issuer name (a subject may be empty, as
   * some CAs issue them; an issuer may not); by default valid for 90 days from
   * {@link Fixtures#NOT_BEFORE} with cert-manager's default usages.
   */
  static final class Builder {
    private final KeyPair keys;
    private final X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    private final List<GeneralName> altNames = new ArrayList<>();
    private Instant notBefore = Fixtures.NOT_BEFORE;
    private Instant notAfter = Fixtures.NOT_AFTER;
    private boolean isCA;
    private int keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();

    private Builder(KeyPair keys) {
      this.keys = keys;
    }

    Builder subject(ASN1ObjectIdentifier type, String value) {
      subject.addRDN(type, value);
      return this;
    }

    Builder commonName(String name) {
      return subject(BCStyle.CN, name);
    }

    Builder dnsNames(String... names) {
      return altNames(GeneralName.dNSName, names);
    }

    Builder ipAddresses(String... addresses) {
      return altNames(GeneralName.iPAddress, addresses);
    }

    Builder uris(String... uris) {
      return altNames(GeneralName.uniformResourceIdentifier, uris);
    }

    Builder emailAddresses(String... addresses) {
      return altNames(GeneralName.rfc822Name, addresses);
    }

    Builder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    Builder isCA() {
      this.isCA = true;
      return this;
    }

    /** Bouncy Castle KeyUsage bits, e.g. {@code KeyUsage.digitalSignature}; 0 leaves the extension out. */
    Builder keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    Builder extendedKeyUsage(KeyPurposeId... purposes) {
      extendedKeyUsages.addAll(List.of(purposes));
      return this;
    }

    X509Certificate build() {
      try {
        X500Name subjectName = subject.build();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                ISSUER, BigInteger.valueOf(notBefore.getEpochSecond()), Date.from(notBefore), Date.from(notAfter), subjectName,
                keys.getPublic());
        if (!altNames.isEmpty()) {
          // RFC 5280: the names are critical when they are all the certificate has.
          boolean critical = subjectName.getRDNs().length == 0;
          builder.addExtension(Extension.subjectAlternativeName, critical, new GeneralNames(altNames.toArray(GeneralName[]::new)));
        }
        if (isCA) {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        if (keyUsage != 0) {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (!extendedKeyUsages.isEmpty()) {
          builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
        }
        String algorithm =
            switch (keys.getPrivate().getAlgorithm()) {
              case "RSA" -> "SHA256withRSA";
              case "EC" -> "SHA256withECDSA";
              default -> "Ed25519";
            };
        var signer = new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      } catch (Exception e) {
        throw new IllegalStateException("cannot build test certificate", e);
      }
    }

    private Builder altNames(int tag, String... values) {
      for (String value : values) {
        altNames.add(new GeneralName(tag, value));
      }
      return this;
    }
  }
}

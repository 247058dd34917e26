package dev.certkeeper.pki;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.certmanager.KeyUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * cert-manager's usage names and the X.509 key usage bits and extended key usage purposes they
 * stand for. "signing" and "digital signature" are one bit, "s/mime" and "email protection" one
 * purpose; {@link #canonical} names each once, which is also how usages read back from a
 * certificate are named.
 */
public final class KeyUsages {
  private static final Map<KeyUsage, Integer> BITS = new EnumMap<>(KeyUsage.class);
  private static final Map<KeyUsage, KeyPurposeId> PURPOSES = new EnumMap<>(KeyUsage.class);

  static {
    BITS.put(KeyUsage.SIGNING, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);
    BITS.put(KeyUsage.DIGITAL_SIGNATURE, org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);
    BITS.put(KeyUsage.CONTENT_COMMITMENT, org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation);
    BITS.put(KeyUsage.KEY_ENCIPHERMENT, org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment);
    BITS.put(KeyUsage.KEY_AGREEMENT, org.bouncycastle.asn1.x509.KeyUsage.keyAgreement);
    BITS.put(KeyUsage.DATA_ENCIPHERMENT, org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment);
    BITS.put(KeyUsage.CERT_SIGN, org.bouncycastle.asn1.x509.KeyUsage.keyCertSign);
    BITS.put(KeyUsage.CRL_SIGN, org.bouncycastle.asn1.x509.KeyUsage.cRLSign);
    BITS.put(KeyUsage.ENCIPHER_ONLY, org.bouncycastle.asn1.x509.KeyUsage.encipherOnly);
    BITS.put(KeyUsage.DECIPHER_ONLY, org.bouncycastle.asn1.x509.KeyUsage.decipherOnly);
    PURPOSES.put(KeyUsage.ANY, KeyPurposeId.anyExtendedKeyUsage);
    PURPOSES.put(KeyUsage.SERVER_AUTH, KeyPurposeId.id_kp_serverAuth);
    PURPOSES.put(KeyUsage.CLIENT_AUTH, KeyPurposeId.id_kp_clientAuth);
    PURPOSES.put(KeyUsage.CODE_SIGNING, KeyPurposeId.id_kp_codeSigning);
    PURPOSES.put(KeyUsage.EMAIL_PROTECTION, KeyPurposeId.id_kp_emailProtection);
    PURPOSES.put(KeyUsage.S_MIME, KeyPurposeId.id_kp_emailProtection);
    PURPOSES.put(KeyUsage.IPSEC_END_SYSTEM, KeyPurposeId.id_kp_ipsecEndSystem);
    PURPOSES.put(KeyUsage.IPSEC_TUNNEL, KeyPurposeId.id_kp_ipsecTunnel);
    PURPOSES.put(KeyUsage.IPSEC_USER, KeyPurposeId.id_kp_ipsecUser);
    PURPOSES.put(KeyUsage.TIMESTAMPING, KeyPurposeId.id_kp_timeStamping);
    PURPOSES.put(KeyUsage.OCSP_SIGNING, KeyPurposeId.id_kp_OCSPSigning);
    PURPOSES.put(KeyUsage.MICROSOFT_SGC, KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.3")));
    PURPOSES.put(KeyUsage.NETSCAPE_SGC, KeyPurposeId.getInstance(new ASN1ObjectIdentifier("2.16.840.1.113730.4.1")));
  }

  private KeyUsages() {}

  /**
   * The usages a certificate with these usages carries, each named once and in enum order:
   * SIGNING becomes DIGITAL_SIGNATURE, S_MIME becomes EMAIL_PROTECTION, and a CA gains CERT_SIGN.
   */
  public static List<KeyUsage> canonical(Collection<KeyUsage> usages, boolean isCA) {
    Set<KeyUsage> canonical = EnumSet.noneOf(KeyUsage.class);
    usages.forEach(usage -> canonical.add(canonical(usage)));
    if (isCA) {
      canonical.add(KeyUsage.CERT_SIGN);
    }
    return List.copyOf(canonical);
  }

  /** The usages encoded in the keyUsage and extKeyUsage extensions, canonical; empty when there are neither. */
  public static List<KeyUsage> of(Extensions extensions) {
    Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
    org.bouncycastle.asn1.x509.KeyUsage bits = org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(extensions);
    if (bits != null) {
      BITS.forEach((usage, bit) -> {
        if (bits.hasUsages(bit)) {
          usages.add(canonical(usage));
        }
      });
    }
    ExtendedKeyUsage purposes = ExtendedKeyUsage.fromExtensions(extensions);
    if (purposes != null) {
      PURPOSES.forEach((usage, purpose) -> {
        if (purposes.hasKeyPurposeId(purpose)) {
          usages.add(canonical(usage));
        }
      });
    }
    return List.copyOf(usages);
  }

  /** The usages as cert-manager spells them, for messages: [digital signature, server auth]. */
  public static String names(Collection<KeyUsage> usages) {
    return usages.stream().map(KeyUsages::name).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The keyUsage bits of these usages, 0 when none of them is a key usage. */
  static int bits(Collection<KeyUsage> usages) {
    return usages.stream().filter(BITS::containsKey).mapToInt(BITS::get).reduce(0, (a, b) -> a | b);
  }

  /** The extended key usage purposes of these usages, in their order, each once. */
  static List<KeyPurposeId> purposes(Collection<KeyUsage> usages) {
    Set<KeyPurposeId> purposes = new LinkedHashSet<>();
    usages.stream().filter(PURPOSES::containsKey).forEach(usage -> purposes.add(PURPOSES.get(usage)));
    return new ArrayList<>(purposes);
  }

  private static KeyUsage canonical(KeyUsage usage) {
    return switch (usage) {
      case SIGNING -> KeyUsage.DIGITAL_SIGNATURE;
      case S_MIME -> KeyUsage.EMAIL_PROTECTION;
      default -> usage;
    };
  }

  /** Whether the usage is an extended key usage purpose rather than a keyUsage bit. */
  public static boolean isExtended(KeyUsage usage) {
    return PURPOSES.containsKey(usage);
  }

  /** The usage as cert-manager spells it: "digital signature", "server auth". */
  public static String name(KeyUsage usage) {
    try {
      return KeyUsage.class.getField(usage.name()).getAnnotation(JsonProperty.class).value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}

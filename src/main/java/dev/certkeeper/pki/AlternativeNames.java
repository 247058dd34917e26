package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.OtherName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.encoders.Hex;

/**
 * The subject alternative names of a spec, a request or a certificate. IP addresses are in
 * {@link IpAddresses#normalise normalised} text; an otherName's value is its UTF8String text.
 */
public record AlternativeNames(
    List<String> dnsNames, List<String> ipAddresses, List<String> uris, List<String> emailAddresses, List<OtherName> otherNames) {

  /** No names at all. */
  static final AlternativeNames NONE = new AlternativeNames(List.of(), List.of(), List.of(), List.of(), List.of());

  public AlternativeNames {
    dnsNames = List.copyOf(Objects.requireNonNullElse(dnsNames, List.of()));
    ipAddresses = List.copyOf(Objects.requireNonNullElse(ipAddresses, List.of()));
    uris = List.copyOf(Objects.requireNonNullElse(uris, List.of()));
    emailAddresses = List.copyOf(Objects.requireNonNullElse(emailAddresses, List.of()));
    otherNames = List.copyOf(Objects.requireNonNullElse(otherNames, List.of()));
  }

  /** The names a Certificate asks for, IP addresses normalised. */
  public static AlternativeNames of(CertificateSpec spec) {
    List<String> ipAddresses = Objects.requireNonNullElse(spec.ipAddresses(), List.<String>of()).stream().map(IpAddresses::normalise).toList();
    return new AlternativeNames(spec.dnsNames(), ipAddresses, spec.uris(), spec.emailAddresses(), spec.otherNames());
  }

  /** The names of a subjectAltName extension; kinds certkeeper does not issue are left out. */
  public static AlternativeNames of(GeneralNames names) {
    if (names == null) {
      return NONE;
    }
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    List<String> emails = new ArrayList<>();
    List<OtherName> others = new ArrayList<>();
    for (GeneralName name : names.getNames()) {
      switch (name.getTagNo()) {
        case GeneralName.dNSName -> dns.add(text(name.getName()));
        case GeneralName.iPAddress -> ips.add(IpAddresses.format(ASN1OctetString.getInstance(name.getName()).getOctets()));
        case GeneralName.uniformResourceIdentifier -> uris.add(text(name.getName()));
        case GeneralName.rfc822Name -> emails.add(text(name.getName()));
        case GeneralName.otherName -> {
          org.bouncycastle.asn1.x509.OtherName other = org.bouncycastle.asn1.x509.OtherName.getInstance(name.getName());
          others.add(new OtherName(other.getTypeID().getId(), text(other.getValue())));
        }
        default -> {
          // directoryName, x400Address, ediPartyName, registeredID: no Certificate field asks for them
        }
      }
    }
    return new AlternativeNames(dns, ips, uris, emails, others);
  }

  /** Whether there is no name of any kind. */
  public boolean isEmpty() {
    return dnsNames.isEmpty() && ipAddresses.isEmpty() && uris.isEmpty() && emailAddresses.isEmpty() && otherNames.isEmpty();
  }

  /** The names in the order cert-manager encodes them: DNS, email, IP, URI, otherName. */
  GeneralNames toGeneralNames() {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, ia5("dnsNames", dns))));
    emailAddresses.forEach(email -> names.add(new GeneralName(GeneralName.rfc822Name, ia5("emailAddresses", email))));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(IpAddresses.parse(ip)))));
    uris.forEach(uri -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, ia5("uris", uri))));
    for (OtherName other : otherNames) {
      ASN1ObjectIdentifier oid;
      try {
        oid = new ASN1ObjectIdentifier(other.oid());
      } catch (IllegalArgumentException e) {
        throw new PkiException("otherNames: \"" + other.oid() + "\" is not a dotted object identifier such as 1.3.6.1.4.1.311.20.2.3");
      }
      names.add(new GeneralName(GeneralName.otherName, new org.bouncycastle.asn1.x509.OtherName(oid, new DERUTF8String(other.utf8Value()))));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static DERIA5String ia5(String field, String value) {
    if (!DERIA5String.isIA5String(value)) {
      throw new PkiException(field + ": \"" + value + "\" has characters outside ASCII; write internationalised domain names in their xn-- form");
    }
    return new DERIA5String(value);
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String string ? string.getString() : "#" + Hex.toHexString(Der.encode(value));
  }
}

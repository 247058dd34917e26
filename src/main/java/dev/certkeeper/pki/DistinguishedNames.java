package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.X509Subject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Certificate subjects written byte for byte as cert-manager writes them (Go's crypto/x509), so
 * that a request certkeeper builds compares equal with one cert-manager built, and read back the
 * way Go reads them.
 */
public final class DistinguishedNames {
  /** An attribute whose value is written as #hex, the BER encoding RFC 4514 allows: type, '=', then an unescaped '#'. */
  private static final Pattern HEX_VALUE = Pattern.compile("(?:^|[^\\\\][,+;])\\s*[A-Za-z0-9.-]+\\s*=\\s*#");

  /** The attribute names cert-manager accepts in a literalSubject, plus their RFC 4519 long forms. */
  private static final Map<String, ASN1ObjectIdentifier> LITERAL_ATTRIBUTES =
      Map.ofEntries(
          Map.entry("C", BCStyle.C),
          Map.entry("COUNTRYNAME", BCStyle.C),
          Map.entry("O", BCStyle.O),
          Map.entry("ORGANIZATIONNAME", BCStyle.O),
          Map.entry("OU", BCStyle.OU),
          Map.entry("ORGANIZATIONALUNITNAME", BCStyle.OU),
          Map.entry("CN", BCStyle.CN),
          Map.entry("COMMONNAME", BCStyle.CN),
          Map.entry("SERIALNUMBER", BCStyle.SERIALNUMBER),
          Map.entry("L", BCStyle.L),
          Map.entry("LOCALITYNAME", BCStyle.L),
          Map.entry("ST", BCStyle.ST),
          Map.entry("STATEORPROVINCENAME", BCStyle.ST),
          Map.entry("STREET", BCStyle.STREET),
          Map.entry("STREETADDRESS", BCStyle.STREET),
          Map.entry("DC", BCStyle.DC),
          Map.entry("DOMAINCOMPONENT", BCStyle.DC),
          Map.entry("UID", BCStyle.UID),
          Map.entry("USERID", BCStyle.UID));

  private static final LiteralStyle LITERAL_STYLE = new LiteralStyle();

  private DistinguishedNames() {}

  /** The subject a Certificate asks for: its literalSubject when set, else commonName and subject. */
  public static X500Name of(CertificateSpec spec) {
    if (spec.hasLiteralSubject()) {
      return fromLiteral(spec.literalSubject());
    }
    X509Subject subject = spec.effectiveSubject();
    X500NameBuilder builder = new X500NameBuilder();
    // Go's pkix.Name.ToRDNSequence order, one RDN per attribute type holding all of its values.
    add(builder, BCStyle.C, subject.countries());
    add(builder, BCStyle.ST, subject.provinces());
    add(builder, BCStyle.L, subject.localities());
    add(builder, BCStyle.STREET, subject.streetAddresses());
    add(builder, BCStyle.POSTAL_CODE, subject.postalCodes());
    add(builder, BCStyle.O, subject.organizations());
    add(builder, BCStyle.OU, subject.organizationalUnits());
    add(builder, BCStyle.CN, spec.commonName() == null || spec.commonName().isEmpty() ? null : List.of(spec.commonName()));
    add(builder, BCStyle.SERIALNUMBER, subject.serialNumber() == null || subject.serialNumber().isEmpty() ? null : List.of(subject.serialNumber()));
    return builder.build();
  }

  /**
   * An RFC 4514 distinguished name such as "CN=app,O=Example,C=DE". The string lists the most
   * specific RDN first, so the encoded sequence is its reverse, as LDAP and cert-manager read it.
   */
  public static X500Name fromLiteral(String literal) {
    if (HEX_VALUE.matcher(literal).find()) {
      // Bouncy Castle reads such a value as BER and fails in ways of its own; cert-manager refuses it too.
      throw new PkiException("literalSubject \"" + literal + "\" has a value written as #hex (BER): write the value as text, escaping a leading # as \\#");
    }
    RDN[] written;
    try {
      written = IETFUtils.rDNsFromString(literal, LITERAL_STYLE);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new PkiException("literalSubject \"" + literal + "\" is not an RFC 4514 distinguished name", e);
    }
    List<RDN> encoded = new ArrayList<>(Arrays.asList(written));
    Collections.reverse(encoded);
    return new X500Name(encoded.toArray(RDN[]::new));
  }

  /** Every value of one attribute type in the name, in order, including those of multi-valued RDNs. */
  public static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
    List<String> values = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        if (value.getType().equals(type)) {
          values.add(text(value.getValue()));
        }
      }
    }
    return values;
  }

  /** The last value of an attribute type, or "" — Go keeps the last CN and serial number it reads. */
  private static String last(X500Name name, ASN1ObjectIdentifier type) {
    List<String> values = values(name, type);
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  /** The common name as Go reads it: the last CN, or "" when there is none. */
  public static String commonName(X500Name name) {
    return last(name, BCStyle.CN);
  }

  /** The SERIALNUMBER attribute as Go reads it: the last one, or "" when there is none. */
  public static String serialNumber(X500Name name) {
    return last(name, BCStyle.SERIALNUMBER);
  }

  /**
   * Whether two names hold the same attribute types and values in the same RDNs and order, as
   * cert-manager compares RDN sequences: a PrintableString equals a UTF8String of the same text.
   */
  public static boolean sameSequence(X500Name a, X500Name b) {
    return sequence(a).equals(sequence(b));
  }

  private static List<List<Map.Entry<ASN1ObjectIdentifier, String>>> sequence(X500Name name) {
    return Arrays.stream(name.getRDNs())
        .map(rdn -> Arrays.stream(rdn.getTypesAndValues()).map(value -> Map.entry(value.getType(), text(value.getValue()))).toList())
        .toList();
  }

  static boolean isEmpty(X500Name name) {
    return name.getRDNs().length == 0;
  }

  /** Go writes a string as PrintableString when every character allows it, else as UTF8String. */
  static ASN1Encodable encode(String value) {
    return ASN1PrintableString.isPrintableString(value) ? new DERPrintableString(value) : new DERUTF8String(value);
  }

  private static void add(X500NameBuilder builder, ASN1ObjectIdentifier type, List<String> values) {
    if (values == null || values.isEmpty()) {
      return;
    }
    ASN1ObjectIdentifier[] types = new ASN1ObjectIdentifier[values.size()];
    Arrays.fill(types, type);
    builder.addMultiValuedRDN(types, values.stream().map(DistinguishedNames::encode).toArray(ASN1Encodable[]::new));
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
  }

  /** Bouncy Castle's parser, restricted to cert-manager's attribute names and Go's value encoding. */
  private static final class LiteralStyle extends BCStyle {
    @Override
    public ASN1ObjectIdentifier attrNameToOID(String name) {
      ASN1ObjectIdentifier oid = LITERAL_ATTRIBUTES.get(Objects.requireNonNull(name).strip().toUpperCase(Locale.ROOT));
      if (oid == null) {
        throw new PkiException(
            "literalSubject: unknown attribute \"" + name.strip() + "\"; use C, O, OU, CN, SERIALNUMBER, L, ST, STREET, DC or UID");
      }
      return oid;
    }

    @Override
    protected ASN1Encodable encodeStringValue(ASN1ObjectIdentifier oid, String value) {
      return encode(value);
    }
  }
}

package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.NameConstraintItem;
import dev.certkeeper.api.certmanager.NameConstraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;

/** A Certificate's nameConstraints as the X.509 extension, encoded as Go encodes it. */
final class X509NameConstraints {
  private X509NameConstraints() {}

  /** The extension, or nothing when the spec constrains no name. */
  static Optional<Extension> of(NameConstraints spec) {
    if (spec == null) {
      return Optional.empty();
    }
    GeneralSubtree[] permitted = subtrees(spec.permitted());
    GeneralSubtree[] excluded = subtrees(spec.excluded());
    if (permitted == null && excluded == null) {
      return Optional.empty();
    }
    return Optional.of(Der.extension(
        Extension.nameConstraints, Boolean.TRUE.equals(spec.critical()), new org.bouncycastle.asn1.x509.NameConstraints(permitted, excluded)));
  }

  /**
   * The constraints in words, for a refusal: "permitted DNS:example.com; excluded IP:10.0.0.0/8",
   * each name as openssl prints it.
   */
  static String describe(org.bouncycastle.asn1.x509.NameConstraints constraints) {
    List<String> parts = new ArrayList<>();
    if (constraints.getPermittedSubtrees() != null) {
      parts.add("permitted " + describe(constraints.getPermittedSubtrees()));
    }
    if (constraints.getExcludedSubtrees() != null) {
      parts.add("excluded " + describe(constraints.getExcludedSubtrees()));
    }
    return parts.isEmpty() ? "no names constrained" : String.join("; ", parts);
  }

  /** One name as openssl prints it: DNS:example.com, IP:10.0.0.0/8 (a subtree's address and mask), email:…, URI:…, DirName:…. */
  static String describe(GeneralName name) {
    return switch (name.getTagNo()) {
      case GeneralName.dNSName -> "DNS:" + name.getName();
      case GeneralName.rfc822Name -> "email:" + name.getName();
      case GeneralName.uniformResourceIdentifier -> "URI:" + name.getName();
      case GeneralName.directoryName -> "DirName:" + name.getName();
      case GeneralName.iPAddress -> "IP:" + ipAddress(DEROctetString.getInstance(name.getName()).getOctets());
      default -> name.toString();
    };
  }

  private static String describe(GeneralSubtree[] subtrees) {
    return String.join(", ", Arrays.stream(subtrees).map(subtree -> describe(subtree.getBase())).toList());
  }

  /** An address alone (4 or 16 bytes), or a subtree's address followed by its mask (8 or 32 bytes) as a prefix length. */
  private static String ipAddress(byte[] octets) {
    if (octets.length == 4 || octets.length == 16) {
      return IpAddresses.format(octets);
    }
    int half = octets.length / 2;
    int prefix = 0;
    for (int i = half; i < octets.length; i++) {
      prefix += Integer.bitCount(octets[i] & 0xff);
    }
    return IpAddresses.format(Arrays.copyOfRange(octets, 0, half)) + "/" + prefix;
  }

  private static GeneralSubtree[] subtrees(NameConstraintItem item) {
    if (item == null) {
      return null;
    }
    List<GeneralSubtree> subtrees = new ArrayList<>();
    orEmpty(item.dnsDomains()).forEach(domain -> subtrees.add(subtree(new GeneralName(GeneralName.dNSName, domain))));
    orEmpty(item.ipRanges()).forEach(range -> subtrees.add(subtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(IpAddresses.cidr(range))))));
    orEmpty(item.emailAddresses()).forEach(email -> subtrees.add(subtree(new GeneralName(GeneralName.rfc822Name, email))));
    orEmpty(item.uriDomains()).forEach(domain -> subtrees.add(subtree(new GeneralName(GeneralName.uniformResourceIdentifier, domain))));
    return subtrees.isEmpty() ? null : subtrees.toArray(GeneralSubtree[]::new);
  }

  private static GeneralSubtree subtree(GeneralName name) {
    return new GeneralSubtree(name);
  }

  private static List<String> orEmpty(List<String> values) {
    return Objects.requireNonNullElse(values, List.of());
  }
}

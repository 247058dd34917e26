package dev.certkeeper.pki;

import dev.certkeeper.api.certmanager.NameConstraintItem;
import dev.certkeeper.api.certmanager.NameConstraints;
import java.util.ArrayList;
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

package dev.certkeeper.acme.orders;

import dev.certkeeper.pki.DistinguishedNames;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Which of the CA's chains to keep for an issuer's preferredChain, as cert-manager picks it: the
 * first chain, default one first, whose topmost certificate was issued by a CA of that Common Name;
 * the default chain when none was.
 */
final class PreferredChains {
  private PreferredChains() {}

  /** The alternates are a stream so that each is only downloaded when the chains before it did not match. */
  static List<X509Certificate> choose(String preferredChain, List<X509Certificate> defaultChain, Stream<List<X509Certificate>> alternates) {
    if (preferredChain == null || preferredChain.isEmpty() || topIssuedBy(preferredChain, defaultChain)) {
      return defaultChain;
    }
    return alternates.filter(chain -> topIssuedBy(preferredChain, chain)).findFirst().orElse(defaultChain);
  }

  /** Only the Common Name is compared: the roots users name (ISRG Root X1) have an O and C besides. */
  private static boolean topIssuedBy(String commonName, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      return false;
    }
    X509Certificate top = chain.get(chain.size() - 1);
    return commonName.equals(DistinguishedNames.commonName(X500Name.getInstance(top.getIssuerX500Principal().getEncoded())));
  }
}

package dev.certkeeper.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/** DER encoding of ASN.1 values built in memory, where an I/O failure would be a bug. */
final class Der {
  /** Bouncy Castle refuses to construct an empty Extensions, but parses one. */
  static final Extensions NO_EXTENSIONS = Extensions.getInstance(new DERSequence());

  private Der() {}

  static byte[] encode(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    return new Extension(oid, critical, encode(value));
  }

  static Extensions orNone(Extensions extensions) {
    return extensions == null ? NO_EXTENSIONS : extensions;
  }
}

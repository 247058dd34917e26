package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A key usage or extended key usage, spelled as in cert-manager's API. */
public enum KeyUsage {
  @JsonProperty("signing") SIGNING,
  @JsonProperty("digital signature") DIGITAL_SIGNATURE,
  @JsonProperty("content commitment") CONTENT_COMMITMENT,
  @JsonProperty("key encipherment") KEY_ENCIPHERMENT,
  @JsonProperty("key agreement") KEY_AGREEMENT,
  @JsonProperty("data encipherment") DATA_ENCIPHERMENT,
  @JsonProperty("cert sign") CERT_SIGN,
  @JsonProperty("crl sign") CRL_SIGN,
  @JsonProperty("encipher only") ENCIPHER_ONLY,
  @JsonProperty("decipher only") DECIPHER_ONLY,
  @JsonProperty("any") ANY,
  @JsonProperty("server auth") SERVER_AUTH,
  @JsonProperty("client auth") CLIENT_AUTH,
  @JsonProperty("code signing") CODE_SIGNING,
  @JsonProperty("email protection") EMAIL_PROTECTION,
  @JsonProperty("s/mime") S_MIME,
  @JsonProperty("ipsec end system") IPSEC_END_SYSTEM,
  @JsonProperty("ipsec tunnel") IPSEC_TUNNEL,
  @JsonProperty("ipsec user") IPSEC_USER,
  @JsonProperty("timestamping") TIMESTAMPING,
  @JsonProperty("ocsp signing") OCSP_SIGNING,
  @JsonProperty("microsoft sgc") MICROSOFT_SGC,
  @JsonProperty("netscape sgc") NETSCAPE_SGC;

  /** cert-manager's usages when none are given: digital signature and key encipherment. */
  public static final List<KeyUsage> DEFAULTS = List.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
}

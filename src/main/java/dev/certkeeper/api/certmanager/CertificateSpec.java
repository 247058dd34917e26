package dev.certkeeper.api.certmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.certkeeper.api.ApiType;
import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.meta.IssuerReference;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/**
 * The desired state of a Certificate. The CEL rules check what cert-manager's validating webhook
 * checks, so the API server itself rejects a bad Certificate with a message saying what to fix.
 * Lists and strings that rules iterate over carry generous bounds (1000 IP or email SANs, 45
 * characters an IP address, 64 a duration) because the API server refuses rules whose worst-case
 * cost over unbounded input it cannot estimate.
 */
@ApiType
@ValidationRule(
    value =
        "has(self.commonName) || (has(self.literalSubject) && self.literalSubject.matches('(^|[,+]) *(CN|commonName) *='))"
            + " || (has(self.dnsNames) && size(self.dnsNames) > 0) || (has(self.ipAddresses) && size(self.ipAddresses) > 0)"
            + " || (has(self.uris) && size(self.uris) > 0) || (has(self.emailAddresses) && size(self.emailAddresses) > 0)"
            + " || (has(self.otherNames) && size(self.otherNames) > 0)",
    message =
        "a Certificate must name at least one identity: set commonName, dnsNames, ipAddresses, uris, emailAddresses or otherNames")
// As cert-manager, an empty commonName and a subject whose fields are all empty do not count.
@ValidationRule(
    value =
        "!has(self.literalSubject) || self.literalSubject == '' || ((!has(self.commonName) || self.commonName == '')"
            + " && (!has(self.subject) || ((!has(self.subject.serialNumber) || self.subject.serialNumber == '')"
            + " && (!has(self.subject.organizations) || size(self.subject.organizations) == 0)"
            + " && (!has(self.subject.countries) || size(self.subject.countries) == 0)"
            + " && (!has(self.subject.organizationalUnits) || size(self.subject.organizationalUnits) == 0)"
            + " && (!has(self.subject.localities) || size(self.subject.localities) == 0)"
            + " && (!has(self.subject.provinces) || size(self.subject.provinces) == 0)"
            + " && (!has(self.subject.streetAddresses) || size(self.subject.streetAddresses) == 0)"
            + " && (!has(self.subject.postalCodes) || size(self.subject.postalCodes) == 0)"
            + ")))",
    message =
        "literalSubject cannot be combined with commonName or subject: put the whole subject in literalSubject, or use commonName and subject instead")
@ValidationRule(
    // "0" is a Go duration without a unit, which the pattern does not match.
    value = "!has(self.duration) || (self.duration != '0' && (!self.duration.matches(" + CertificateSpec.CEL_DURATION + ") || duration(self.duration) >= duration('1h')))",
    message = "duration must be at least 1h")
@ValidationRule(
    value = "!has(self.renewBefore) || (self.renewBefore != '0' && (!self.renewBefore.matches(" + CertificateSpec.CEL_DURATION + ") || duration(self.renewBefore) >= duration('5m')))",
    message = "renewBefore must be at least 5m")
@ValidationRule(
    value =
        "!has(self.renewBefore) || !self.renewBefore.matches(" + CertificateSpec.CEL_DURATION + ")"
            + " || (has(self.duration) && !self.duration.matches(" + CertificateSpec.CEL_DURATION + "))"
            + " || duration(self.renewBefore) < (has(self.duration) ? duration(self.duration) : duration('2160h'))",
    message =
        "renewBefore must be shorter than duration (90 days, 2160h, when duration is not set), or the certificate would be renewed as soon as it is issued")
@ValidationRule(
    value = "!(has(self.renewBefore) && has(self.renewBeforePercentage))",
    message = "set renewBefore or renewBeforePercentage, not both")
@ValidationRule(
    value = "!has(self.nameConstraints) || (has(self.isCA) && self.isCA)",
    message = "nameConstraints can only be set on a CA certificate: set isCA: true or remove nameConstraints")
@ValidationRule(
    value =
        "!has(self.signatureAlgorithm)"
            + " || (self.signatureAlgorithm.endsWith('WithRSA') && (!has(self.privateKey) || !has(self.privateKey.algorithm) || self.privateKey.algorithm == 'RSA'))"
            + " || (self.signatureAlgorithm.startsWith('ECDSA') && has(self.privateKey) && has(self.privateKey.algorithm) && self.privateKey.algorithm == 'ECDSA')"
            + " || (self.signatureAlgorithm == 'PureEd25519' && has(self.privateKey) && has(self.privateKey.algorithm) && self.privateKey.algorithm == 'Ed25519')",
    message =
        "signatureAlgorithm does not fit privateKey.algorithm: SHA256/384/512WithRSA need an RSA key (the default), ECDSAWithSHA256/384/512 an ECDSA key, PureEd25519 an Ed25519 key")
@ValidationRule(
    value =
        "!has(self.additionalOutputFormats) || self.additionalOutputFormats.all(f, self.additionalOutputFormats.exists_one(g, g.type == f.type))",
    message = "additionalOutputFormats must not list the same type twice")
public record CertificateSpec(
    X509Subject subject,
    @Size(max = 4096) String literalSubject,
    @ValidationRule(
            value = "size(self) <= 64",
            message = "commonName must be at most 64 characters (the X.509 limit); put longer names in dnsNames")
        String commonName,
    @Size(max = 64) @ValidationRule(value = "self == '0' || self.matches(" + CEL_DURATION + ")", message = DURATION_MESSAGE)
        String duration,
    @Size(max = 64) @ValidationRule(value = "self == '0' || self.matches(" + CEL_DURATION + ")", message = DURATION_MESSAGE)
        String renewBefore,
    @ValidationRule(
            value = "self > 0 && self < 100",
            message = "renewBeforePercentage must be between 0 and 100, exclusive (33 renews when a third of the lifetime is left)")
        Integer renewBeforePercentage,
    List<String> dnsNames,
    // CEL's isIP refuses IPv4-mapped IPv6 (::ffff:192.0.2.1), which Go's net.ParseIP accepts: such
    // an address is checked as the same address with its ffff hextet made 0, which isIP accepts.
    @ValidationRule(
            value =
                "self.all(ip, isIP(ip) || (ip.lowerAscii().matches('^[0:]*:ffff:') && isIP(ip.lowerAscii().replace('ffff:', '0:', 1))))",
            message = "ipAddresses must be IP addresses such as 192.0.2.10 or 2001:db8::1")
        @Size(max = 1000) List<@Size(max = 45) String> ipAddresses,
    List<String> uris,
    @Size(max = 1000) List<OtherName> otherNames,
    @ValidationRule(
            value = "self.all(e, e.matches('^[^@ <>]+@[^@ <>]+$'))",
            message = "emailAddresses must be plain addresses such as ops@example.com, without display names")
        @Size(max = 1000) List<@Size(max = 254) String> emailAddresses,
    @Required
        @Size(max = 253)
        @ValidationRule(
            value = "size(self) <= 253 && self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$')",
            message = "secretName must be a valid Secret name: lowercase letters, digits, '-' and '.', at most 253 characters")
        String secretName,
    CertificateSecretTemplate secretTemplate,
    CertificateKeystores keystores,
    @Required IssuerReference issuerRef,
    @JsonProperty("isCA") Boolean isCA,
    List<KeyUsage> usages,
    CertificatePrivateKey privateKey,
    SignatureAlgorithm signatureAlgorithm,
    Boolean encodeUsagesInRequest,
    @ValidationRule(value = "self >= 1", message = "revisionHistoryLimit must be at least 1")
        Integer revisionHistoryLimit,
    @Size(max = 2) List<CertificateOutputFormat> additionalOutputFormats,
    NameConstraints nameConstraints,
    CertificateRenewal renewal) {

  /** A CEL string literal matching a Go duration; rules guard {@code duration()} with it. */
  static final String CEL_DURATION = "'^([0-9]+([.][0-9]+)?(ns|us|µs|ms|s|m|h))+$'";

  static final String DURATION_MESSAGE =
      "must be a Go duration with units h, m or s, such as 2160h, 720h or 1h30m (there is no d unit)";

  /** cert-manager's default lifetime: 90 days. */
  public static final Duration DEFAULT_DURATION = Duration.ofHours(2160);

  /** The requested lifetime, 90 days by default. */
  public Duration effectiveDuration() {
    return duration == null ? DEFAULT_DURATION : GoDuration.parse(duration);
  }

  /** The usages, digital signature and key encipherment by default. */
  public List<KeyUsage> effectiveUsages() {
    return usages == null || usages.isEmpty()
        ? KeyUsage.DEFAULTS
        : usages;
  }

  /** The private key options with every default applied. */
  public CertificatePrivateKey effectivePrivateKey() {
    return privateKey == null ? new CertificatePrivateKey(null, null, null, null) : privateKey;
  }

  /** Whether key usages go into the CSR; true by default. */
  public boolean effectiveEncodeUsagesInRequest() {
    return encodeUsagesInRequest == null || encodeUsagesInRequest;
  }

  /** How many CertificateRequests to keep; 1 by default as in cert-manager's revision manager. */
  public int effectiveRevisionHistoryLimit() {
    return revisionHistoryLimit == null ? 1 : revisionHistoryLimit;
  }

  /** Whether a literal subject is asked for: a blank one is none, and the subject is built from commonName and subject. */
  public boolean hasLiteralSubject() {
    return literalSubject != null && !literalSubject.isBlank();
  }

  /** The subject fields, none by default. */
  public X509Subject effectiveSubject() {
    return subject == null ? new X509Subject(null, null, null, null, null, null, null, null) : subject;
  }

  /** Whether the certificate is a CA; false by default. */
  public boolean effectiveIsCA() {
    return isCA != null && isCA;
  }
}

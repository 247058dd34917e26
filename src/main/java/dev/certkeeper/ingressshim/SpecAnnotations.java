package dev.certkeeper.ingressshim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.certkeeper.api.GoDuration;
import dev.certkeeper.api.certmanager.CertificatePrivateKey;
import dev.certkeeper.api.certmanager.CertificateSecretTemplate;
import dev.certkeeper.api.certmanager.CertificateSpec;
import dev.certkeeper.api.certmanager.KeyUsage;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.api.certmanager.PrivateKeyEncoding;
import dev.certkeeper.api.certmanager.RotationPolicy;
import dev.certkeeper.api.certmanager.X509Subject;
import dev.certkeeper.certificates.Annotations;
import dev.certkeeper.pki.IpAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * cert-manager's {@code translateAnnotations}: the Certificate spec fields an Ingress sets through
 * {@code cert-manager.io/*} annotations. Every value is checked as the Certificate's own validation
 * would check it, so a bad value is reported against the annotation that holds it instead of
 * surfacing later as a Certificate the API server refuses.
 */
final class SpecAnnotations {
  private static final Duration MINIMUM_DURATION = Duration.ofHours(1);
  private static final Duration MINIMUM_RENEW_BEFORE = Duration.ofMinutes(5);
  private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern PLAIN_EMAIL = Pattern.compile("[^@ <>]+@[^@ <>]+");
  private static final Set<Integer> ECDSA_SIZES = Set.of(256, 384, 521);
  private static final String ALLOWED_CERT_MANAGER_SECRET_ANNOTATION = "cert-manager.io/allow-direct-injection";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> annotations;
  private final List<String> problems;

  private SpecAnnotations(Map<String, String> annotations, List<String> problems) {
    this.annotations = annotations;
    this.problems = problems;
  }

  /**
   * The spec fields the annotations set, in a CertificateSpec with everything else unset: dnsNames
   * and ipAddresses hold only the alt-names and ip-sans, to follow the TLS entry's hosts; uris hold
   * the uri-sans. Each bad
   * value adds a problem naming its annotation and what to write instead.
   */
  static CertificateSpec read(Map<String, String> annotations, List<String> problems) {
    return new SpecAnnotations(annotations, problems).read();
  }

  private CertificateSpec read() {
    Duration duration = duration(IngressAnnotations.DURATION, MINIMUM_DURATION);
    Duration renewBefore = duration(IngressAnnotations.RENEW_BEFORE, MINIMUM_RENEW_BEFORE);
    Integer renewBeforePercentage = renewBeforePercentage();
    boolean durationKnown = duration != null || !annotations.containsKey(IngressAnnotations.DURATION);
    if (renewBefore != null && durationKnown && !renewBefore.minus(duration == null ? CertificateSpec.DEFAULT_DURATION : duration).isNegative()) {
      problems.add(
          annotation(IngressAnnotations.RENEW_BEFORE)
              + " must be shorter than the duration (" + (duration == null ? "2160h, the default" : GoDuration.format(duration))
              + "), or the certificate would be renewed as soon as it is issued");
    }
    if (annotations.containsKey(IngressAnnotations.RENEW_BEFORE) && annotations.containsKey(IngressAnnotations.RENEW_BEFORE_PERCENTAGE)) {
      problems.add(
          "annotations \"" + IngressAnnotations.RENEW_BEFORE + "\" and \"" + IngressAnnotations.RENEW_BEFORE_PERCENTAGE
              + "\" cannot both be set: keep one of them");
    }
    return new CertificateSpec(
        subject(),
        null,
        commonName(),
        duration == null ? null : GoDuration.format(duration),
        renewBefore == null ? null : GoDuration.format(renewBefore),
        renewBeforePercentage,
        // DNS names pass as written, as the hosts do: the CA is the judge of what it will sign.
        list(Annotations.ALT_NAMES, name -> null),
        list(Annotations.IP_SANS, this::ipAddress),
        list(Annotations.URI_SANS, this::uri),
        null,
        list(Annotations.EMAIL_SANS, this::emailAddress),
        null,
        secretTemplate(),
        null,
        null,
        null,
        usages(),
        privateKey(),
        null,
        null,
        revisionHistoryLimit(),
        null,
        null,
        null);
  }

  private String commonName() {
    String commonName = annotations.get(Annotations.COMMON_NAME);
    if (commonName != null && commonName.length() > 64) {
      problems.add(
          annotation(Annotations.COMMON_NAME) + " is " + commonName.length()
              + " characters long; a common name holds at most 64 (the X.509 limit): put longer names in the TLS hosts or "
              + Annotations.ALT_NAMES);
    }
    return commonName == null || commonName.isEmpty() ? null : commonName;
  }

  /** A comma-separated list; each item trimmed and checked by {@code check}, which returns a problem or null. */
  private List<String> list(String key, Function<String, String> check) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String item = raw.strip();
      String problem = item.isEmpty() ? "an empty entry: separate entries with single commas" : check.apply(item);
      if (problem != null) {
        problems.add(annotation(key) + " has " + problem);
      } else {
        items.add(item);
      }
    }
    return items;
  }

  private String ipAddress(String address) {
    return IpAddresses.isValid(address) ? null : "\"" + address + "\", which is not an IP address: use a form such as 192.0.2.10 or 2001:db8::1";
  }

  private String uri(String uri) {
    try {
      // A URI SAN is absolute (RFC 5280), so it needs a scheme.
      if (new URI(uri).isAbsolute()) {
        return null;
      }
    } catch (URISyntaxException e) {
      // Reported below like a relative URI.
    }
    return "\"" + uri + "\", which is not an absolute URI: use a form such as spiffe://example.com/ns/web/sa/web";
  }

  private String emailAddress(String address) {
    return PLAIN_EMAIL.matcher(address).matches()
        ? null
        : "\"" + address + "\", which is not a plain email address: write it as ops@example.com, without a display name";
  }

  private X509Subject subject() {
    X509Subject subject =
        new X509Subject(
            csv(IngressAnnotations.SUBJECT_ORGANIZATIONS),
            csv(IngressAnnotations.SUBJECT_COUNTRIES),
            csv(IngressAnnotations.SUBJECT_ORGANIZATIONAL_UNITS),
            csv(IngressAnnotations.SUBJECT_LOCALITIES),
            csv(IngressAnnotations.SUBJECT_PROVINCES),
            csv(IngressAnnotations.SUBJECT_STREET_ADDRESSES),
            csv(IngressAnnotations.SUBJECT_POSTAL_CODES),
            Optional.ofNullable(annotations.get(IngressAnnotations.SUBJECT_SERIAL_NUMBER)).filter(s -> !s.isEmpty()).orElse(null));
    return subject.equals(new X509Subject(null, null, null, null, null, null, null, null)) ? null : subject;
  }

  private List<String> csv(String key) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    try {
      return GoValues.splitCsv(value);
    } catch (IllegalArgumentException e) {
      problems.add(
          annotation(key) + " is not one line of comma-separated values (" + e.getMessage()
              + "): quote a value that holds a comma or a quote, as in \"1 Main St, Suite 2\",Leeds, and double a quote inside quotes");
      return null;
    }
  }

  private Duration duration(String key, Duration minimum) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    Duration duration;
    try {
      duration = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(annotation(key) + " " + GoValues.quote(value) + " is not a Go duration: use units h, m or s, such as 2160h or 1h30m (there is no d unit)");
      return null;
    }
    if (duration.compareTo(minimum) < 0) {
      problems.add(annotation(key) + " " + GoValues.quote(value) + " is too short: it must be at least " + GoDuration.format(minimum));
      return null;
    }
    return duration;
  }

  private Integer renewBeforePercentage() {
    String key = IngressAnnotations.RENEW_BEFORE_PERCENTAGE;
    Integer percentage = integer(key, "a whole number between 1 and 99, such as 33 to renew when a third of the lifetime is left");
    if (percentage != null && (percentage <= 0 || percentage >= 100)) {
      problems.add(annotation(key) + " must be between 0 and 100, exclusive, such as 33 to renew when a third of the lifetime is left");
      return null;
    }
    return percentage;
  }

  private Integer revisionHistoryLimit() {
    String key = IngressAnnotations.REVISION_HISTORY_LIMIT;
    Integer limit = integer(key, "a whole number of CertificateRequests to keep, at least 1");
    if (limit != null && limit < 1) {
      problems.add(annotation(key) + " must be at least 1: the CertificateRequest of the current certificate is always kept");
      return null;
    }
    return limit;
  }

  /** A 32-bit integer as Go's {@code strconv} reads it: decimal digits with an optional sign. */
  private Integer integer(String key, String expected) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    try {
      if (GO_INT.matcher(value).matches()) {
        return Integer.parseInt(value);
      }
    } catch (NumberFormatException e) {
      // Digits only, so out of range: reported below like any other bad number.
    }
    problems.add(annotation(key) + " " + GoValues.quote(value) + " is not " + expected);
    return null;
  }

  private List<KeyUsage> usages() {
    String key = IngressAnnotations.USAGES;
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    List<KeyUsage> usages = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String name = raw.strip();
      Optional<KeyUsage> usage = ApiNames.parse(KeyUsage.class, name);
      if (usage.isPresent()) {
        usages.add(usage.get());
      } else {
        problems.add(
            annotation(key) + " has " + (name.isEmpty() ? "an empty entry" : "the unknown usage " + GoValues.quote(name))
                + ": list usages separated by commas, from " + String.join(", ", ApiNames.all(KeyUsage.class)));
      }
    }
    return usages;
  }

  private CertificatePrivateKey privateKey() {
    PrivateKeyAlgorithm algorithm = choice(IngressAnnotations.PRIVATE_KEY_ALGORITHM, PrivateKeyAlgorithm.class);
    PrivateKeyEncoding encoding = choice(IngressAnnotations.PRIVATE_KEY_ENCODING, PrivateKeyEncoding.class);
    RotationPolicy rotationPolicy = choice(IngressAnnotations.PRIVATE_KEY_ROTATION_POLICY, RotationPolicy.class);
    boolean algorithmUnreadable = annotations.containsKey(IngressAnnotations.PRIVATE_KEY_ALGORITHM) && algorithm == null;
    Integer size = algorithmUnreadable ? null : keySize(algorithm == null ? PrivateKeyAlgorithm.RSA : algorithm);
    if (algorithm == null && encoding == null && rotationPolicy == null && size == null) {
      return null;
    }
    return new CertificatePrivateKey(rotationPolicy, encoding, algorithm, size);
  }

  private Integer keySize(PrivateKeyAlgorithm algorithm) {
    String key = IngressAnnotations.PRIVATE_KEY_SIZE;
    if (algorithm == PrivateKeyAlgorithm.ED25519) {
      // cert-manager only parses the number: an Ed25519 key ignores its size.
      return integer(key, "a whole number");
    }
    String sizes = algorithm == PrivateKeyAlgorithm.RSA ? "2048 to 8192 bits, such as 2048, 3072 or 4096" : "256, 384 or 521 (the curves P-256, P-384 and P-521)";
    Integer size = integer(key, "a key size for " + algorithm.name() + ": use " + sizes);
    boolean fits = size == null || (algorithm == PrivateKeyAlgorithm.RSA ? size >= 2048 && size <= 8192 : ECDSA_SIZES.contains(size));
    if (!fits) {
      problems.add(annotation(key) + " " + GoValues.quote(annotations.get(key)) + " is not a key size for " + algorithm.name() + ": use " + sizes);
      return null;
    }
    return size;
  }

  private <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    Optional<E> choice = ApiNames.parse(type, value);
    if (choice.isEmpty()) {
      problems.add(annotation(key) + " " + GoValues.quote(value) + " is not one of " + String.join(", ", ApiNames.all(type)) + " (case matters)");
    }
    return choice.orElse(null);
  }

  /** The secret-template JSON: only "annotations" and "labels", both maps of strings the Secret can carry. */
  private CertificateSecretTemplate secretTemplate() {
    String key = IngressAnnotations.SECRET_TEMPLATE;
    String value = annotations.get(key);
    if (value == null) {
      return null;
    }
    String expected = ": write a JSON object such as {\"labels\": {\"team\": \"web\"}, \"annotations\": {\"example.com/owner\": \"web\"}}";
    JsonNode template;
    try {
      template = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      problems.add(annotation(key) + " is not valid JSON (" + e.getOriginalMessage() + ")" + expected);
      return null;
    }
    if (template != null && template.isNull()) {
      // Go's encoding/json decodes null as no template at all.
      return null;
    }
    if (template == null || !template.isObject()) {
      problems.add(annotation(key) + " is not a JSON object" + expected);
      return null;
    }
    int before = problems.size();
    Map<String, String> secretAnnotations = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : template.properties()) {
      // Go's encoding/json matches field names regardless of case.
      String field = property.getKey();
      if (field.equalsIgnoreCase("annotations")) {
        secretAnnotations.putAll(stringMap(key, property.getValue(), "annotations"));
      } else if (field.equalsIgnoreCase("labels")) {
        labels.putAll(stringMap(key, property.getValue(), "labels"));
      } else {
        problems.add(annotation(key) + " has the unknown field " + GoValues.quote(field) + ": only \"annotations\" and \"labels\" are allowed");
      }
    }
    secretAnnotations.forEach((name, text) -> {
      if (!KubeNames.isQualifiedName(name)) {
        problems.add(annotation(key) + " has the annotation key " + GoValues.quote(name) + ", which is not a valid annotation key");
      } else if (name.startsWith("cert-manager.io/") && !name.equals(ALLOWED_CERT_MANAGER_SECRET_ANNOTATION)) {
        problems.add(
            annotation(key) + " has the annotation " + GoValues.quote(name)
                + ": cert-manager.io/ annotations on the Secret are written by the operator, use another prefix");
      }
    });
    labels.forEach((name, text) -> {
      if (!KubeNames.isQualifiedName(name)) {
        problems.add(annotation(key) + " has the label key " + GoValues.quote(name) + ", which is not a valid label key");
      } else if (!KubeNames.isLabelValue(text)) {
        problems.add(
            annotation(key) + " has the label " + GoValues.quote(name) + " with the value " + GoValues.quote(text)
                + ": label values are at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
      }
    });
    if (problems.size() > before || (secretAnnotations.isEmpty() && labels.isEmpty())) {
      return null;
    }
    return new CertificateSecretTemplate(secretAnnotations.isEmpty() ? null : secretAnnotations, labels.isEmpty() ? null : labels);
  }

  private Map<String, String> stringMap(String key, JsonNode map, String field) {
    Map<String, String> values = new LinkedHashMap<>();
    if (map.isNull()) {
      return values;
    }
    if (!map.isObject()) {
      problems.add(annotation(key) + " has \"" + field + "\" that is not a JSON object of strings");
      return values;
    }
    map.properties().forEach(entry -> {
      if (entry.getValue().isTextual()) {
        values.put(entry.getKey(), entry.getValue().textValue());
      } else {
        problems.add(annotation(key) + " has " + field + "." + entry.getKey() + " that is not a string: quote the value");
      }
    });
    return values;
  }

  private static String annotation(String key) {
    return "annotation \"" + key + "\"";
  }
}

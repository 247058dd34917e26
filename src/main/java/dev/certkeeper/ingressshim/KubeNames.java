package dev.certkeeper.ingressshim;

import java.util.regex.Pattern;

/** The API server's rules for object names, label keys and label values, checked before a write it would refuse. */
final class KubeNames {
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private KubeNames() {}

  /** A DNS-1123 subdomain, as Secret and Certificate names must be. */
  static boolean isSubdomain(String name) {
    return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
  }

  /** A label or annotation key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
  static boolean isQualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = key.substring(slash + 1);
    boolean prefixValid = slash < 0 || (slash > 0 && isSubdomain(key.substring(0, slash)));
    return prefixValid && name.length() <= 63 && NAME_PART.matcher(name).matches();
  }

  /** A label value: empty, or at most 63 characters starting and ending with a letter or digit. */
  static boolean isLabelValue(String value) {
    return value.isEmpty() || (value.length() <= 63 && NAME_PART.matcher(value).matches());
  }
}

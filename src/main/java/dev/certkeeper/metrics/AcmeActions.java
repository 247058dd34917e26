package dev.certkeeper.metrics;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names the ACME operation a request URL is for (cert-manager's {@code action} label), so that
 * metrics have one series per kind of endpoint rather than one per order or authorization. ACME
 * servers choose their own paths; these rules know Let's Encrypt's (Boulder), Pebble's and
 * step-ca's, matched one path segment at a time, and anything else is {@code unnamed_action}.
 */
final class AcmeActions {
  static final String UNNAMED = "unnamed_action";

  private record Rule(String action, Pattern segment) {}

  // First rule that matches any segment wins: finalize before order (step-ca: order/ID/finalize),
  // key change before account (Pebble: rollover-account-key).
  private static final List<Rule> RULES =
      List.of(
          rule("get_directory", "dir|directory"),
          rule("new_nonce", "new-?nonce|nonce-plz"),
          rule("new_account", "new-?acc(oun)?t|new-reg|sign-me-up"),
          rule("new_order", "new-?order|order-plz"),
          rule("revoke_certificate", "revoke-?cert"),
          rule("key_change", "key-?change|rollover-account-key"),
          rule("get_renewal_info", "renewal-?info"),
          rule("finalize_order", "finali[sz]e(-order)?"),
          rule("get_authorization", "authz(-v3)?|authori[sz]ation"),
          rule("accept_challenge", "chal(l|lenge)?z?(-v3)?"),
          rule("get_certificate", "cert(ificate)?z?"),
          rule("get_order", "(my-)?order"),
          rule("get_account", "(my-)?acc(oun)?t|reg"));

  private AcmeActions() {}

  private static Rule rule(String action, String segment) {
    return new Rule(action, Pattern.compile(segment, Pattern.CASE_INSENSITIVE));
  }

  /** The action for a request to this URL. */
  static String of(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath().toLowerCase(Locale.ROOT);
    List<String> segments = List.of(path.split("/"));
    for (Rule rule : RULES) {
      if (segments.stream().anyMatch(s -> rule.segment().matcher(s).matches())) {
        return rule.action();
      }
    }
    return UNNAMED;
  }
}

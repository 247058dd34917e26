package dev.certkeeper.acme.http01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeInputsTest {
  static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
  static final String THUMBPRINT = "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final String KEY = TOKEN + "." + THUMBPRINT;

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "a.example.com", "*.example.com", "xn--bcher-kva.example", "A-1.Example.COM", "localhost",
      "192.0.2.10", "2001:db8::1"})
  void acceptsDnsNamesWildcardsAndIpAddresses(String dnsName) {
    assertThat(ChallengeInputs.problem(dnsName, TOKEN, KEY)).isEmpty();
  }

  @ParameterizedTest(name = "{index}: {1}")
  @CsvSource(delimiter = '|', value = {
    "''|dnsName is empty",
    "a..example.com|dnsName \"a..example.com\" is neither an IP address nor a DNS name: label \"\" must be 1 to 63 letters, digits or inner hyphens",
    "-a.example.com|label \"-a\" must be",
    "a-.example.com|label \"a-\" must be",
    "a_b.example.com|label \"a_b\" must be",
    "a.example.com.|label \"\" must be",
    "a/b.example.com|label \"a/b\" must be",
    "a b.example.com|label \"a b\" must be",
    "*.*.example.com|label \"*\" must be",
    "a.*.example.com|label \"*\" must be",
    "example.com/../x|label \"com/\" must be",
  })
  void rejectsDnsNamesThatCannotBeHostNames(String dnsName, String message) {
    assertThat(ChallengeInputs.problem(dnsName, TOKEN, KEY)).get().asString().contains(message);
  }

  @Test
  void rejectsOverlongNamesAndLabels() {
    assertThat(ChallengeInputs.problem("a".repeat(64) + ".example.com", TOKEN, KEY)).get().asString().contains("must be 1 to 63");
    String longName = ("a".repeat(60) + ".").repeat(5) + "com";
    assertThat(ChallengeInputs.problem(longName, TOKEN, KEY)).get().asString().contains("longer than the 253 characters");
  }

  @Test
  void showsControlCharactersAsQuestionMarksSoTheMessageStaysOneLine() {
    assertThat(ChallengeInputs.problem("a\nb.example.com", TOKEN, KEY)).get().asString().contains("\"a?b\"").doesNotContain("\n");
  }

  @ParameterizedTest(name = "{index}: {1}")
  @CsvSource(delimiter = '|', value = {
    "''|token is empty",
    "abc/def|token \"abc/def\" has characters outside the base64url alphabet (A-Z a-z 0-9 - _)",
    "abc=|token \"abc=\" has characters outside the base64url alphabet (A-Z a-z 0-9 - _)",
    "abc+def|token \"abc+def\" has characters outside the base64url alphabet (A-Z a-z 0-9 - _)",
    "abc def|token \"abc def\" has characters outside the base64url alphabet (A-Z a-z 0-9 - _)",
    "../etc|token \"../etc\" has characters outside the base64url alphabet (A-Z a-z 0-9 - _)",
  })
  void rejectsTokensOutsideTheBase64UrlAlphabet(String token, String message) {
    assertThat(ChallengeInputs.problem("example.com", token, token + "." + THUMBPRINT)).isEqualTo(Optional.of(message));
  }

  @Test
  void rejectsOverlongTokens() {
    String token = "a".repeat(257);
    assertThat(ChallengeInputs.problem("example.com", token, token + "." + THUMBPRINT))
        .contains("token is 257 characters long; at most 256 are accepted");
  }

  @ParameterizedTest(name = "{index}: {1}")
  @CsvSource(delimiter = '|', value = {
    "other." + THUMBPRINT + "|key must start with the token followed by a dot (<token>.<thumbprint>)",
    TOKEN + THUMBPRINT + "|key must start with the token followed by a dot (<token>.<thumbprint>)",
    TOKEN + ".short|key must end in the account key's thumbprint: 43 base64url characters (a SHA-256 digest), got \"short\"",
    TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqT=|key must end in the account key's thumbprint",
  })
  void rejectsKeysThatAreNotTheTokensKeyAuthorization(String key, String message) {
    assertThat(ChallengeInputs.problem("example.com", TOKEN, key)).get().asString().startsWith(message);
  }

  @Test
  void rejectsAKeyWithATrailingNewline() {
    assertThat(ChallengeInputs.problem("example.com", TOKEN, KEY + "\n")).get().asString().startsWith("key must end in the account key's thumbprint");
  }

  @Test
  void theRecordCanOnlyHoldValidValues() {
    ChallengeInputs inputs = new ChallengeInputs("example.com", TOKEN, KEY);
    assertThat(inputs.isIpAddress()).isFalse();
    assertThat(new ChallengeInputs("192.0.2.10", TOKEN, KEY).isIpAddress()).isTrue();
    assertThatThrownBy(() -> new ChallengeInputs("example.com", "bad/token", KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token \"bad/token\"");
  }
}

package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import dev.certkeeper.testing.FakeAcmeServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/** Registering an account at a minimal ACME server that records what it was sent. */
class AccountRegistrarTest {
  private final FakeAcmeServer ca = new FakeAcmeServer();

  AccountRegistrarTest() {
    ca.answer("/account", 201, "application/json", "{\"status\":\"valid\"}", Map.of("Location", ca.url("/account/1")));
  }

  @AfterEach
  void stopServer() {
    ca.close();
  }

  private static AccountBuilder builder() {
    return new AccountBuilder().agreeToTermsOfService().useKeyPair(Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256));
  }

  @ParameterizedTest(name = "a {0}-byte MAC key")
  @ValueSource(ints = {24, 32, 48, 64})
  void signsTheExternalAccountBindingWithHs256WhateverTheKeyLength(int keyBytes) throws Exception {
    byte[] key = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(new byte[] {1}), keyBytes);

    AccountRegistrar.register(AccountRegistrar.bind(builder(), "kid-1", Base64.getUrlEncoder().withoutPadding().encodeToString(key)), new Session(ca.directory()));

    JsonNode binding = ca.payload("/account").get("externalAccountBinding");
    JsonNode header = FakeAcmeServer.decoded(binding.get("protected").asText());
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(header.get("kid").asText()).isEqualTo("kid-1");
    Mac hs256 = Mac.getInstance("HmacSHA256");
    hs256.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] signed = (binding.get("protected").asText() + "." + binding.get("payload").asText()).getBytes(StandardCharsets.US_ASCII);
    assertThat(Base64.getUrlDecoder().decode(binding.get("signature").asText())).isEqualTo(hs256.doFinal(signed));
  }

  @Test
  void aServerThatIsNotAcmeIsACaErrorInItsOwnWords() {
    ca.answer("/web-page", 200, "text/html", "<html><body>Welcome</body></html>", Map.of());

    assertThatThrownBy(() -> AccountRegistrar.register(builder(), new Session(ca.url("/web-page"))))
        .isInstanceOf(AcmeException.class)
        .hasMessageContaining("Unexpected content type: text/html");
  }

  @ParameterizedTest(name = "{0} and {1}: {2}")
  @CsvSource({
    "https://acme.example/acct/1, https://acme.example/directory, true",
    "https://acme.example/acct/1, https://acme.example:443/directory, true",
    "https://acme.example:443/acct/1, https://ACME.example/directory, true",
    "http://acme.example/acct/1, http://acme.example:80/dir, true",
    "https://acme.example:14000/my-account/1, https://acme.example:14000/dir, true",
    "https://acme-staging.example/acct/1, https://acme.example/directory, false",
    "https://acme.example:14000/acct/1, https://acme.example/directory, false",
    "https://acme.example/acct/1, http://acme.example/directory, false"
  })
  void anAccountBelongsToTheServerOnItsHostAndPortWrittenAnyWay(String account, String server, boolean same) {
    assertThat(AccountRegistrar.sameHost(account, server)).isEqualTo(same);
  }
}

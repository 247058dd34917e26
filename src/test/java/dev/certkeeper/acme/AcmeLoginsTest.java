package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.certkeeper.api.certmanager.Issuer;
import dev.certkeeper.issuers.IssuerLookup;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When an issuer has no account to log in with, though Ready: nothing is asked of a CA with an account that is not its own. */
class AcmeLoginsTest {
  private static Issuer issuer(String spec, String status) {
    return Serialization.unmarshal(
        "{\"apiVersion\": \"cert-manager.io/v1\", \"kind\": \"Issuer\", \"metadata\": {\"name\": \"le\", \"namespace\": \"web\"}, \"spec\": " + spec
            + ", \"status\": " + status + "}",
        Issuer.class);
  }

  static Stream<Arguments> noAccount() {
    String production = "{\"acme\": {\"server\": \"https://acme-v02.api.letsencrypt.org/directory\", \"privateKeySecretRef\": {\"name\": \"account\"}}}";
    return Stream.of(
        Arguments.of("no account registered yet", issuer(production, "{\"acme\": {}}"), "has not registered an ACME account yet"),
        Arguments.of("the server was edited; the account recorded is the old server's",
            issuer(production, "{\"acme\": {\"uri\": \"https://acme-staging-v02.api.letsencrypt.org/acme/acct/1\", \"lastPrivateKeyHash\": \"h\"}}"),
            "has not registered an ACME account with https://acme-v02.api.letsencrypt.org/directory yet (its account is https://acme-staging-v02.api.letsencrypt.org/acme/acct/1)"),
        Arguments.of("no longer an ACME issuer", issuer("{\"selfSigned\": {}}", "{\"acme\": {\"uri\": \"https://acme.example/acct/1\"}}"),
            "is not an ACME issuer (any more)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noAccount")
  void saysWhyThereIsNoAccountToLogInWith(String behaviour, Issuer issuer, String message) {
    IssuerLookup.Found found = new IssuerLookup.Found(issuer, "Issuer \"web/le\"", "web");

    assertThatThrownBy(() -> new AcmeLogins(null, null).login(found))
        .isInstanceOf(AccountKey.Unavailable.class)
        .hasMessage("Issuer \"web/le\" " + message);
  }
}

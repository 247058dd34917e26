package dev.certkeeper.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request URLs of real ACME servers map to one action per kind of endpoint, never to an id. */
class AcmeActionsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Let's Encrypt (Boulder)
    "https://acme-v02.api.letsencrypt.org/directory, get_directory",
    "https://acme-v02.api.letsencrypt.org/acme/new-nonce, new_nonce",
    "https://acme-v02.api.letsencrypt.org/acme/new-acct, new_account",
    "https://acme-v02.api.letsencrypt.org/acme/new-order, new_order",
    "https://acme-v02.api.letsencrypt.org/acme/acct/123456, get_account",
    "https://acme-v02.api.letsencrypt.org/acme/order/123456/789, get_order",
    "https://acme-v02.api.letsencrypt.org/acme/authz-v3/987654, get_authorization",
    "https://acme-v02.api.letsencrypt.org/acme/chall-v3/987654/AbCd, accept_challenge",
    "https://acme-v02.api.letsencrypt.org/acme/finalize/123456/789, finalize_order",
    "https://acme-v02.api.letsencrypt.org/acme/cert/03a1b2c3, get_certificate",
    "https://acme-v02.api.letsencrypt.org/acme/revoke-cert, revoke_certificate",
    "https://acme-v02.api.letsencrypt.org/acme/key-change, key_change",
    "https://acme-v02.api.letsencrypt.org/acme/renewal-info/aYhba4d.AFmq1, get_renewal_info",
    // Pebble
    "https://127.0.0.1:14000/dir, get_directory",
    "https://127.0.0.1:14000/nonce-plz, new_nonce",
    "https://127.0.0.1:14000/sign-me-up, new_account",
    "https://127.0.0.1:14000/order-plz, new_order",
    "https://127.0.0.1:14000/my-account/4f2a, get_account",
    "https://127.0.0.1:14000/my-order/Xy_z, get_order",
    "https://127.0.0.1:14000/authZ/Xy_z, get_authorization",
    "https://127.0.0.1:14000/chalZ/Xy_z, accept_challenge",
    "https://127.0.0.1:14000/finalize-order/Xy_z, finalize_order",
    "https://127.0.0.1:14000/certZ/Xy_z, get_certificate",
    "https://127.0.0.1:14000/rollover-account-key, key_change",
    "https://127.0.0.1:14000/draft-ietf-acme-ari-03/renewalInfo/aYhba4d, get_renewal_info",
    // step-ca (the provisioner's name is a segment of every path)
    "https://ca.internal/acme/acme/directory, get_directory",
    "https://ca.internal/acme/acme/order/Xy/finalize, finalize_order",
    "https://ca.internal/acme/acme/challenge/Ab/Cd, accept_challenge",
    "https://ca.internal/acme/acme/certificate/Ef, get_certificate",
    // anything else
    "https://ca.internal/, unnamed_action",
    "https://ca.internal/v1/something-else/42, unnamed_action",
  })
  void namesTheEndpointKind(String url, String action) {
    assertThat(AcmeActions.of(URI.create(url))).isEqualTo(action);
  }
}

package dev.certkeeper.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** A failed API request said in one line: the API server's own words, or why it could not be reached. */
class ApiErrorsTest {
  @Test
  void repeatsWhatTheApiServerAnswered() {
    KubernetesClientException e = new KubernetesClientException(
        "Failure executing: GET at: https://x/api ...", 403, new StatusBuilder().withCode(403).withMessage("certificates is forbidden: User \"dev\" cannot list").build());

    assertThat(ApiErrors.describe(e, null)).isEqualTo("the API server answered 403: certificates is forbidden: User \"dev\" cannot list");
  }

  @Test
  void namesTheServerAndTheCauseWhenItCannotBeReached() throws Exception {
    KubernetesClientException e = new KubernetesClientException("An error has occurred.", new IOException((String) null, new ConnectException()));

    assertThat(ApiErrors.describe(e, new URL("https://127.0.0.1:6443/"))).isEqualTo("cannot reach the API server at https://127.0.0.1:6443/: ConnectException");
    assertThat(ApiErrors.describe(new KubernetesClientException("x", new IOException("Connection refused")), null))
        .isEqualTo("cannot reach the API server: Connection refused");
  }
}

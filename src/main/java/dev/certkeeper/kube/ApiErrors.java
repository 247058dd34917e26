package dev.certkeeper.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

/** A failed API request in one line a user can act on: what the API server said, without the client's request dump. */
public final class ApiErrors {
  /** The Event and condition reason for an API request the API server refused or could not take. */
  public static final String REASON = "ApiError";
  /** How soon a controller tries again after such a request: a quota or policy may be lifted any time, and one request a half-minute costs little. */
  public static final Duration RETRY = Duration.ofSeconds(30);

  private ApiErrors() {}

  /**
   * Whether another writer changed the object first (409 Conflict, not AlreadyExists): read again
   * and retry at once, nothing to tell the user.
   */
  public static boolean isConflict(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT && !isAlreadyExists(e);
  }

  /** Whether a create found an object of that name already there (409 AlreadyExists). */
  public static boolean isAlreadyExists(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT && e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason());
  }

  /** What the API server said, or why it could not be reached. */
  public static String describe(KubernetesClientException e) {
    return describe(e, null);
  }

  /** What the API server said, or why it could not be reached; {@code server} (may be null) is named when it could not be. */
  public static String describe(KubernetesClientException e, URL server) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && e.getCode() > 0) {
      return "the API server answered " + e.getCode() + ": " + e.getStatus().getMessage();
    }
    return "cannot reach the API server" + (server == null ? "" : " at " + server) + ": " + cause(e);
  }

  /** The deepest message among the causes; the JDK's HTTP client often has none, so else the first telling exception type. */
  private static String cause(Throwable e) {
    String message = null;
    String type = null;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      } else if (type == null && t.getClass() != IOException.class) {
        type = t.getClass().getSimpleName();
      }
    }
    return message != null ? message : type != null ? type : e.getMessage();
  }
}

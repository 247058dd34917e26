package dev.certkeeper.acme;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/** The URLs the CA handed out, as recorded in status, back into acme4j's {@link URL}s. */
public final class AcmeUrls {
  private AcmeUrls() {}

  /** The URL; {@code where} names the record for the message when it is not one. */
  public static URL parse(String text, String where) {
    try {
      return URI.create(text).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException(where + " records a URL that is not one: " + text, e);
    }
  }
}

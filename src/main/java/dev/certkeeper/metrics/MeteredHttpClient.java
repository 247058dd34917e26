package dev.certkeeper.metrics;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HttpClient that reports every exchange (status and time to the response headers) and
 * otherwise does exactly what the client it wraps does. acme4j sends every ACME request, nonce
 * fetches and retries included, through the HttpClient its provider creates, so wrapping it there
 * sees them all.
 */
final class MeteredHttpClient extends HttpClient {
  /** Receives one call per exchange; status 999 when no response arrived (as cert-manager reports it). */
  interface Listener {
    void exchanged(HttpRequest request, int status, Duration took);
  }

  static final int NO_RESPONSE = 999;

  private final HttpClient client;
  private final Listener listener;

  MeteredHttpClient(HttpClient client, Listener listener) {
    this.client = client;
    this.listener = listener;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException, InterruptedException {
    long start = System.nanoTime();
    int status = NO_RESPONSE;
    try {
      HttpResponse<T> response = client.send(request, handler);
      status = response.statusCode();
      return response;
    } finally {
      listener.exchanged(request, status, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
    return metered(request, client.sendAsync(request, handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler, PushPromiseHandler<T> push) {
    return metered(request, client.sendAsync(request, handler, push));
  }

  private <T> CompletableFuture<HttpResponse<T>> metered(HttpRequest request, CompletableFuture<HttpResponse<T>> exchange) {
    long start = System.nanoTime();
    return exchange.whenComplete(
        (response, error) ->
            listener.exchanged(request, response == null ? NO_RESPONSE : response.statusCode(), Duration.ofNanos(System.nanoTime() - start)));
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return client.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return client.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return client.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return client.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return client.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return client.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return client.authenticator();
  }

  @Override
  public Version version() {
    return client.version();
  }

  @Override
  public Optional<Executor> executor() {
    return client.executor();
  }
}

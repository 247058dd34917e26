package dev.certkeeper.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.certkeeper.api.certmanager.PrivateKeyAlgorithm;
import dev.certkeeper.pki.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;

/** Registering an account at a minimal ACME server that records what it was sent. */
class AccountRegistrarTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final AtomicReference<String> newAccount = new AtomicReference<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/dir", exchange -> answer(exchange, 200, "application/json",
        "{\"newNonce\":\"" + url("/nonce") + "\",\"newAccount\":\"" + url("/account") + "\",\"newOrder\":\"" + url("/order") + "\"}"));
    server.createContext("/nonce", exchange -> answer(exchange, 200, null, null));
    server.createContext("/account", exchange -> {
      newAccount.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.getResponseHeaders().add("Location", url("/account/1"));
      answer(exchange, 201, "application/json", "{\"status\":\"valid\"}");
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    exchange.getResponseHeaders().add("Replay-Nonce", "bm9uY2U");
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static JsonNode decoded(String base64url) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(base64url));
  }

  @ParameterizedTest(name = "a {0}-byte MAC key")
  @ValueSource(ints = {24, 32, 48, 64})
  void signsTheExternalAccountBindingWithHs256WhateverTheKeyLength(int keyBytes) throws Exception {
    byte[] key = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(new byte[] {1}), keyBytes);
    AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(Fixtures.keyPair(PrivateKeyAlgorithm.ECDSA, 256));

    AccountRegistrar.bind(builder, "kid-1", Base64.getUrlEncoder().withoutPadding().encodeToString(key)).createLogin(new Session(URI.create(url("/dir"))));

    JsonNode binding = decoded(JSON.readTree(newAccount.get()).get("payload").asText()).get("externalAccountBinding");
    JsonNode header = decoded(binding.get("protected").asText());
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(header.get("kid").asText()).isEqualTo("kid-1");
    Mac hs256 = Mac.getInstance("HmacSHA256");
    hs256.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] signed = (binding.get("protected").asText() + "." + binding.get("payload").asText()).getBytes(StandardCharsets.US_ASCII);
    assertThat(Base64.getUrlDecoder().decode(binding.get("signature").asText())).isEqualTo(hs256.doFinal(signed));
  }
}

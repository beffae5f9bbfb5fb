package io.github.docuelevate.onedrive.testkit.internal.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.docuelevate.onedrive.testkit.internal.http.FakeExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces secret values with {@code ***} in headers, query parameters, forms and JSON. */
public final class Masking {
  /** What a masked value reads as. */
  public static final String MASK = "***";

  private static final Set<String> SECRET_NAMES =
      Set.of(
          "client_secret",
          "client_assertion",
          "code",
          "code_verifier",
          "device_code",
          "refresh_token",
          "access_token",
          "id_token",
          "assertion",
          "password",
          "token",
          "tempauth",
          "sig",
          "secret",
          "clientsecret",
          "refreshtoken",
          "accesstoken");
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");
  private static final Pattern JSON_PAIR =
      Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)(\"|$)");

  private Masking() {}

  /** Returns whether a parameter or JSON field name holds a secret. */
  public static boolean isSecretName(String name) {
    return SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Masks what follows a secret prefix in a path: {@code /graph-upload/***} for an upload session
   * URL, whose id is the credential.
   *
   * @param rawPath the path as received
   * @param secretPrefixes prefixes after which the path is a credential
   * @return the path, masked
   */
  public static String path(String rawPath, List<String> secretPrefixes) {
    for (String prefix : secretPrefixes) {
      if (rawPath.startsWith(prefix) && rawPath.length() > prefix.length()) {
        return prefix + MASK;
      }
    }
    return rawPath;
  }

  /** Masks the secret headers: {@code Authorization: Bearer ***}. */
  public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          List<String> masked = new ArrayList<>();
          for (String value : values) {
            if (!SECRET_HEADERS.contains(lower)) {
              masked.add(value);
            } else {
              int space = value.indexOf(' ');
              masked.add(space > 0 ? value.substring(0, space) + " " + MASK : MASK);
            }
          }
          out.put(lower, List.copyOf(masked));
        });
    return out;
  }

  /** Masks secret parameters. */
  public static Map<String, String> parameters(Map<String, String> parameters) {
    Map<String, String> out = new LinkedHashMap<>();
    parameters.forEach((k, v) -> out.put(k, isSecretName(k) ? MASK : v));
    return out;
  }

  /** Masks a form body, keeping its shape ({@code a=1&code=***}). */
  public static String form(String body) {
    StringBuilder out = new StringBuilder();
    for (String pair : body.split("&", -1)) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name;
      try {
        name = FakeExchange.decodeSegment(rawName.replace('+', ' '));
      } catch (IllegalArgumentException e) {
        name = rawName;
      }
      if (eq >= 0 && isSecretName(name)) {
        out.append(rawName).append('=').append(URLEncoder.encode(MASK, StandardCharsets.UTF_8));
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }

  /** Masks secret fields of a JSON body; a truncated or invalid body is masked textually. */
  public static String json(String body) {
    try {
      JsonNode node = FakeExchange.JSON.readTree(body);
      if (node != null) {
        mask(node);
        return FakeExchange.JSON.writeValueAsString(node);
      }
    } catch (IOException e) {
      // fall through to the textual masking
    }
    Matcher m = JSON_PAIR.matcher(body);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          isSecretName(m.group(1)) ? "\"" + m.group(1) + "\":\"" + MASK + "\"" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> secret = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isSecretName(field.getKey()) && field.getValue().isValueNode()) {
          secret.add(field.getKey());
        } else {
          mask(field.getValue());
        }
      }
      secret.forEach(name -> object.set(name, TextNode.valueOf(MASK)));
    } else if (node instanceof ArrayNode array) {
      array.forEach(Masking::mask);
    }
  }
}

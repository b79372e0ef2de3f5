package dev.credits4j.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}, the key being
 * the base64 bytes after a secret's {@code whsec_} prefix.
 */
final class WebhookSigner {
  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSigner() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The {@code webhook-signature} header: one {@code v1,} signature per secret, space-separated.
   */
  static String header(List<String> secrets, String id, long timestamp, String body) {
    return secrets.stream()
        .map(s -> "v1," + sign(s, id, timestamp, body))
        .collect(Collectors.joining(" "));
  }

  static String sign(String secret, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] sig =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("CREDITS-0520 HmacSHA256 is not available", e);
    }
  }

  private static byte[] key(String secret) {
    return Base64.getDecoder()
        .decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
  }
}

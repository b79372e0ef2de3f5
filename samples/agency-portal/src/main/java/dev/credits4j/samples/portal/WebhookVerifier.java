package dev.credits4j.samples.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's check of a signed webhook, exactly as docs/webhooks.md ("Verifying a delivery")
 * shows it: the timestamp within 5 minutes, then the Standard Webhooks signature over {@code
 * id.timestamp.body} compared in constant time.
 */
public final class WebhookVerifier {
  private WebhookVerifier() {}

  /** Whether the headers and raw body are a delivery signed with secret ("whsec_..."). */
  public static boolean verify(
      String secret, String id, String timestamp, String signatures, String body, Instant now)
      throws Exception {
    if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
      return false; // older or newer than 5 minutes: refuse (a replayed request)
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected =
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    for (String signature : signatures.split(" ")) {
      if (signature.startsWith("v1,")
          && MessageDigest.isEqual(
              expected, Base64.getDecoder().decode(signature.substring("v1,".length())))) {
        return true;
      }
    }
    return false;
  }
}

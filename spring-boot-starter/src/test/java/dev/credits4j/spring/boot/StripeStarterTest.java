package dev.credits4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.purchase.stripe.StripeWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The starter with {@code credits4j.stripe.*} set and stripe-java present (on embedded H2): the
 * {@link StripeWebhooks} bean, which verifies each delivery's signature before anything else and
 * handles each event id once.
 */
@SpringBootTest(
    classes = TestShop.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:starter-stripe;DB_CLOSE_DELAY=-1",
      "spring.datasource.username=sa",
      "credits4j.stripe.api-key=sk_test_starter",
      "credits4j.stripe.webhook-secret=" + StripeStarterTest.SECRET,
      "credits4j.stripe.success-url=https://shop.example/ok",
      "credits4j.stripe.cancel-url=https://shop.example/cancel"
    })
class StripeStarterTest {
  static final String SECRET = "whsec_starter";

  @Autowired StripeWebhooks webhooks;

  private static String sign(String payload, String secret) throws Exception {
    long t = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] v1 = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(v1);
  }

  @Test
  void theWebhooksBeanVerifiesAndHandlesStripesEvents() throws Exception {
    // A setup session credits4j did not start (no credits4j_wallet metadata): ignored, once.
    String payload =
        "{\"id\":\"evt_starter_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\","
            + "\"data\":{\"object\":{\"id\":\"cs_test_1\",\"object\":\"checkout.session\","
            + "\"mode\":\"setup\",\"status\":\"complete\",\"customer\":\"cus_1\",\"metadata\":{}}}}";
    StripeWebhooks.Receipt first = webhooks.handle(payload, sign(payload, SECRET));
    assertThat(first.outcome()).isEqualTo(StripeWebhooks.Outcome.IGNORED);
    assertThat(webhooks.handle(payload, sign(payload, SECRET)).outcome())
        .isEqualTo(StripeWebhooks.Outcome.DUPLICATE);
    // Signed with another secret: refused before anything is read.
    String other = payload.replace("evt_starter_1", "evt_starter_2");
    assertThatThrownBy(() -> webhooks.handle(other, sign(other, "whsec_someone_else")))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WEBHOOK_REJECTED));
  }
}

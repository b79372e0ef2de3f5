package dev.credits4j.rest.resource;

import dev.credits4j.purchase.stripe.StripeSettings;
import dev.credits4j.purchase.stripe.StripeWebhooks;
import dev.credits4j.rest.json.Jsonp;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stripe's webhook endpoint. No login: each delivery is verified by its {@code Stripe-Signature}
 * (400 when it does not verify) and handled once per event id. 503 until the host produces a {@link
 * StripeSettings} bean.
 */
@RequestScoped
@Path("/v1/webhooks/stripe")
public class StripeWebhookResource {
  /** Stripe's events stay far below this. */
  static final int MAX_BYTES = 512 * 1024;

  @Inject Instance<StripeSettings> settings;
  @Inject Instance<StripeWebhooks> webhooks;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(@HeaderParam("Stripe-Signature") String signature, InputStream in) {
    if (!settings.isResolvable() || !webhooks.isResolvable()) {
      throw new ApiException(ApiError.NOT_CONFIGURED, "Stripe is not configured on this server");
    }
    StripeWebhooks.Receipt receipt = webhooks.get().handle(read(in), signature);
    return Response.ok(
            Jsonp.PROVIDER
                .createObjectBuilder()
                .add("received", true)
                .add("eventId", receipt.eventId())
                .add("outcome", receipt.outcome().name())
                .build()
                .toString(),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  private static String read(InputStream in) {
    try {
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (body.length > MAX_BYTES) {
        throw new ApiException(
            ApiError.PAYLOAD_TOO_LARGE, "the body exceeds " + MAX_BYTES + " bytes");
      }
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ApiException(ApiError.MALFORMED_BODY, "the body could not be read");
    }
  }
}

package dev.credits4j.request;

import dev.credits4j.api.OfferingFilter;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The example services of the help text, for demos and the quickstart: Logo Design (25 credits per
 * logo, 1 request at a time), Blog Post Writing (15 credits per 1000 words, unlimited) and Social
 * Media Graphics (8 credits per graphic, up to 5 at a time).
 */
public final class DemoOfferings {
  private DemoOfferings() {}

  public static List<OfferingRequest> offerings() {
    return List.of(
        OfferingRequest.creditBased("Logo Design", BigDecimal.valueOf(25), BigDecimal.ONE, "logo")
            .description("A logo for your brand")
            .concurrentRequestLimit(1)
            .deliveryNotes("Includes 3 revision rounds; 5-7 day delivery")
            .build(),
        OfferingRequest.creditBased(
                "Blog Post Writing", BigDecimal.valueOf(15), BigDecimal.valueOf(1000), "1000 words")
            .description("Blog posts, priced per 1000 words")
            .deliveryNotes("SEO optimization included; 3-day turnaround")
            .build(),
        OfferingRequest.creditBased(
                "Social Media Graphics", BigDecimal.valueOf(8), BigDecimal.ONE, "graphic")
            .description("Graphics for your social media channels")
            .concurrentRequestLimit(5)
            .build());
  }

  /**
   * Creates each demo offering the workspace has none of that name for (in any state), so seeding
   * twice changes nothing. Returns the three offerings, created or found, in the order above.
   */
  public static List<OfferingView> seed(Offerings offerings, String workspace) {
    Map<String, OfferingView> existing =
        offerings.list(workspace, OfferingFilter.ALL).stream()
            .collect(Collectors.toMap(OfferingView::name, Function.identity(), (a, b) -> a));
    List<OfferingView> seeded = new ArrayList<>();
    for (OfferingRequest r : offerings()) {
      OfferingView found = existing.get(r.name());
      seeded.add(found != null ? found : offerings.create(workspace, r));
    }
    return List.copyOf(seeded);
  }
}

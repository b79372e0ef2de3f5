package dev.credits4j.rest.metrics;

import dev.credits4j.allotment.DefaultAllotments;
import dev.credits4j.catalog.DefaultPackageCatalog;
import dev.credits4j.expiry.DefaultExpirySweep;
import dev.credits4j.internal.TransactionEvents;
import dev.credits4j.ledger.DefaultCreditLedger;
import dev.credits4j.ledger.DefaultOrganizations;
import dev.credits4j.metrics.CreditsObservability;
import dev.credits4j.notify.DefaultExpiryWarnings;
import dev.credits4j.notify.DefaultNotificationDispatcher;
import dev.credits4j.notify.DefaultNotificationOutbox;
import dev.credits4j.promotion.DefaultPromotions;
import dev.credits4j.purchase.DefaultPurchases;
import dev.credits4j.report.DefaultReports;
import dev.credits4j.request.DefaultOfferings;
import dev.credits4j.request.DefaultServiceRequests;
import dev.credits4j.statement.DefaultStatements;
import dev.credits4j.subscription.DefaultSubscriptions;
import dev.credits4j.workspace.DefaultWorkspaces;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessBeanAttributes;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.inject.Singleton;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's meters ({@code GET /api/v1/metrics}, {@link ApiMeters}) and the SDK's services observed
 * into them. Observes the SDK's services under CDI the way {@code
 * Credits4j.builder().meterRegistry(..)} does: each service interface ({@code CreditLedger}, {@code
 * Workspaces}, ...) is served by a bean that wraps the SDK's implementation in {@link
 * CreditsObservability#observe}, so that every call from the API resources and the scheduler is
 * timed by service, operation and outcome. The implementations keep only their class as bean type,
 * and the SDK's own beans are injected with the plain implementations (a workspace's wallet grant
 * is one {@code Workspaces} call, not also a {@code CreditLedger} one), as the builder wires them.
 * The retries of the SDK's transactions reach the meters through a {@link TransactionEvents} bean,
 * which {@code CdiWiring} takes.
 */
public class ObservedServices implements Extension {
  /** Each observed service interface, by its implementation. */
  private static final Map<Class<?>, Class<?>> SERVICES =
      List.of(
              DefaultPackageCatalog.class,
              DefaultCreditLedger.class,
              DefaultWorkspaces.class,
              DefaultOfferings.class,
              DefaultServiceRequests.class,
              DefaultExpirySweep.class,
              DefaultPurchases.class,
              DefaultNotificationDispatcher.class,
              DefaultExpiryWarnings.class,
              DefaultAllotments.class,
              DefaultSubscriptions.class,
              DefaultStatements.class,
              DefaultPromotions.class,
              DefaultReports.class,
              DefaultOrganizations.class,
              DefaultNotificationOutbox.class)
          .stream()
          .collect(Collectors.toUnmodifiableMap(Function.identity(), ObservedServices::api));

  /** The implementations, by the interface they serve. */
  private static final Map<Type, Class<?>> IMPLEMENTATIONS =
      SERVICES.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  /** The meters, or null when they are off. */
  private final ApiMeters meters;

  private final CreditsObservability observability;

  /**
   * Observes the SDK's services into {@code meters}, or does nothing when it is null; the caller
   * keeps and closes the meters.
   */
  public ObservedServices(ApiMeters meters) {
    this.meters = meters;
    this.observability = meters == null ? null : CreditsObservability.of(null, meters.registry());
  }

  /** The one interface of the SDK's API that {@code impl} implements. */
  private static Class<?> api(Class<?> impl) {
    for (Class<?> i : impl.getInterfaces()) {
      if (i.getPackageName().equals("dev.credits4j.api")) {
        return i;
      }
    }
    throw new IllegalStateException(impl + " implements no service interface");
  }

  /** An implementation is a bean of its class only: the observed bean serves the interface. */
  void implementationOnly(@Observes ProcessBeanAttributes<?> event) {
    if (meters == null) {
      return;
    }
    Annotated annotated = event.getAnnotated();
    if (annotated instanceof AnnotatedType<?> type
        && SERVICES.containsKey(type.getJavaClass())
        && event.getBeanAttributes().getTypes().contains(SERVICES.get(type.getJavaClass()))) {
      event.configureBeanAttributes().types(type.getJavaClass(), Object.class);
    }
  }

  /** The SDK's own beans get the plain implementations, as the builder gives them. */
  void plainInsideTheSdk(@Observes ProcessInjectionPoint<?, ?> event) {
    if (meters == null) {
      return;
    }
    InjectionPoint ip = event.getInjectionPoint();
    Class<?> impl = IMPLEMENTATIONS.get(ip.getType());
    if (impl != null && isSdk(ip.getMember().getDeclaringClass())) {
      event.configureInjectionPoint().type(impl);
    }
  }

  private static boolean isSdk(Class<?> c) {
    String p = c.getPackageName();
    return p.startsWith("dev.credits4j.") && !p.startsWith("dev.credits4j.rest");
  }

  void addBeans(@Observes AfterBeanDiscovery abd) {
    if (meters == null) {
      return;
    }
    abd.addBean()
        .beanClass(ObservedServices.class)
        .types(ApiMeters.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> meters);
    SERVICES.forEach((impl, api) -> observed(abd, api, impl));
    TransactionEvents events = observability.transactionEvents();
    abd.addBean()
        .beanClass(ObservedServices.class)
        .types(TransactionEvents.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> events);
  }

  private <T> void observed(AfterBeanDiscovery abd, Class<T> api, Class<?> impl) {
    abd.addBean()
        .beanClass(ObservedServices.class)
        .types(api, Object.class)
        .scope(Singleton.class)
        .produceWith(beans -> observability.observe(api, api.cast(beans.select(impl).get())));
  }
}

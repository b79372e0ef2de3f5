package dev.credits4j.metrics;

import dev.credits4j.api.CreditsException;
import dev.credits4j.internal.TransactionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Objects;

/**
 * The SDK's metrics and traces through Micrometer (an optional dependency: this class is only
 * loaded when the host configures it). Every call of a service interface is one {@link Observation}
 * named {@value #OPERATION}, with the low-cardinality keys {@code service}, {@code operation} and
 * {@code outcome}: with a meter handler it becomes the timer {@code credits4j.operation} (count,
 * total time, max), with a tracing handler a span. Retries of the SDK's own transactions are
 * counted ({@value #RETRIES}, {@value #ATTEMPTS}, {@value #CONTENTION}) when a {@link
 * MeterRegistry} is given. The meters are listed in docs/operations.md.
 */
public final class CreditsObservability {
  /** The observation (and timer) of every service call. */
  public static final String OPERATION = "credits4j.operation";

  /** Counter: retries of the SDK's own transactions after a serialization failure or deadlock. */
  public static final String RETRIES = "credits4j.transaction.retries";

  /** Distribution summary: attempts a transaction of the SDK's own took. */
  public static final String ATTEMPTS = "credits4j.transaction.attempts";

  /** Counter: transactions given up with {@code contention}. */
  public static final String CONTENTION = "credits4j.transaction.contention";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;

  private CreditsObservability(ObservationRegistry observations, MeterRegistry meters) {
    this.observations = observations;
    this.meters = meters;
  }

  /**
   * Observations and meters: the host's observation registry (its handlers make the metrics and the
   * traces) and its meter registry for the retry counters; either may be null (not both). Without
   * an observation registry, one is made that records every observation as a timer in {@code
   * meters}.
   */
  public static CreditsObservability of(ObservationRegistry observations, MeterRegistry meters) {
    if (observations == null && meters == null) {
      throw new IllegalArgumentException("an ObservationRegistry or a MeterRegistry is required");
    }
    ObservationRegistry registry = observations;
    if (registry == null) {
      registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    }
    return new CreditsObservability(registry, meters);
  }

  /** {@code target} with each call of {@code api}'s methods observed. */
  public <T> T observe(Class<T> api, T target) {
    Objects.requireNonNull(target, "target");
    String service = api.getSimpleName();
    Object proxy =
        Proxy.newProxyInstance(
            api.getClassLoader(),
            new Class<?>[] {api},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
              }
              Observation observation =
                  Observation.createNotStarted(OPERATION, observations)
                      .contextualName("credits4j " + service + "." + method.getName())
                      .lowCardinalityKeyValue("service", service)
                      .lowCardinalityKeyValue("operation", method.getName())
                      .start();
              try (Observation.Scope scope = observation.openScope()) {
                Object result = method.invoke(target, args);
                observation.lowCardinalityKeyValue("outcome", "ok");
                return result;
              } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                observation.lowCardinalityKeyValue("outcome", outcome(cause));
                observation.error(cause);
                throw cause;
              } finally {
                observation.stop();
              }
            });
    return api.cast(proxy);
  }

  /** The outcome tag of a failure: the error's category, or {@code error}. */
  static String outcome(Throwable failure) {
    if (failure instanceof CreditsException e) {
      return switch (e.code().category()) {
        case INSUFFICIENT_CREDITS -> "insufficient";
        default -> e.code().category().name().toLowerCase(Locale.ROOT).replace('_', '-');
      };
    }
    return "error";
  }

  /** What the SDK's own transactions report, as meters (nothing without a meter registry). */
  public TransactionEvents transactionEvents() {
    if (meters == null) {
      return TransactionEvents.NONE;
    }
    Counter retries =
        Counter.builder(RETRIES)
            .description("retries after a serialization failure or deadlock")
            .register(meters);
    Counter contention =
        Counter.builder(CONTENTION)
            .description("transactions given up after the last attempt (contention)")
            .register(meters);
    DistributionSummary attempts =
        DistributionSummary.builder(ATTEMPTS)
            .description("attempts per transaction of the SDK's own")
            .register(meters);
    return new TransactionEvents() {
      @Override
      public void retried(int attempt) {
        retries.increment();
      }

      @Override
      public void finished(int count) {
        attempts.record(count);
      }

      @Override
      public void gaveUp(int count) {
        attempts.record(count);
        contention.increment();
      }
    };
  }
}

package dev.credits4j.rest.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's meter registry, read in the Prometheus text format: the SDK's operations by service,
 * operation and outcome, its transaction retries (see {@link ObservedServices}), and the JVM's
 * memory, garbage collection, threads, classes, CPU and uptime. The host adds its own (the
 * standalone server: the connection pool's).
 */
public final class ApiMeters implements AutoCloseable {
  /** What {@link PrometheusMeterRegistry#scrape()} writes: the text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private ApiMeters() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** A registry with the JVM's meters bound. */
  public static ApiMeters withJvmMeters() {
    ApiMeters meters = new ApiMeters();
    JvmGcMetrics gc = new JvmGcMetrics();
    meters.closeables.add(gc);
    for (MeterBinder binder :
        List.of(
            new JvmMemoryMetrics(),
            gc,
            new JvmThreadMetrics(),
            new ClassLoaderMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics())) {
      binder.bindTo(meters.registry);
    }
    return meters;
  }

  /** The registry, for the host's own meters and for the SDK's observation. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        System.getLogger(ApiMeters.class.getName())
            .log(System.Logger.Level.DEBUG, "closing a meter binder failed", e);
      }
    }
    registry.close();
  }
}

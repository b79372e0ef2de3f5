package dev.credits4j.spi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies an optional second {@code EntityManagerFactory} under CDI, built like the {@link
 * CreditsPersistenceUnit} one but over a read-only replica of the database. When the host produces
 * one, reports, history pages, CSV exports, statement lists and organization lists read from it;
 * everything else stays on the {@link CreditsPersistenceUnit} factory (docs/scaling.md, "Reads from
 * a replica"). The same as {@code Credits4j.builder().readReplica(...)}. A {@code @Dependent}
 * producer may return null: no replica then, as without such a bean (for a host whose replica is a
 * setting that may be unset).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface CreditsReadReplica {}

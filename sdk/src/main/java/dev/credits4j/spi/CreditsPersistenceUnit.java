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
 * Qualifies the {@code EntityManagerFactory} the SDK uses under CDI. The host produces one, built
 * over the {@code credits4j} persistence unit (or its own unit listing the SDK's entities):
 *
 * <pre>{@code
 * @Produces @ApplicationScoped @CreditsPersistenceUnit
 * EntityManagerFactory credits() { return Persistence.createEntityManagerFactory("credits4j", props); }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface CreditsPersistenceUnit {}

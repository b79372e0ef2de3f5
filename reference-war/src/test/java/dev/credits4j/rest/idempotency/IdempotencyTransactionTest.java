package dev.credits4j.rest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The idempotency store's own transactions on a connection that died mid-way. */
class IdempotencyTransactionTest {

  @Test
  void aFailingRollbackNeitherHidesTheRealErrorNorLeaksTheEntityManager() {
    AtomicBoolean closed = new AtomicBoolean();
    EntityTransaction tx =
        proxy(
            EntityTransaction.class,
            (name, args) ->
                switch (name) {
                  case "isActive" -> true;
                  case "rollback" -> throw new PersistenceException("rollback: connection closed");
                  default -> null;
                });
    EntityManager em =
        proxy(
            EntityManager.class,
            (name, args) ->
                switch (name) {
                  case "getTransaction" -> tx;
                  case "close" -> {
                    closed.set(true);
                    yield null;
                  }
                  default -> null;
                });
    EntityManagerFactory emf =
        proxy(
            EntityManagerFactory.class,
            (name, args) -> name.equals("createEntityManager") ? em : null);
    PersistenceException real = new PersistenceException("the statement failed: I/O error");

    Throwable thrown =
        catchThrowable(
            () ->
                Idempotency.inTransaction(
                    emf,
                    m -> {
                      throw real;
                    }));

    assertThat(thrown).isSameAs(real);
    assertThat(thrown.getSuppressed())
        .singleElement()
        .satisfies(s -> assertThat(s).hasMessageContaining("rollback"));
    assertThat(closed).isTrue();
  }

  interface Answer {
    Object answer(String method, Object[] args);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Answer answer) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, m, a) -> {
              if (m.getName().equals("hashCode")) {
                return System.identityHashCode(p);
              }
              if (m.getName().equals("equals")) {
                return p == a[0];
              }
              Object r = answer.answer(m.getName(), a);
              if (r == null && m.getReturnType() == boolean.class) {
                return false;
              }
              return r;
            });
  }
}

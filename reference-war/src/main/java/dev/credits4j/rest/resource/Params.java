package dev.credits4j.rest.resource;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.rest.dto.PageResponse;
import dev.credits4j.rest.json.Presence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryException;

/**
 * Query parameters and path ids: parsed strictly, every fault named. A path id that is not a UUID
 * names nothing that exists, so it is the same 404 as an unknown one.
 */
final class Params {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final List<FieldViolation> violations = new ArrayList<>();

  void fail(String field, String message) {
    violations.add(new FieldViolation(field, message));
  }

  int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("limit", "must be an integer from 1 to " + MAX_LIMIT);
    return DEFAULT_LIMIT;
  }

  Instant instant(String name, String text) {
    if (text == null) {
      return null;
    }
    try {
      Instant instant = Instant.parse(text);
      if (!dev.credits4j.rest.json.Instants.inRange(instant)) {
        fail(name, dev.credits4j.rest.json.Instants.RANGE_MESSAGE);
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      fail(name, "must be an ISO-8601 instant such as 2026-12-31T23:59:59Z");
      return null;
    }
  }

  /** An ISO-8601 date such as {@code 2026-11-28}; null when absent and optional. */
  LocalDate date(String name, String text, Presence presence) {
    if (text == null) {
      if (presence == Presence.REQUIRED) {
        fail(name, "is required: an ISO-8601 date such as 2026-11-28");
      }
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(text);
      if (date.getYear() < 1 || date.getYear() > 9999) {
        fail(name, "must be a date from 0001-01-01 to 9999-12-31");
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      fail(name, "must be an ISO-8601 date such as 2026-11-28");
      return null;
    }
  }

  /** An ISO 4217 currency code known to JSR 354, such as {@code USD}; null when absent. */
  CurrencyUnit currency(String name, String text) {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 3 && text.equals(text.toUpperCase(Locale.ROOT))) {
        return Monetary.getCurrency(text);
      }
    } catch (MonetaryException e) {
      // reported below
    }
    fail(name, "must be an ISO 4217 currency code such as USD");
    return null;
  }

  /** {@code true} or {@code false}; null when absent. */
  Boolean bool(String name, String text) {
    if (text == null) {
      return null;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    fail(name, "must be true or false");
    return null;
  }

  /** A decimal number such as {@code 1500} or {@code 2.5}; null when absent and optional. */
  BigDecimal decimal(String name, String text, Presence presence) {
    if (text == null) {
      if (presence == Presence.REQUIRED) {
        fail(name, "is required");
      }
      return null;
    }
    try {
      if (text.length() <= 40) {
        return new BigDecimal(text);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail(name, "must be a decimal number such as 1500 or 2.5");
    return null;
  }

  <E extends Enum<E>> E enumValue(String name, String text, Class<E> type) {
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      fail(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
      return null;
    }
  }

  void check() {
    if (!violations.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList()),
          violations);
    }
  }

  /** A path id: a UUID, or the entity's not-found error. */
  static <T> T pathId(String text, Function<UUID, T> make, ErrorCode notFound, String what) {
    try {
      return make.apply(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(notFound, "no " + what + " " + text);
    }
  }

  /**
   * One page of a list the SDK returns whole, in its order: the cursor is the last item's id, so
   * pages stay stable while items are added in front.
   */
  <T, R> PageResponse<R> page(
      List<T> all, Function<T, String> id, Function<T, R> map, String cursor, int limit) {
    int start = 0;
    if (cursor != null) {
      String last = decode(cursor);
      start = -1;
      for (int i = 0; last != null && i < all.size(); i++) {
        if (id.apply(all.get(i)).equals(last)) {
          start = i + 1;
          break;
        }
      }
      if (start < 0) {
        fail("cursor", "is not a cursor of this list");
        check();
      }
    }
    int end = Math.min(all.size(), start + limit);
    List<R> items = all.subList(start, end).stream().map(map).toList();
    String next = end < all.size() ? encode(id.apply(all.get(end - 1))) : null;
    return new PageResponse<>(items, next);
  }

  private static String encode(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package dev.credits4j.rest.json;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.MonetaryException;
import org.javamoney.moneta.Money;

/**
 * Validates a JSON request body field by field, collecting every fault before failing once with
 * {@link ErrorCode#INVALID_REQUEST} naming each bad field: unknown fields, missing ones, wrong JSON
 * types, numbers that are not positive, beyond 4 decimal places or beyond {@link #MAX_CREDITS},
 * unparseable instants, durations, currencies and enum names.
 *
 * <pre>{@code
 * Fields f = Fields.of(body, "credits", "reason");
 * BigDecimal credits = f.credits("credits", REQUIRED);
 * ReasonCode reason = f.enumValue("reason", ReasonCode.class, OPTIONAL);
 * f.check();
 * }</pre>
 */
public final class Fields {
  /** The largest credit amount any request may name: far beyond any real wallet. */
  public static final BigDecimal MAX_CREDITS = new BigDecimal("1000000000000");

  /** The largest money amount a request may name. */
  public static final BigDecimal MAX_MONEY = new BigDecimal("1000000000000");

  /** Decimal places a credit amount may have at most (a workspace may allow fewer). */
  public static final int MAX_CREDIT_SCALE = 4;

  private final JsonObject body;
  private final String prefix;
  private final List<FieldViolation> violations;

  private Fields(JsonObject body, String prefix, List<FieldViolation> violations) {
    this.body = body;
    this.prefix = prefix;
    this.violations = violations;
  }

  /** Validates {@code body}, which may hold only the {@code allowed} fields. */
  public static Fields of(JsonObject body, String... allowed) {
    Fields f = new Fields(body, "", new ArrayList<>());
    f.rejectUnknown(allowed);
    return f;
  }

  private void rejectUnknown(String... allowed) {
    Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
    for (String name : new TreeSet<>(body.keySet())) {
      if (!known.contains(name)) {
        violations.add(
            new FieldViolation(
                prefix + name,
                "unknown field; expected one of " + String.join(", ", known.stream().toList())));
      }
    }
  }

  /** Adds a fault found by the caller (a rule between fields). */
  public void fail(String field, String message) {
    violations.add(new FieldViolation(prefix + field, message));
  }

  public boolean has(String name) {
    return body.containsKey(name) && body.get(name).getValueType() != JsonValue.ValueType.NULL;
  }

  /** Throws {@link ErrorCode#INVALID_REQUEST} listing every fault, if any. */
  public void check() {
    if (!violations.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          violations.stream()
              .map(v -> v.field() + ": " + v.message())
              .collect(Collectors.joining("; ")),
          violations);
    }
  }

  private JsonValue value(String name, Presence presence) {
    if (body.containsKey(name) && body.get(name).getValueType() == JsonValue.ValueType.NULL) {
      fail(name, "must not be null; leave the field out instead");
      return null;
    }
    if (!has(name)) {
      if (presence == Presence.REQUIRED) {
        fail(name, "is required");
      }
      return null;
    }
    return body.get(name);
  }

  /** A string of 1 to {@code maxLength} characters, not blank. */
  public String string(String name, Presence presence, int maxLength) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      fail(name, "must be a string");
      return null;
    }
    String text = s.getString();
    if (text.isBlank()) {
      fail(name, "must not be blank");
      return null;
    }
    if (text.length() > maxLength) {
      fail(name, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  /**
   * An id or key such as an organization id: a string of 1 to {@code maxLength} characters, with no
   * control characters.
   */
  public String id(String name, Presence presence, int maxLength) {
    String text = string(name, presence, maxLength);
    if (text == null) {
      return null;
    }
    String fault = TextChecks.idFault(text);
    if (fault != null) {
      fail(name, fault);
      return null;
    }
    return text;
  }

  /**
   * A nested JSON object holding only the {@code allowed} fields, read with the returned {@code
   * Fields}, whose faults name {@code name.field}; null when absent or null (and a fault when it is
   * not an object).
   */
  public Fields object(String name, String... allowed) {
    JsonValue v = value(name, Presence.OPTIONAL);
    if (v == null) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      fail(name, "must be an object");
      return null;
    }
    Fields inner = new Fields(v.asJsonObject(), prefix + name + ".", violations);
    inner.rejectUnknown(allowed);
    return inner;
  }

  /** A JSON boolean; {@code whenAbsent} when the body does not have it. */
  public boolean boolOr(String name, boolean whenAbsent) {
    JsonValue v = value(name, Presence.OPTIONAL);
    if (v == null) {
      return whenAbsent;
    }
    if (v == JsonValue.TRUE) {
      return true;
    }
    if (v == JsonValue.FALSE) {
      return false;
    }
    fail(name, "must be true or false");
    return whenAbsent;
  }

  /** A JSON integer between {@code min} and {@code max}. */
  public Integer integer(String name, Presence presence, int min, int max) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonNumber n)) {
      fail(name, "must be an integer");
      return null;
    }
    BigDecimal d = n.bigDecimalValue();
    if (d.stripTrailingZeros().scale() > 0) {
      fail(name, "must be an integer");
      return null;
    }
    if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
      fail(name, "must be between " + min + " and " + max);
      return null;
    }
    return d.intValueExact();
  }

  /** A JSON array of integers between {@code min} and {@code max}; at most 20 of them. */
  public List<Integer> integers(String name, Presence presence, int min, int max) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY || v.asJsonArray().size() > 20) {
      fail(name, "must be an array of at most 20 integers");
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (JsonValue item : v.asJsonArray()) {
      if (!(item instanceof JsonNumber n)
          || n.bigDecimalValue().stripTrailingZeros().scale() > 0
          || n.bigDecimalValue().compareTo(BigDecimal.valueOf(min)) < 0
          || n.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
        fail(name, "must hold integers between " + min + " and " + max);
        return null;
      }
      out.add(n.intValue());
    }
    return out;
  }

  /** A credit amount: a JSON number greater than zero, at most 4 decimals, at most 10^12. */
  public BigDecimal credits(String name, Presence presence) {
    return decimal(name, presence, Least.ABOVE_ZERO);
  }

  /** A credit amount that may also be zero. */
  public BigDecimal creditsOrZero(String name, Presence presence) {
    return decimal(name, presence, Least.ZERO);
  }

  /** The least amount a credit field takes. */
  private enum Least {
    ABOVE_ZERO,
    ZERO
  }

  private BigDecimal decimal(String name, Presence presence, Least least) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonNumber n)) {
      fail(name, "must be a JSON number");
      return null;
    }
    BigDecimal d = n.bigDecimalValue();
    if (d.signum() < 0 || (least == Least.ABOVE_ZERO && d.signum() == 0)) {
      fail(name, least == Least.ZERO ? "must be zero or more" : "must be greater than zero");
      return null;
    }
    if (d.compareTo(MAX_CREDITS) > 0) {
      fail(name, "must be at most " + MAX_CREDITS.toPlainString());
      return null;
    }
    if (d.stripTrailingZeros().scale() > MAX_CREDIT_SCALE) {
      fail(name, "must have at most " + MAX_CREDIT_SCALE + " decimal places");
      return null;
    }
    return d;
  }

  /** One of the enum's constant names, exactly. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type, Presence presence) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    if (!(v instanceof JsonString s)) {
      fail(name, "must be one of " + allowed);
      return null;
    }
    try {
      return Enum.valueOf(type, s.getString());
    } catch (IllegalArgumentException e) {
      fail(name, "must be one of " + allowed);
      return null;
    }
  }

  /** An ISO-8601 instant such as {@code 2026-12-31T23:59:59Z}. */
  public Instant instant(String name, Presence presence) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      try {
        Instant instant = Instant.parse(s.getString());
        if (!Instants.inRange(instant)) {
          fail(name, Instants.RANGE_MESSAGE);
          return null;
        }
        return instant;
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    fail(name, "must be an ISO-8601 instant such as 2026-12-31T23:59:59Z");
    return null;
  }

  /** An ISO-8601 duration such as {@code PT2H} or {@code P7D}, greater than zero. */
  public Duration duration(String name, Presence presence) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      try {
        Duration d = Duration.parse(s.getString());
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    fail(name, "must be a positive ISO-8601 duration such as PT2H or P7D");
    return null;
  }

  /** A time zone id such as {@code Europe/Paris}. */
  public ZoneId zone(String name, Presence presence) {
    String text = string(name, presence, 64);
    if (text == null) {
      return null;
    }
    try {
      return ZoneId.of(text);
    } catch (java.time.DateTimeException e) {
      fail(name, "must be a time zone id such as Europe/Paris");
      return null;
    }
  }

  /** A currency code known to JSR 354, such as {@code USD}. */
  public CurrencyUnit currency(String name, Presence presence) {
    String text = string(name, presence, 3);
    if (text == null) {
      return null;
    }
    return currencyOf(name, text);
  }

  private CurrencyUnit currencyOf(String field, String code) {
    try {
      if (code.length() == 3 && code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
        return Monetary.getCurrency(code);
      }
    } catch (MonetaryException e) {
      // reported below
    }
    fail(field, "must be an ISO 4217 currency code such as USD");
    return null;
  }

  /**
   * Money: {@code {"amount": "449.00", "currency": "USD"}}, the amount a decimal string (or a JSON
   * number), zero or more, with no more decimals than {@code maxScale} (the currency's minor unit
   * when negative).
   */
  public MonetaryAmount money(String name, Presence presence, int maxScale) {
    JsonValue v = value(name, presence);
    if (v == null) {
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      fail(name, "must be an object {\"amount\": \"449.00\", \"currency\": \"USD\"}");
      return null;
    }
    Fields inner = new Fields(v.asJsonObject(), prefix + name + ".", violations);
    inner.rejectUnknown("amount", "currency");
    CurrencyUnit currency = inner.currency("currency", Presence.REQUIRED);
    BigDecimal amount = null;
    JsonValue a = inner.value("amount", Presence.REQUIRED);
    if (a instanceof JsonString s) {
      try {
        amount = new BigDecimal(s.getString());
      } catch (NumberFormatException e) {
        inner.fail("amount", "must be a decimal number such as \"449.00\"");
      }
    } else if (a instanceof JsonNumber n) {
      amount = n.bigDecimalValue();
    } else if (a != null) {
      inner.fail("amount", "must be a decimal string such as \"449.00\"");
    }
    if (amount == null || currency == null) {
      return null;
    }
    int scale = maxScale < 0 ? currency.getDefaultFractionDigits() : maxScale;
    if (amount.signum() < 0) {
      inner.fail("amount", "must be zero or more");
    } else if (amount.compareTo(MAX_MONEY) > 0) {
      inner.fail("amount", "must be at most " + MAX_MONEY.toPlainString());
    } else if (amount.stripTrailingZeros().scale() > scale) {
      inner.fail("amount", "must have at most " + scale + " decimal places");
    } else {
      return Money.of(amount, currency);
    }
    return null;
  }
}

package dev.credits4j.internal;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Credit amounts are exact decimals stored with {@value #STORAGE_SCALE} places; a workspace allows
 * 0 to 4 of them in requests.
 */
public final class CreditAmounts {
  public static final int STORAGE_SCALE = 4;
  public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(STORAGE_SCALE);

  /** The largest amount one operation may move: well inside NUMERIC(19,4). */
  public static final BigDecimal MAX = new BigDecimal("1000000000000");

  private CreditAmounts() {}

  /** The amount at storage scale; exact (it never rounds a valid amount). */
  public static BigDecimal normalize(BigDecimal amount) {
    return amount.setScale(STORAGE_SCALE, RoundingMode.UNNECESSARY);
  }

  /**
   * Checks a requested amount: present, positive, at most {@link #MAX}, and with no more decimal
   * places than the workspace's scale. Returns it at storage scale.
   */
  public static BigDecimal requirePositive(String field, BigDecimal amount, int workspaceScale) {
    String problem = problem(amount, Least.ABOVE_ZERO, workspaceScale, MAX);
    if (problem != null) {
      throw invalid(field, problem);
    }
    return normalize(amount);
  }

  /** The least amount a field takes. */
  public enum Least {
    /** Greater than zero. */
    ABOVE_ZERO,
    /** Zero or more. */
    ZERO
  }

  /**
   * What is wrong with a requested amount, or null when nothing is: missing, below {@code least},
   * above {@code max}, or with more decimal places than {@code scale}. The one wording every field
   * check of the SDK uses.
   */
  public static String problem(BigDecimal amount, Least least, int scale, BigDecimal max) {
    if (amount == null) {
      return "is required";
    }
    boolean zeroAllowed = least == Least.ZERO;
    if (zeroAllowed ? amount.signum() < 0 : amount.signum() <= 0) {
      return (zeroAllowed ? "must not be negative" : "must be greater than zero")
          + ", was "
          + amount.toPlainString();
    }
    if (amount.compareTo(max) > 0) {
      return "must be at most " + max.toPlainString() + ", was " + amount.toPlainString();
    }
    if (amount.stripTrailingZeros().scale() > scale) {
      return "has more than "
          + scale
          + " decimal place"
          + (scale == 1 ? "" : "s")
          + " allowed by the workspace, was "
          + amount.toPlainString();
    }
    return null;
  }

  /** Like {@link #requirePositive} but zero is allowed. */
  public static BigDecimal requireNonNegative(String field, BigDecimal amount, int workspaceScale) {
    if (amount != null && amount.signum() == 0) {
      return ZERO;
    }
    return requirePositive(field, amount, workspaceScale);
  }

  public static CreditsException invalid(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_AMOUNT,
        field + " " + problem,
        List.of(new FieldViolation(field, problem)));
  }

  /** Plain text at the smallest scale that keeps the value, e.g. {@code 25} or {@code 2.5}. */
  public static String display(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}

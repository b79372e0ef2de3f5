package dev.credits4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error codes are a published contract: unique, stable-looking, typed and categorised. */
class ErrorCodeTest {
  private static final List<ErrorCode> CODES = Arrays.asList(ErrorCode.values());

  @Test
  void codesAreUnique() {
    assertThat(CODES.stream().map(ErrorCode::code)).doesNotHaveDuplicates();
  }

  @Test
  void codesAreKebabCase() {
    assertThat(CODES).allSatisfy(c -> assertThat(c.code()).as("%s", c).matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void typeUrisAreUniqueAndBuiltFromTheCode() {
    assertThat(CODES.stream().map(ErrorCode::type)).doesNotHaveDuplicates();
    assertThat(CODES)
        .allSatisfy(
            c -> {
              URI type = c.type();
              assertThat(type.isAbsolute()).as("%s type is absolute", c).isTrue();
              assertThat(type.getScheme()).isEqualTo("https");
              assertThat(type.toString()).isEqualTo(ErrorCode.TYPE_BASE + c.code());
            });
  }

  @Test
  void everyCodeHasACategory() {
    assertThat(CODES).allSatisfy(c -> assertThat(c.category()).as("%s", c).isNotNull());
  }

  @Test
  void everyCategoryIsUsed() {
    assertThat(CODES.stream().map(ErrorCode::category).distinct())
        .containsExactlyInAnyOrder(ErrorCategory.values());
  }

  @Test
  void insufficientCreditsCarriesItsCodeAndFigures() {
    InsufficientCreditsException e =
        new InsufficientCreditsException(
            java.math.BigDecimal.TEN,
            java.math.BigDecimal.valueOf(4),
            java.math.BigDecimal.valueOf(7),
            java.math.BigDecimal.valueOf(3));
    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(e.code().category()).isEqualTo(ErrorCategory.INSUFFICIENT_CREDITS);
    assertThat(e).isInstanceOf(CreditsException.class).isInstanceOf(RuntimeException.class);
    assertThat(e.getMessage()).contains("required 7", "available 4", "shortfall 3");
  }
}

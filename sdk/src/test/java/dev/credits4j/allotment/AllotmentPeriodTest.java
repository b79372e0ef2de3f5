package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.AllotmentPeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Period arithmetic: counted from the start date, months clamped to their end, never chained. */
class AllotmentPeriodTest {
  private static List<LocalDate> starts(AllotmentPeriod p, String first, int count) {
    return IntStream.range(0, count).mapToObj(i -> p.start(LocalDate.parse(first), i)).toList();
  }

  private static List<LocalDate> days(String... iso) {
    return java.util.Arrays.stream(iso).map(LocalDate::parse).toList();
  }

  @Test
  void monthsAreAnchoredToTheStartDayAndClampedToTheMonthsEnd() {
    assertThat(starts(AllotmentPeriod.MONTHLY, "2027-01-31", 5))
        .containsExactlyElementsOf(
            days("2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"));
    assertThat(starts(AllotmentPeriod.MONTHLY, "2028-01-31", 3))
        .containsExactlyElementsOf(days("2028-01-31", "2028-02-29", "2028-03-31"));
    assertThat(starts(AllotmentPeriod.MONTHLY, "2026-01-30", 3))
        .containsExactlyElementsOf(days("2026-01-30", "2026-02-28", "2026-03-30"));
  }

  @Test
  void quartersAreThreeMonthsAndYearsClampTheLeapDay() {
    assertThat(starts(AllotmentPeriod.QUARTERLY, "2026-11-30", 3))
        .containsExactlyElementsOf(days("2026-11-30", "2027-02-28", "2027-05-30"));
    assertThat(starts(AllotmentPeriod.YEARLY, "2028-02-29", 3))
        .containsExactlyElementsOf(days("2028-02-29", "2029-02-28", "2030-02-28"));
  }

  @Test
  void daysAndWeeksCountFromTheStart() {
    assertThat(starts(AllotmentPeriod.DAILY, "2026-12-30", 3))
        .containsExactlyElementsOf(days("2026-12-30", "2026-12-31", "2027-01-01"));
    assertThat(starts(AllotmentPeriod.WEEKLY, "2026-12-28", 3))
        .containsExactlyElementsOf(days("2026-12-28", "2027-01-04", "2027-01-11"));
  }

  @Test
  void aNegativeIndexIsRefused() {
    assertThatThrownBy(() -> AllotmentPeriod.DAILY.start(LocalDate.parse("2026-01-01"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

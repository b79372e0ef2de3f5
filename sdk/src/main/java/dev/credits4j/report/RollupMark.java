package dev.credits4j.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A workspace's rollup watermark: every day before {@code nextDay} of {@code timeZone} is rolled
 * up. Moved only under its own row lock, in the transaction that writes the days it covers.
 */
@Entity
@Table(name = "credits_report_rollup")
class RollupMark {
  @Id
  @Column(name = "workspace_key", length = 64)
  private String workspace;

  @Column(name = "time_zone", nullable = false, length = 64)
  private String timeZone;

  @Column(name = "next_day", nullable = false, length = 10)
  private String nextDay;

  @Column(name = "updated_at", nullable = false)
  private Long updatedAt;

  protected RollupMark() {}

  RollupMark(String workspace, ZoneId zone, LocalDate nextDay, long updatedAt) {
    this.workspace = workspace;
    this.timeZone = zone.getId();
    this.nextDay = nextDay.toString();
    this.updatedAt = updatedAt;
  }

  ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  LocalDate nextDay() {
    return LocalDate.parse(nextDay);
  }

  void advance(LocalDate next, long at) {
    this.nextDay = next.toString();
    this.updatedAt = at;
  }
}

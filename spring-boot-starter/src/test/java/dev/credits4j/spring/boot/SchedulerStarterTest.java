package dev.credits4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Webhooks;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The starter with {@code credits4j.scheduler.enabled} and {@code credits4j.webhooks.enabled} (on
 * embedded H2): the scheduler runs every job the standalone server and the WAR run, the SDK's own
 * at the configured interval, and the webhooks bean exists.
 */
@SpringBootTest(
    classes = TestShop.class,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:starter-jobs;DB_CLOSE_DELAY=-1",
      "spring.datasource.username=sa",
      "credits4j.scheduler.enabled=true",
      "credits4j.scheduler.interval=45m",
      "credits4j.webhooks.enabled=true"
    })
class SchedulerStarterTest {
  @Autowired ApplicationContext context;
  @Autowired CreditsScheduler scheduler;

  @Test
  void everyJobOfTheServersIsScheduled() {
    Map<String, Duration> jobs =
        scheduler.jobs().stream()
            .collect(
                Collectors.toMap(
                    CreditsScheduler.JobStatus::name, CreditsScheduler.JobStatus::interval));
    Duration interval = Duration.ofMinutes(45);
    assertThat(jobs)
        .containsEntry(CreditsScheduler.EXPIRY, interval)
        .containsEntry(CreditsScheduler.ALLOTMENTS, interval)
        .containsEntry(CreditsScheduler.PURCHASE_RECONCILIATION, interval)
        .containsEntry(CreditsScheduler.REPORT_ROLLUP, interval)
        .containsEntry(CreditsScheduler.REFUND_RESEND, interval)
        .containsEntry(CreditsScheduler.HOLD_RELEASE, interval)
        .containsEntry(CreditsScheduler.SUBSCRIPTIONS, interval)
        .containsEntry(CreditsScheduler.STATEMENTS, interval)
        .containsEntry("notification-dispatch", interval)
        .containsEntry("expiry-warnings", interval)
        .containsEntry(CreditsScheduler.AUTO_TOP_UP, CreditsScheduler.AUTO_TOP_UP_INTERVAL)
        .containsEntry(CreditsScheduler.WEBHOOKS, CreditsScheduler.WEBHOOKS_INTERVAL);
    assertThat(context.getBean(Webhooks.class)).isNotNull();
  }

  @Test
  void theStatementAndSubscriptionJobsRun() throws InterruptedException {
    // runNow refuses (false) only while the job is running; its first run starts at once.
    for (String job : new String[] {CreditsScheduler.STATEMENTS, CreditsScheduler.SUBSCRIPTIONS}) {
      boolean ran = false;
      for (int attempt = 0; attempt < 500 && !ran; attempt++) {
        ran = scheduler.runNow(job);
        if (!ran) {
          Thread.sleep(20); // the scheduled run is under way
        }
      }
      assertThat(ran).as(job).isTrue();
      CreditsScheduler.JobStatus status =
          scheduler.jobs().stream().filter(j -> j.name().equals(job)).findFirst().orElseThrow();
      assertThat(status.runs()).as(job).isPositive();
      assertThat(status.failures()).as(job).isZero();
    }
  }
}

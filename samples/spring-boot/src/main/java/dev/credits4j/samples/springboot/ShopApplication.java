package dev.credits4j.samples.springboot;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import javax.money.Monetary;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A shop selling credit packs: {@link Checkout} records the order and grants the credits. */
@SpringBootApplication
public class ShopApplication {
  /** The shop's workspace (its tenant in the ledger). */
  public static final String WORKSPACE = "shop";

  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  /** Creates the shop's workspace on first start. */
  @Bean
  ApplicationRunner workspace(Workspaces workspaces) {
    return args -> {
      try {
        workspaces.create(
            WorkspaceSettings.builder(WORKSPACE, Monetary.getCurrency("USD")).name("Shop").build());
      } catch (CreditsException e) {
        if (e.code() != ErrorCode.WORKSPACE_EXISTS) {
          throw e;
        }
      }
    };
  }
}

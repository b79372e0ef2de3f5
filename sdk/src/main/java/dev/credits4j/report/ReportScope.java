package dev.credits4j.report;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.workspace.Workspace;
import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import javax.money.CurrencyUnit;
import javax.money.Monetary;

/** A report's workspace, its time zone and currency, and the currency reported. */
record ReportScope(String workspace, ZoneId zone, String workspaceCurrency, CurrencyUnit currency) {
  /** The workspace, or {@link ErrorCode#WORKSPACE_NOT_FOUND}. */
  static Workspace workspace(EntityManager em, String key) {
    Workspace ws = em.find(Workspace.class, key);
    if (ws == null) {
      throw new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + key + "'");
    }
    return ws;
  }

  String currencyCode() {
    return currency.getCurrencyCode();
  }

  CurrencyUnit workspaceCurrencyUnit() {
    return Monetary.getCurrency(workspaceCurrency);
  }
}

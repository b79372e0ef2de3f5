package dev.credits4j.report;

import java.time.ZoneId;
import javax.money.CurrencyUnit;
import javax.money.Monetary;

/** A report's workspace, its time zone and currency, and the currency reported. */
record Scope(String workspace, ZoneId zone, String workspaceCurrency, CurrencyUnit currency) {
  String currencyCode() {
    return currency.getCurrencyCode();
  }

  CurrencyUnit workspaceCurrencyUnit() {
    return Monetary.getCurrency(workspaceCurrency);
  }
}

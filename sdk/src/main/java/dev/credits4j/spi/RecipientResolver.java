package dev.credits4j.spi;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import java.util.List;

/**
 * Maps an organization to the e-mail addresses its notifications go to. The SDK never owns users:
 * the host knows who in an organization should hear about purchases, balance and expiry.
 */
@FunctionalInterface
public interface RecipientResolver {

  /**
   * The addresses (RFC 822, e.g. {@code "Cleo <cleo@acme.test>"}) that receive notifications of
   * {@code type} for {@code organization}; empty to send none.
   */
  List<String> recipients(WalletRef organization, NotificationType type);
}

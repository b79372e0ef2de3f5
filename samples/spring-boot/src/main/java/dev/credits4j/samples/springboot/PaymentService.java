package dev.credits4j.samples.springboot;

import org.springframework.stereotype.Component;

/** The shop's card processor (a stand-in: declines amounts over 100 000 cents). */
@Component
public class PaymentService {

  /** Thrown when the card is declined. */
  public static class DeclinedException extends RuntimeException {
    public DeclinedException(String message) {
      super(message);
    }
  }

  public void charge(String customer, long cents) {
    if (cents > 100_000) {
      throw new DeclinedException("card of " + customer + " declined for " + cents + " cents");
    }
  }
}
